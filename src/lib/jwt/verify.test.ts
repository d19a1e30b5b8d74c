import { base64url, exportPKCS8, exportSPKI, generateKeyPair, CompactSign, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import { RFC7515_A1, RFC7515_A2, RFC7515_A3, RFC7515_A4, RFC7515_A5, RFC7520_SECTION4, RFC8037_A4 } from './fixtures/rfc-vectors';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';
import type { VerifiedClaims, VerifyOptions } from './verify';

const verify = (token: string, key: string, options: Partial<VerifyOptions> = {}) =>
  verifyToken(decodeToken(token), key, { ...DEFAULT_VERIFY_OPTIONS, ...options });

const tamper = (token: string) => {
  const [h, p, s] = token.split('.') as [string, string, string];
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p))) as Record<string, unknown>;
  return `${h}.${base64url.encode(JSON.stringify({ ...claims, admin: true }))}.${s}`;
};

describe('verified and unverified claims stay apart (decode ≠ verify)', () => {
  it('a verified verdict carries the claims the signature vouches for; any other verdict carries none', async () => {
    const v = await verify(RFC7515_A1.token, RFC7515_A1.secretBase64url, { encoding: 'base64url' });
    expect(v.claims).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect((await verify(tamper(RFC7515_A1.token), RFC7515_A1.secretBase64url, { encoding: 'base64url' })).claims).toBeUndefined();
  });

  it('decoded claims do not type-check as verified claims', () => {
    const decoded = decodeToken(RFC7515_A1.token);
    if (decoded.kind !== 'jws' || !decoded.claims) throw new Error('expected a JWT');
    // @ts-expect-error UnverifiedClaims must never pass for VerifiedClaims.
    const claims: VerifiedClaims = decoded.claims;
    expect(claims).toBeDefined();
  });
});

describe('verifyToken with the RFC examples', () => {
  it('RFC 7515 A.1 HS256 with the base64url secret', async () => {
    const v = await verify(RFC7515_A1.token, RFC7515_A1.secretBase64url, { encoding: 'base64url' });
    expect(v.text).toMatch(/^Signature verified/);
  });

  it('RFC 7515 A.1 HS256 with the same secret as base64', async () => {
    const asBase64 = btoa(String.fromCharCode(...base64url.decode(RFC7515_A1.secretBase64url)));
    const v = await verify(RFC7515_A1.token, asBase64, { encoding: 'base64' });
    expect(v.kind).toBe('verified');
  });

  it('RFC 7515 A.1 fails when the secret is read as UTF-8', async () => {
    const v = await verify(RFC7515_A1.token, RFC7515_A1.secretBase64url, { encoding: 'utf8' });
    expect(v.text).toMatch(/^Invalid signature/);
  });

  it('RFC 7515 A.2 RS256 with a JWK', async () => {
    expect((await verify(RFC7515_A2.token, JSON.stringify(RFC7515_A2.jwk))).kind).toBe('verified');
  });

  it('RFC 7515 A.3 ES256 with a JWK', async () => {
    expect((await verify(RFC7515_A3.token, JSON.stringify(RFC7515_A3.jwk))).kind).toBe('verified');
  });

  it('RFC 7515 A.4 ES512 (P-521) with a JWK', async () => {
    expect((await verify(RFC7515_A4.token, JSON.stringify(RFC7515_A4.jwk))).kind).toBe('verified');
  });

  it('RFC 7515 A.5 alg none is never verified', async () => {
    const v = await verify(RFC7515_A5.token, 'anything');
    expect(v.text).toMatch(/^Not verified/);
    expect(v.reason).toBe('alg-none');
  });

  it.each(RFC7520_SECTION4)('RFC 7520 §$section $alg', async ({ token, jwk }) => {
    const v = await verify(token, JSON.stringify(jwk));
    expect(v.kind).toBe('verified');
  });

  it('RFC 7520 §4.1 in a JWKS is picked by kid', async () => {
    const [rs] = RFC7520_SECTION4;
    const jwks = { keys: [RFC7515_A3.jwk, { ...RFC7515_A2.jwk, kid: 'other' }, rs.jwk] };
    const v = await verify(rs.token, JSON.stringify(jwks));
    expect(v.kind).toBe('verified');
    expect(v.keyUsed?.kid).toBe('bilbo.baggins@hobbiton.example');
    expect(v.keyUsed?.position).toBe(3);
  });

  it('RFC 8037 A.4 EdDSA with the public JWK, and the thumbprint of A.3', async () => {
    const v = await verify(RFC8037_A4.token, JSON.stringify(RFC8037_A4.publicJwk));
    expect(v.kind).toBe('verified');
    expect(v.keyUsed?.thumbprint).toBe(RFC8037_A4.thumbprint);
  });

  it('RFC 8037 A.4 verifies with the private JWK too (its public part is used)', async () => {
    expect((await verify(RFC8037_A4.token, JSON.stringify(RFC8037_A4.privateJwk))).kind).toBe('verified');
  });
});

