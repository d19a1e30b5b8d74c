import { base64url, CompactEncrypt, exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import type { DecodedJwe } from './decode';
import { decryptJwe } from './jwe';

const plaintext = new TextEncoder().encode('{"sub":"alice"}');
const decode = (token: string) => decodeToken(token) as DecodedJwe;

describe('decryptJwe', () => {
  it.each(['RSA-OAEP', 'RSA-OAEP-256'])('%s with a PKCS#8 private key', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const token = await new CompactEncrypt(plaintext).setProtectedHeader({ alg, enc: 'A256GCM' }).encrypt(publicKey);
    expect((await decryptJwe(decode(token), await exportPKCS8(privateKey), 'utf8')).plaintext).toBe('{"sub":"alice"}');
  });

  it.each(['ECDH-ES', 'ECDH-ES+A128KW'])('%s with a private JWK', async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { crv: 'P-256', extractable: true });
    const token = await new CompactEncrypt(plaintext).setProtectedHeader({ alg, enc: 'A128CBC-HS256' }).encrypt(publicKey);
    expect((await decryptJwe(decode(token), JSON.stringify(await exportJWK(privateKey)), 'utf8')).plaintext).toBe('{"sub":"alice"}');
  });

  it('A256KW and dir with a base64url secret', async () => {
    const kek = crypto.getRandomValues(new Uint8Array(32));
    const kw = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'A256KW', enc: 'A256GCM' }).encrypt(kek);
    expect((await decryptJwe(decode(kw), base64url.encode(kek), 'base64url')).plaintext).toBe('{"sub":"alice"}');
    const dir = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).encrypt(kek);
    expect((await decryptJwe(decode(dir), base64url.encode(kek), 'base64url')).plaintext).toBe('{"sub":"alice"}');
  });

  it('fails with a stable code on the wrong key', async () => {
    const kek = crypto.getRandomValues(new Uint8Array(16));
    const token = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'A128KW', enc: 'A128GCM' }).encrypt(kek);
    await expect(decryptJwe(decode(token), base64url.encode(new Uint8Array(16)), 'base64url')).rejects.toMatchObject({ code: 'ERR_DECRYPT_FAILED' });
  });
});
