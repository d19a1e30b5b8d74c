import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import { KeyError } from './errors';
import { EC_P384_CERTIFICATE, EC_P384_SEC1, RSA_CERTIFICATE, RSA_PKCS1_PRIVATE, RSA_PKCS1_PUBLIC } from './fixtures/pem-keys';
import { RFC7515_A2 } from './fixtures/rfc-vectors';
import { detectKeyFormat } from './key-format';
import { decodeSecret, parseKeyText } from './keys';
import { signToken } from './sign';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from './verify';

const sign = (alg: string, keyText: string) =>
  signToken({ headerText: JSON.stringify({ alg, typ: 'JWT' }), payloadText: '{"sub":"alice"}', keyText, encoding: 'utf8' });
const verified = async (token: string, keyText: string) => (await verifyToken(decodeToken(token), keyText, DEFAULT_VERIFY_OPTIONS)).kind;

describe('detectKeyFormat', () => {
  it.each([
    ['', 'empty'],
    ['my secret', 'hmac-secret'],
    ['{not json', 'hmac-secret'],
    [RSA_PKCS1_PUBLIC, 'pkcs1-public'],
    [RSA_PKCS1_PRIVATE, 'pkcs1-private'],
    [RSA_CERTIFICATE, 'x509'],
    [EC_P384_SEC1, 'sec1'],
    [JSON.stringify(RFC7515_A2.jwk), 'jwk-public'],
    [JSON.stringify({ keys: [] }), 'jwks'],
    ['{"kty":"oct","k":"AAAA"}', 'jwk-oct'],
  ])('%#: detects %s', (text, format) => {
    expect(detectKeyFormat(text)).toBe(format);
  });
});

describe('key formats: sign with a private format, verify with a public one', () => {
  it('PKCS#1 RSA private PEM signs; PKCS#1 public PEM and X.509 certificate verify', async () => {
    const token = await sign('RS256', RSA_PKCS1_PRIVATE);
    expect(await verified(token, RSA_PKCS1_PUBLIC)).toBe('verified');
    expect(await verified(token, RSA_CERTIFICATE)).toBe('verified');
    const parsed = await parseKeyText(RSA_CERTIFICATE);
    expect(parsed.kind === 'single' && parsed.key).toMatchObject({ format: 'x509', kty: 'RSA', bits: 2048, isPrivate: false });
  });

  it('SEC1 EC private PEM signs ES384; the EC certificate verifies', async () => {
    const token = await sign('ES384', EC_P384_SEC1);
    expect(await verified(token, EC_P384_CERTIFICATE)).toBe('verified');
    expect(await verified(token, EC_P384_SEC1)).toBe('verified');
  });

  it.each(['RS384', 'PS256', 'ES256', 'ES512', 'EdDSA'] as const)('%s: PKCS#8 signs, SPKI and public JWK verify', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const token = await sign(alg, await exportPKCS8(privateKey));
    expect(await verified(token, await exportSPKI(publicKey))).toBe('verified');
    expect(await verified(token, JSON.stringify(await exportJWK(publicKey)))).toBe('verified');
  });

  it('a private JWK signs', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const token = await sign('ES256', JSON.stringify(await exportJWK(privateKey)));
    expect(await verified(token, await exportSPKI(publicKey))).toBe('verified');
  });

  it('an ES384 key cannot verify ES256 (curve mismatch)', async () => {
    const token = await sign('ES384', EC_P384_SEC1);
    const forged = token.replace(/^[^.]+/, 'eyJhbGciOiJFUzI1NiJ9');
    const v = await verifyToken(decodeToken(forged), EC_P384_CERTIFICATE, DEFAULT_VERIFY_OPTIONS);
    expect(v.reason).toBe('alg-key-mismatch');
  });
});

describe('secrets', () => {
  it('decodes UTF-8, base64 and base64url', () => {
    expect(decodeSecret('héllo', 'utf8')).toEqual(new TextEncoder().encode('héllo'));
    expect(decodeSecret('+/8=', 'base64')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(decodeSecret('-_8', 'base64url')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('rejects text that is not in the chosen encoding', () => {
    expect(() => decodeSecret('not base64!', 'base64')).toThrow(KeyError);
    expect(() => decodeSecret('a+b', 'base64url')).toThrow(KeyError);
  });

  it.each(['HS256', 'HS384', 'HS512'])('%s signs and verifies with a UTF-8 secret', async (alg) => {
    const secret = 'a-string-secret-at-least-256-bits-long-and-then-some-more-bytes!';
    expect(await verified(await sign(alg, secret), secret)).toBe('verified');
  });
});

describe('unsupported keys say why', () => {
  it('an encrypted PKCS#8 key', async () => {
    await expect(parseKeyText('-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----')).rejects.toMatchObject({ code: 'ERR_KEY_UNSUPPORTED' });
  });

  it('a broken PEM body', async () => {
    await expect(parseKeyText('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).rejects.toBeInstanceOf(KeyError);
  });

  it('an unsupported JWK curve', async () => {
    await expect(parseKeyText('{"kty":"EC","crv":"secp256k1","x":"a","y":"b"}')).rejects.toMatchObject({ code: 'ERR_KEY_UNSUPPORTED' });
  });
});