describe('verifyToken refuses', () => {
  it('a tampered payload', async () => {
    const v = await verify(tamper(RFC7515_A2.token), JSON.stringify(RFC7515_A2.jwk));
    expect(v.text).toMatch(/^Invalid signature/);
    expect(v.reason).toBe('signature-mismatch');
  });

  it('a wrong key', async () => {
    const v = await verify(RFC7515_A1.token, 'not-the-secret');
    expect(v.kind).toBe('invalid');
  });

  it('HS256 against an RSA public key PEM: algorithm confusion', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const forged = await new CompactSign(new TextEncoder().encode('{"sub":"admin"}'))
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(pem));
    const v = await verify(forged, pem);
    expect(v.text).toMatch(/^Invalid signature/);
    expect(v.reason).toBe('alg-confusion');
  });

  it('HS256 against an RSA JWK and against a JWKS: algorithm confusion', async () => {
    const forged = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JSON.stringify(RFC7515_A2.jwk)));
    expect((await verify(forged, JSON.stringify(RFC7515_A2.jwk))).reason).toBe('alg-confusion');
    expect((await verify(forged, JSON.stringify({ keys: [RFC7515_A2.jwk] }))).reason).toBe('alg-confusion');
  });

  it('RS256 against an EC key: alg/key mismatch', async () => {
    const v = await verify(RFC7515_A2.token, JSON.stringify(RFC7515_A3.jwk));
    expect(v.kind).toBe('invalid');
    expect(v.reason).toBe('alg-key-mismatch');
  });

  it('RS256 against a secret: alg/key mismatch', async () => {
    expect((await verify(RFC7515_A2.token, 'a-secret')).reason).toBe('alg-key-mismatch');
  });

  it('a key whose JWK alg differs from the token alg', async () => {
    const v = await verify(RFC7515_A2.token, JSON.stringify({ ...RFC7515_A2.jwk, alg: 'PS256' }));
    expect(v.reason).toBe('alg-key-mismatch');
  });

  it('a DER-encoded ECDSA signature, saying so', async () => {
    const [h, p] = RFC7515_A3.token.split('.');
    const der = base64url.encode(new Uint8Array([0x30, 0x44, ...new Uint8Array(68)]));
    const v = await verify(`${h}.${p}.${der}`, JSON.stringify(RFC7515_A3.jwk));
    expect(v.reason).toBe('signature-length');
    expect(v.detail).toMatch(/DER/);
  });

  it('an empty signature on an HS256 token', async () => {
    const [h, p] = RFC7515_A1.token.split('.');
    expect((await verify(`${h}.${p}.`, 'secret')).kind).toBe('invalid');
  });

  it('an unknown crit extension: Not verified', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'HS256', crit: ['exp'], exp: 1 }));
    const v = await verify(`${header}.e30.${RFC7515_A1.token.split('.')[2]}`, 'secret');
    expect(v.text).toMatch(/^Not verified/);
    expect(v.reason).toBe('crit-unknown');
  });

  it('alg "None" in another letter case is still alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'NoNe' }));
    expect((await verify(`${header}.e30.`, 'x')).reason).toBe('alg-none');
  });

  it('an algorithm outside the allowlist', async () => {
    const v = await verify(RFC7515_A2.token, JSON.stringify(RFC7515_A2.jwk), { algorithms: ['ES256'] });
    expect(v.reason).toBe('alg-not-allowed');
  });

  it('no key yet', async () => {
    const v = await verify(RFC7515_A2.token, '');
    expect(v.text).toMatch(/^Not verified: no key yet/);
  });

  it('a kid that is not in the JWKS', async () => {
    const [rs] = RFC7520_SECTION4;
    const v = await verify(rs.token, JSON.stringify({ keys: [{ ...RFC7515_A2.jwk, kid: 'k1' }] }));
    expect(v.reason).toBe('no-matching-kid');
  });

  it('a malformed token', async () => {
    const v = await verify(`${RFC7515_A1.token}=`, 'x');
    expect(v.text).toMatch(/^Malformed token/);
  });

  it('ignores a key embedded in the token header (jwk)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const token = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'ES256', jwk }).sign(privateKey);
    expect((await verify(token, '')).kind).toBe('not-verified');
  });
});

