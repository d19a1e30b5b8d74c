import { compactDecrypt, importJWK } from 'jose';
import type { DecodedJwe } from './decode';
import { JwtError, KeyError } from './errors';
import { decodeSecret, parseKeyText } from './keys';
import type { SecretEncoding } from './keys';

/** Key management algorithms this tool decrypts (RFC 7518 §4). */
const JWE_KEY_ALGS = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW',
  'A128KW', 'A192KW', 'A256KW', 'dir',
];
const JWE_CONTENT_ALGS = ['A128GCM', 'A192GCM', 'A256GCM', 'A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512'];

export interface DecryptedJwe {
  plaintext: string;
  /** The plaintext is itself a compact JWS/JWT (nested JWT, RFC 7519 §5.2 "cty": "JWT"). */
  nested: boolean;
}

async function decryptionKey(alg: string, keyText: string, encoding: SecretEncoding): Promise<CryptoKey | Uint8Array> {
  if (alg === 'dir' || /^A\d{3}KW$/.test(alg)) {
    const input = await parseKeyText(keyText, encoding).catch(() => undefined);
    if (input?.kind === 'single' && input.key.kty === 'oct' && input.key.secret) return input.key.secret;
    return decodeSecret(keyText.trim(), encoding);
  }
  const input = await parseKeyText(keyText, encoding);
  const key = input.kind === 'single' ? input.key : input.keys.find((k) => k.isPrivate);
  if (!key?.privateJwk) throw new KeyError('ERR_KEY_NOT_PRIVATE', `"${alg}" needs the recipient's private key.`);
  const { alg: _a, use: _u, key_ops: _o, ...jwk } = key.privateJwk;
  return (await importJWK(jwk, alg)) as CryptoKey;
}

/** Decrypts a JWE compact serialization (RFC 7516 §5.2) with a key the user typed. No network. */
export async function decryptJwe(token: DecodedJwe, keyText: string, encoding: SecretEncoding): Promise<DecryptedJwe> {
  const alg = String(token.header.alg);
  if (!JWE_KEY_ALGS.includes(alg)) throw new JwtError('ERR_ALG_UNSUPPORTED', `Key management algorithm "${alg}" is not supported here.`);
  const key = await decryptionKey(alg, keyText, encoding);
  try {
    const { plaintext } = await compactDecrypt(token.token, key, { keyManagementAlgorithms: JWE_KEY_ALGS, contentEncryptionAlgorithms: JWE_CONTENT_ALGS });
    const text = new TextDecoder().decode(plaintext);
    return { plaintext: text, nested: /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(text) };
  } catch (cause) {
    throw new JwtError('ERR_DECRYPT_FAILED', `Decryption failed: ${(cause as Error).message}`, { cause });
  }
}
