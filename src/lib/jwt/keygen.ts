import { base64url, calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { JwsAlg } from './algorithms';
import type { KeygenKind } from './keygen-kinds';

export interface GeneratedKeyPair {
  kind: KeygenKind;
  type: 'pair';
  /** The algorithm this key is generated for (a good default for the header). */
  alg: JwsAlg;
  /** RFC 7638 SHA-256 thumbprint, also set as `kid`. */
  thumbprint: string;
  privatePem: string;
  publicPem: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface GeneratedSecret {
  kind: KeygenKind;
  type: 'secret';
  alg: JwsAlg;
  thumbprint: string;
  /** The secret, base64url-encoded (select "base64url" as the secret encoding). */
  secret: string;
  jwk: JWK;
}

export type GeneratedKey = GeneratedKeyPair | GeneratedSecret;

const PAIR_PARAMS: Partial<Record<KeygenKind, { alg: JwsAlg; modulusLength?: number }>> = {
  'RSA-2048': { alg: 'RS256', modulusLength: 2048 },
  'RSA-3072': { alg: 'RS256', modulusLength: 3072 },
  'RSA-4096': { alg: 'RS256', modulusLength: 4096 },
  'EC-P-256': { alg: 'ES256' },
  'EC-P-384': { alg: 'ES384' },
  'EC-P-521': { alg: 'ES512' },
  Ed25519: { alg: 'EdDSA' },
};

export type RandomBytes = (length: number) => Uint8Array;
const defaultRandom: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

/** Generates a signing key locally (WebCrypto via jose), exported as PEM and JWK with `kid` = RFC 7638 thumbprint. */
export async function generateKey(kind: KeygenKind, randomBytes: RandomBytes = defaultRandom): Promise<GeneratedKey> {
  if (kind.startsWith('HMAC-')) {
    const bits = Number(kind.slice(5));
    const k = base64url.encode(randomBytes(bits / 8));
    const thumbprint = await calculateJwkThumbprint({ kty: 'oct', k });
    const alg = `HS${bits}` as JwsAlg;
    return { kind, type: 'secret', alg, thumbprint, secret: k, jwk: { kty: 'oct', k, kid: thumbprint, alg } };
  }
  const params = PAIR_PARAMS[kind];
  if (!params) throw new Error(`Unknown key kind ${kind}`);
  const { publicKey, privateKey } = await generateKeyPair(params.alg, {
    extractable: true,
    ...(params.modulusLength ? { modulusLength: params.modulusLength } : {}),
  });
  const publicJwk = await exportJWK(publicKey);
  const thumbprint = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  return {
    kind, type: 'pair', alg: params.alg, thumbprint,
    privatePem: await exportPKCS8(privateKey),
    publicPem: await exportSPKI(publicKey),
    privateJwk: { ...privateJwk, kid: thumbprint },
    publicJwk: { ...publicJwk, kid: thumbprint },
  };
}