describe('verifyToken with a JWKS and no kid', () => {
  it('tries each matching key and says which one verified', async () => {
    const a = await generateKeyPair('RS256', { extractable: true });
    const b = await generateKeyPair('RS256', { extractable: true });
    const token = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'RS256' }).sign(b.privateKey);
    const jwks = { keys: [await exportJWK(a.publicKey), { ...(await exportJWK(b.publicKey)), kid: 'second' }] };
    const v = await verify(token, JSON.stringify(jwks));
    expect(v.kind).toBe('verified');
    expect(v.keyUsed?.kid).toBe('second');
    expect(v.text).toContain('kid "second"');
  });

  it('verifies with a private PKCS#8 PEM (its public part)', async () => {
    const kp = await generateKeyPair('PS512', { extractable: true });
    const token = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'PS512' }).sign(kp.privateKey);
    expect((await verify(token, await exportPKCS8(kp.privateKey))).kind).toBe('verified');
  });
});

describe('verifyToken strictness', () => {
  it('refuses RSA keys under 2048 bits (RFC 7518 §3.3)', async () => {
    const pair = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as CryptoKeyPair;
    const input = `${base64url.encode('{"alg":"RS256"}')}.${base64url.encode('{}')}`;
    const signature = new Uint8Array(await crypto.subtle.sign('RSASSA-PKCS1-v1_5', pair.privateKey, new TextEncoder().encode(input)));
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    const v = await verify(`${input}.${base64url.encode(signature)}`, JSON.stringify({ kty: 'RSA', n: jwk.n, e: jwk.e }));
    expect(v.kind).toBe('invalid');
    expect(v.detail).toMatch(/1024 bits/);
  });

  it('says a detached-content JWS (empty payload) needs its content', async () => {
    const [h, , s] = RFC7515_A1.token.split('.');
    const v = await verify(`${h}..${s}`, RFC7515_A1.secretBase64url, { encoding: 'base64url' });
    expect(v.detail).toMatch(/detached/);
  });

  it('says the JSON serialization is not the compact form', async () => {
    const v = await verify('{"payload":"e30","signatures":[]}', 'x');
    expect(v.text).toMatch(/^Malformed token: This is JSON/);
  });

  it('rejects "b64" not listed in "crit" (RFC 7797 §6)', async () => {
    const v = await verify(`${base64url.encode('{"alg":"HS256","b64":false}')}.e30.${RFC7515_A1.token.split('.')[2]}`, 'x');
    expect(v.kind).toBe('malformed');
  });

  it('verifies an RFC 7797 unencoded-payload token', async () => {
    const input = `${base64url.encode('{"alg":"HS256","b64":false,"crit":["b64"]}')}.$02 payload`;
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('k'.repeat(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(input)));
    const token = `${input}.${base64url.encode(mac)}`;
    expect((await verify(token, 'k'.repeat(32))).kind).toBe('verified');
  });
});
