/**
 * The asymmetric JWS algorithms (RFC 7518 §3.3-3.5, RFC 8037 §3.1): what an issuer's JWKS verifies and what a
 * private_key_jwt client assertion is signed with. An issuer's JWKS never holds an HMAC secret.
 */
export const ASYMMETRIC_SIGNING_ALGS = [
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA',
] as const;

/** JWS algorithms this tool signs and verifies (RFC 7518 §3, RFC 8037 §3.1); Ed25519 is the fully-specified alias of EdDSA. */
export const SUPPORTED_JWS_ALGS = ['HS256', 'HS384', 'HS512', ...ASYMMETRIC_SIGNING_ALGS, 'Ed25519'] as const;

export type JwsAlg = (typeof SUPPORTED_JWS_ALGS)[number];
export type AlgFamily = 'HMAC' | 'RSA' | 'RSA-PSS' | 'ECDSA' | 'EdDSA';
export type KeyType = 'oct' | 'RSA' | 'EC' | 'OKP';

export interface AlgInfo {
  alg: JwsAlg;
  family: AlgFamily;
  kty: KeyType;
  /** Hash output size in bytes; for HMAC, also the minimum key size (RFC 7518 §3.2). */
  hashBytes: number;
  /** Named curve for ECDSA / EdDSA. */
  crv?: string;
  /** Exact signature length in bytes, where the algorithm fixes it (RFC 7518 §3.4: R || S). */
  signatureBytes?: number;
}

const TABLE: Record<JwsAlg, AlgInfo> = {
  HS256: { alg: 'HS256', family: 'HMAC', kty: 'oct', hashBytes: 32, signatureBytes: 32 },
  HS384: { alg: 'HS384', family: 'HMAC', kty: 'oct', hashBytes: 48, signatureBytes: 48 },
  HS512: { alg: 'HS512', family: 'HMAC', kty: 'oct', hashBytes: 64, signatureBytes: 64 },
  RS256: { alg: 'RS256', family: 'RSA', kty: 'RSA', hashBytes: 32 },
  RS384: { alg: 'RS384', family: 'RSA', kty: 'RSA', hashBytes: 48 },
  RS512: { alg: 'RS512', family: 'RSA', kty: 'RSA', hashBytes: 64 },
  PS256: { alg: 'PS256', family: 'RSA-PSS', kty: 'RSA', hashBytes: 32 },
  PS384: { alg: 'PS384', family: 'RSA-PSS', kty: 'RSA', hashBytes: 48 },
  PS512: { alg: 'PS512', family: 'RSA-PSS', kty: 'RSA', hashBytes: 64 },
  ES256: { alg: 'ES256', family: 'ECDSA', kty: 'EC', hashBytes: 32, crv: 'P-256', signatureBytes: 64 },
  ES384: { alg: 'ES384', family: 'ECDSA', kty: 'EC', hashBytes: 48, crv: 'P-384', signatureBytes: 96 },
  ES512: { alg: 'ES512', family: 'ECDSA', kty: 'EC', hashBytes: 64, crv: 'P-521', signatureBytes: 132 },
  EdDSA: { alg: 'EdDSA', family: 'EdDSA', kty: 'OKP', hashBytes: 64, crv: 'Ed25519', signatureBytes: 64 },
  Ed25519: { alg: 'Ed25519', family: 'EdDSA', kty: 'OKP', hashBytes: 64, crv: 'Ed25519', signatureBytes: 64 },
};

export function isSupportedAlg(alg: unknown): alg is JwsAlg {
  return typeof alg === 'string' && Object.hasOwn(TABLE, alg);
}

export function algInfo(alg: JwsAlg): AlgInfo {
  return TABLE[alg];
}

/** True for `none` in any letter case: case variants are a known filter-bypass trick. */
export function isAlgNone(alg: unknown): boolean {
  // A supported algorithm (never `none`) is answered without lowercasing a copy of it on every verify.
  return typeof alg === 'string' && !Object.hasOwn(TABLE, alg) && alg.toLowerCase() === 'none';
}

export function isHmacAlg(alg: unknown): boolean {
  return isSupportedAlg(alg) && TABLE[alg].family === 'HMAC';
}

/** The algorithms a key of this type (and curve) can verify. */
export function algsForKey(kty: KeyType, crv?: string): JwsAlg[] {
  return SUPPORTED_JWS_ALGS.filter((alg) => {
    const info = TABLE[alg];
    return info.kty === kty && (info.crv === undefined || info.crv === crv);
  });
}

/** The algorithms offered for signing in the UI (Ed25519 is the fully-specified alias of EdDSA). */
export const SIGNING_ALGS: readonly JwsAlg[] = SUPPORTED_JWS_ALGS.filter((alg) => alg !== 'Ed25519');
