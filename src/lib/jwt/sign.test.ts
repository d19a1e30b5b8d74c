import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { algInfo, SUPPORTED_JWS_ALGS } from './algorithms';
import { decodeToken } from './decode';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';
import { minifyJson, reencodeUnsigned, signToken } from './sign';

describe('minifyJson', () => {
  it('drops whitespace outside strings only, keeping big numbers and order', () => {
    expect(minifyJson('{\n  "b": "a b\\" c",\n  "a": 12345678901234567890\n}')).toBe('{"b":"a b\\" c","a":12345678901234567890}');
  });
});

describe('reencodeUnsigned', () => {
  it('re-encodes edited JSON and keeps the (now stale) signature', () => {
    const token = reencodeUnsigned('{\n  "alg": "HS256"\n}', '{ "sub": "bob" }', 'c2ln');
    expect(token).toBe('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln');
  });
});

describe('signToken', () => {
  it('produces an unsecured JWS for alg none', async () => {
    expect(await signToken({ headerText: '{"alg":"none"}', payloadText: '{}', keyText: '', encoding: 'utf8' })).toBe('eyJhbGciOiJub25lIn0.e30.');
  });

  it('refuses a public key with a stable code', async () => {
    const jwk = '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}';
    await expect(signToken({ headerText: '{"alg":"ES256"}', payloadText: '{}', keyText: jwk, encoding: 'utf8' })).rejects.toMatchObject({ code: 'ERR_KEY_NOT_PRIVATE' });
  });

  it('signs text payloads as they are', async () => {
    const token = await signToken({ headerText: '{"alg":"HS256"}', payloadText: 'hello', keyText: 'k'.repeat(32), encoding: 'utf8' });
    const decoded = decodeToken(token);
    expect(decoded.kind === 'jws' && decoded.payload).toEqual({ kind: 'text', text: 'hello' });
  });
});

describe('every supported algorithm signs and verifies', () => {
  it.each(SUPPORTED_JWS_ALGS)('%s', async (alg) => {
    const info = algInfo(alg);
    let signingKey: string;
    let verificationKey: string;
    if (info.family === 'HMAC') {
      signingKey = verificationKey = 's'.repeat(info.hashBytes);
    } else {
      const joseAlg = info.family === 'EdDSA' ? 'EdDSA' : alg;
      const { publicKey, privateKey } = await generateKeyPair(joseAlg, { extractable: true });
      signingKey = await exportPKCS8(privateKey);
      verificationKey = JSON.stringify(await exportJWK(publicKey));
    }
    const token = await signToken({ headerText: JSON.stringify({ alg }), payloadText: '{"sub":"x"}', keyText: signingKey, encoding: 'utf8' });
    const verdict = await verifyToken(decodeToken(token), verificationKey, DEFAULT_VERIFY_OPTIONS);
    expect(verdict.text).toMatch(new RegExp(`^Signature verified: ${alg}`));
    const [h, p, s] = token.split('.') as [string, string, string];
    const tampered = `${h}.${p.slice(0, -2)}${p.endsWith('AA') ? 'BA' : 'AA'}.${s}`;
    expect((await verifyToken(decodeToken(tampered), verificationKey, DEFAULT_VERIFY_OPTIONS)).kind).not.toBe('verified');
  });
});
