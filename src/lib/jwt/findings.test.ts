import { base64url, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { classifyToken } from './classify';
import { decodeToken } from './decode';
import { collectFindings, FINDING_IDS } from './findings';
import type { FindingId } from './findings';
import { cleanTokenInput } from './lenient-input';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

const NOW = 1_700_000_000;
const jwt = (claims: object, header: object = { alg: 'HS256' }, signature = 'c2ln') =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(claims))}.${signature}`;

async function ids(raw: string, keyText = ''): Promise<FindingId[]> {
  const cleaned = cleanTokenInput(raw);
  const decoded = decodeToken(cleaned.token);
  const verdict = await verifyToken(decoded, keyText, DEFAULT_VERIFY_OPTIONS);
  return collectFindings({ cleaned, decoded, verdict, classification: classifyToken(decoded), now: NOW }).map((f) => f.id);
}

const fresh = { exp: NOW + 3600, iat: NOW - 60 };

describe('collectFindings', () => {
  it('alg-none', async () => {
    expect(await ids(jwt(fresh, { alg: 'none' }, ''))).toContain('alg-none');
  });

  it('alg-confusion', async () => {
    const { publicKey } = await generateKeyPair('RS256');
    expect(await ids(jwt(fresh), await exportSPKI(publicKey))).toContain('alg-confusion');
  });

  it('alg-key-mismatch', async () => {
    expect(await ids(jwt(fresh, { alg: 'RS256' }), 'a secret')).toContain('alg-key-mismatch');
  });

  it.each(['jku', 'x5u', 'jwk', 'x5c'])('token-supplied-key for %s', async (param) => {
    expect(await ids(jwt(fresh, { alg: 'RS256', [param]: 'https://attacker.example/keys' }))).toContain('token-supplied-key');
  });

  it('weak-hmac-secret for a short or well-known secret, as a warning', async () => {
    const cleaned = cleanTokenInput(jwt(fresh));
    const decoded = decodeToken(cleaned.token);
    const verdict = await verifyToken(decoded, 'secret', DEFAULT_VERIFY_OPTIONS);
    const finding = collectFindings({ decoded, verdict, now: NOW }).find((f) => f.id === 'weak-hmac-secret');
    expect(finding?.severity).toBe('warning');
    expect(await ids(jwt(fresh), 'short-but-not-listed')).toContain('weak-hmac-secret');
    expect(await ids(jwt(fresh), 'x'.repeat(32))).not.toContain('weak-hmac-secret');
  });

  it('expired, not-yet-valid, no-expiry', async () => {
    expect(await ids(jwt({ exp: NOW - 10 }))).toContain('expired');
    expect(await ids(jwt({ nbf: NOW + 100, exp: NOW + 200 }))).toContain('not-yet-valid');
    expect(await ids(jwt({ sub: 'x' }))).toContain('no-expiry');
  });

  it('long-lived: info over 24 h, warning over 30 days', async () => {
    const decoded = decodeToken(jwt({ iat: NOW, exp: NOW + 2 * 86400 }));
    expect(collectFindings({ decoded, now: NOW }).find((f) => f.id === 'long-lived')?.severity).toBe('info');
    const year = decodeToken(jwt({ iat: NOW, exp: NOW + 2592001 }));
    expect(collectFindings({ decoded: year, now: NOW }).find((f) => f.id === 'long-lived')?.severity).toBe('warning');
    expect(await ids(jwt({ iat: NOW, exp: NOW + 86400 }))).not.toContain('long-lived');
  });

  it('crit-unknown', async () => {
    expect(await ids(jwt(fresh, { alg: 'HS256', crit: ['urn:x'], 'urn:x': 1 }))).toContain('crit-unknown');
  });

  it('id-token-as-access-token', async () => {
    expect(await ids(jwt({ ...fresh, aud: 'client123', nonce: 'n' }))).toContain('id-token-as-access-token');
  });

  it('opaque-token and jwe-token', async () => {
    expect(await ids('8gG4DVhfJ3vNzEa0VCkzFKt1xU7o2PSi')).toContain('opaque-token');
    expect(await ids(`${base64url.encode('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.ZWs.aXY.Y2k.dGFn`)).toContain('jwe-token');
  });

  it('sensitive-claim by name and by value', async () => {
    expect(await ids(jwt({ ...fresh, password: 'hunter2' }))).toContain('sensitive-claim');
    expect(await ids(jwt({ ...fresh, 'https://example.com/client_secret': 'x' }))).toContain('sensitive-claim');
    expect(await ids(jwt({ ...fresh, blob: { k: '-----BEGIN PRIVATE KEY-----\nMII' } }))).toContain('sensitive-claim');
    expect(await ids(jwt({ ...fresh, name: 'alice' }))).not.toContain('sensitive-claim');
  });

  it('input-cleaned, once per fix', async () => {
    expect((await ids(`Bearer "${jwt(fresh)}"`)).filter((id) => id === 'input-cleaned')).toHaveLength(2);
  });

  it('invalid-claim for a non-numeric exp', async () => {
    expect(await ids(jwt({ exp: 'tomorrow' }))).toContain('invalid-claim');
  });

  it('every finding id is covered above', () => {
    expect(FINDING_IDS).toHaveLength(18); // deep-json is covered in deep-json.test.ts
  });
});
