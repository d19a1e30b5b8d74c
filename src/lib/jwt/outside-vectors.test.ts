import { base64url, CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import { stringifyJson } from './deep-json';
import { collectFindings } from './findings';
import { RFC7520_SECTION4 } from './fixtures/rfc-vectors';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

// Issue 14 §6: correctness bugs found by outside test vectors.

const [rs256, , es512, hs256] = RFC7520_SECTION4;
/** RFC 7520 §3's key set: public keys and a symmetric key side by side. */
const mixedJwks = JSON.stringify({ keys: [rs256.jwk, es512.jwk, hs256.jwk] });
const verify = (token: string, key: string) => verifyToken(decodeToken(token), key, DEFAULT_VERIFY_OPTIONS);

describe('a JWKS that mixes "oct" secrets with public keys (RFC 7520)', () => {
  it('verifies an HS256 token whose kid selects the oct key (was refused as algorithm confusion)', async () => {
    const v = await verify(hs256.token, mixedJwks);
    expect(v.reason).toBe('ok');
    expect(v.keyUsed?.kid).toBe('018c0ae5-4d9b-471b-bfd6-eef314bc7037');
  });

  it('verifies the RS256 and ES512 vectors against the same set', async () => {
    expect((await verify(rs256.token, mixedJwks)).reason).toBe('ok');
    expect((await verify(es512.token, mixedJwks)).reason).toBe('ok');
  });

  it('is still algorithm confusion when the kid selects a public key', async () => {
    const jwks = JSON.stringify({ keys: [rs256.jwk, hs256.jwk] });
    const forged = await new CompactSign(new TextEncoder().encode('{"sub":"admin"}'))
      .setProtectedHeader({ alg: 'HS256', kid: 'bilbo.baggins@hobbiton.example' })
      .sign(new TextEncoder().encode(jwks));
    const v = await verify(forged, jwks);
    expect(v.reason).toBe('alg-confusion');
    expect(collectFindings({ decoded: decodeToken(forged), verdict: v, now: 0 }).map((f) => f.id)).toContain('alg-confusion');
  });

  it('without a kid, tries only the oct keys of a mixed set', async () => {
    const secret = base64url.decode(hs256.jwk.k as string);
    const token = await new CompactSign(new TextEncoder().encode('{"sub":"alice"}')).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    expect((await verify(token, mixedJwks)).reason).toBe('ok');
    expect((await verify(token, JSON.stringify({ keys: [rs256.jwk, es512.jwk] }))).reason).toBe('alg-confusion');
  });
});

describe('sensitive-claim at every depth', () => {
  const token = (claims: object) => `${base64url.encode('{"alg":"HS256"}')}.${base64url.encode(stringifyJson(claims))}.c2ln`;
  const sensitive = (claims: object) =>
    collectFindings({ decoded: decodeToken(token(claims)), now: 0 })
      .filter((f) => f.id === 'sensitive-claim')
      .map((f) => f.message);

  it('finds a password nested under an innocent namespaced claim (Auth0 community: app_metadata.couchDB)', () => {
    const claims = { sub: 'auth0|1', 'https://x/app_metadata': { couchDB: { host: 'db.example.com', key: 'k-123', password: 'hunter2' } } };
    expect(sensitive(claims)).toEqual(['Claim "https://x/app_metadata.couchDB.password" looks like a password, secret or key.']);
  });

  it('names array positions in the path, and keeps top-level names as they were', () => {
    expect(sensitive({ users: [{ name: 'a' }, { name: 'b', client_secret: 's' }], api_key: 'k' })).toEqual([
      'Claim "users.1.client_secret" looks like a password, secret or key.',
      'Claim "api_key" looks like a password, secret or key.',
    ]);
  });

  it('sums up past 20 findings instead of flooding the list', () => {
    const messages = sensitive({ users: Array.from({ length: 25 }, () => ({ password: 'p' })) });
    expect(messages).toHaveLength(21);
    expect(messages.at(-1)).toBe('5 more claims look like secrets.');
  });

  it('walks a 5,000-level claim without overflowing, checking names down to the deep-json depth', () => {
    let deep: unknown = { password: 'too deep to matter' };
    for (let i = 0; i < 5000; i++) deep = { next: deep };
    expect(sensitive({ deep, shallow: { next: { pwd: 'x' } } })).toEqual(['Claim "shallow.next.pwd" looks like a password, secret or key.']);
  });
});
