import { base64url, CompactSign, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { classifyToken } from './classify';
import { decodeToken } from './decode';
import { collectFindings } from './findings';
import { RFC7515_A2, RFC7515_A3, RFC8037_A4 } from './fixtures/rfc-vectors';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

const enc = (value: unknown) => base64url.encode(JSON.stringify(value));
const [, A_PAYLOAD] = RFC7515_A3.token.split('.') as [string, string];
const verify = (token: string, key: string) => verifyToken(decodeToken(token), key, DEFAULT_VERIFY_OPTIONS);

describe('attack tokens are never verified', () => {
  it('ECDSA "psychic signature" (r = s = 0, CVE-2022-21449)', async () => {
    const token = `${enc({ alg: 'ES256' })}.${A_PAYLOAD}.${base64url.encode(new Uint8Array(64))}`;
    expect((await verify(token, JSON.stringify(RFC7515_A3.jwk))).kind).toBe('invalid');
  });

  it('an all-zero RSA signature of the right length', async () => {
    const token = `${enc({ alg: 'RS256' })}.${A_PAYLOAD}.${base64url.encode(new Uint8Array(256))}`;
    expect((await verify(token, JSON.stringify(RFC7515_A2.jwk))).kind).toBe('invalid');
  });

  it('a signature stripped to alg none keeps its old signature: still alg none', async () => {
    const [, payload, signature] = RFC7515_A2.token.split('.');
    const v = await verify(`${enc({ alg: 'none' })}.${payload}.${signature}`, JSON.stringify(RFC7515_A2.jwk));
    expect(v.reason).toBe('alg-none');
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('alg %s is never verified and always a finding', async (alg) => {
    const decoded = decodeToken(`${enc({ alg })}.${A_PAYLOAD}.`);
    const verdict = await verifyToken(decoded, '', DEFAULT_VERIFY_OPTIONS);
    expect(verdict.kind).toBe('not-verified');
    expect(collectFindings({ decoded, verdict, classification: classifyToken(decoded), now: 0 }).map((f) => f.id)).toContain('alg-none');
  });

  it('a token carrying its own attacker key (jwk header) does not verify against the real key', async () => {
    const attacker = await generateKeyPair('EdDSA', { extractable: true });
    const token = await new CompactSign(new TextEncoder().encode('{"sub":"admin"}'))
      .setProtectedHeader({ alg: 'EdDSA', jwk: await exportJWK(attacker.publicKey) })
      .sign(attacker.privateKey);
    const decoded = decodeToken(token);
    const verdict = await verifyToken(decoded, JSON.stringify(RFC8037_A4.publicJwk), DEFAULT_VERIFY_OPTIONS);
    expect(verdict.kind).toBe('invalid');
    expect(collectFindings({ decoded, verdict, now: 0 }).map((f) => f.id)).toContain('token-supplied-key');
  });

  it('a kid path-traversal / SQL trick is only a lookup key, never a file or query', async () => {
    const token = `${enc({ alg: 'HS256', kid: "../../../../dev/null' OR '1'='1" })}.${A_PAYLOAD}.${base64url.encode(new Uint8Array(32))}`;
    expect((await verify(token, JSON.stringify({ keys: [{ kty: 'oct', kid: 'real', k: 'c2VjcmV0' }] }))).reason).toBe('no-matching-kid');
    expect((await verify(token, '')).kind).toBe('not-verified');
  });

  it('an HS256 token whose secret is the JWKS JSON of the public key (alg confusion via JWKS)', async () => {
    const jwks = JSON.stringify({ keys: [RFC7515_A2.jwk] });
    const forged = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(jwks));
    expect((await verify(forged, jwks)).reason).toBe('alg-confusion');
  });

  it('a header that smuggles a second alg through a duplicate member is malformed', async () => {
    const token = `${base64url.encode('{"alg":"RS256","alg":"HS256"}')}.${A_PAYLOAD}.c2ln`;
    expect((await verify(token, 'x')).kind).toBe('malformed');
  });
});
