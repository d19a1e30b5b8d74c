import { algInfo, isAlgNone, isHmacAlg, isSupportedAlg, SUPPORTED_JWS_ALGS } from './algorithms';
import type { AlgFamily, JwsAlg } from './algorithms';
import type { DecodeResult, DecodedJws, JsonObject } from './decode';
import { stringifyJson } from './deep-json';
import { KeyError } from './errors';
import { detectKeyFormat } from './key-format';
import { cryptoKeyFor, describeKey, describeNeededKey, importedKeyNow, keyThumbprint, parsedKeyTextNow, parseKeyText } from './keys';
import type { ParsedKey, SecretEncoding } from './keys';

export type VerdictKind = 'verified' | 'invalid' | 'not-verified' | 'malformed';

/** The exact words each verdict begins with. */
const VERDICT_TITLES: Record<VerdictKind, string> = {
  verified: 'Signature verified',
  invalid: 'Invalid signature',
  'not-verified': 'Not verified',
  malformed: 'Malformed token',
};

export type VerdictReason =
  | 'ok'
  | 'empty' | 'no-key' | 'alg-none' | 'crit-unknown' | 'alg-unsupported' | 'key-error' | 'opaque' | 'jwe'
  | 'alg-not-allowed' | 'alg-confusion' | 'alg-key-mismatch' | 'no-matching-kid' | 'signature-length' | 'signature-mismatch'
  | 'malformed';

export interface KeyUsed {
  description: string;
  kid?: string;
  /** 1-based position in the JWKS. */
  position?: number;
  thumbprint: string;
}

declare const verifiedBrand: unique symbol;
/** The claims of a token whose signature checked out with the given key. Their times (exp, nbf) are judged apart. */
export type VerifiedClaims = JsonObject & { readonly [verifiedBrand]: true };

export interface Verdict {
  kind: VerdictKind;
  reason: VerdictReason;
  /** Begins with the verdict title; this is what the "Signature" status shows. */
  text: string;
  detail: string;
  keyUsed?: KeyUsed;
  /** The key that was (or would have been) used, for findings such as weak-hmac-secret. */
  key?: ParsedKey;
  /** Only on a `verified` verdict of a JWT: the claims the signature vouches for. */
  claims?: VerifiedClaims;
}

export interface VerifyOptions {
  /** Explicit algorithm allowlist (RFC 8725 §3.1). */
  algorithms: readonly JwsAlg[];
  encoding: SecretEncoding;
  /** `crit` extensions this verifier understands (RFC 7515 §4.1.11). */
  understoodCrit?: readonly string[];
}

export const DEFAULT_VERIFY_OPTIONS: VerifyOptions = { algorithms: SUPPORTED_JWS_ALGS, encoding: 'utf8', understoodCrit: ['b64'] };

function verdict(kind: VerdictKind, reason: VerdictReason, detail: string, extra: Partial<Verdict> = {}): Verdict {
  return { kind, reason, detail, text: `${VERDICT_TITLES[kind]}: ${detail}`, ...extra };
}

const ASYMMETRIC_FORMATS = new Set(['spki', 'pkcs1-public', 'x509', 'jwk-public', 'jwk-private', 'pkcs8', 'pkcs1-private', 'sec1', 'pem-unknown']);

function keyRefusal(key: ParsedKey, alg: JwsAlg): Verdict | undefined {
  const info = algInfo(alg);
  if (info.kty === 'oct' && key.kty !== 'oct') {
    return verdict('invalid', 'alg-confusion',
      `algorithm confusion: the token says ${alg} (a shared-secret MAC) but the key is ${describeKey(key)}. A public key is never used as an HMAC secret, or anyone could forge tokens with it.`,
      { key });
  }
  if (info.kty !== key.kty || (info.crv !== undefined && info.crv !== key.crv)) {
    return verdict('invalid', 'alg-key-mismatch', `the token says ${alg}, which needs ${describeNeededKey(alg)}, but the key is ${describeKey(key)}.`, { key });
  }
  if (key.kty === 'RSA' && key.bits !== undefined && key.bits < 2048) {
    return verdict('invalid', 'alg-key-mismatch', `the RSA key is ${key.bits} bits; ${alg} requires 2048 bits or more (RFC 7518 §3.3), smaller keys can be factored.`, { key });
  }
  if (key.alg !== undefined && key.alg !== alg && !(key.alg === 'EdDSA' && alg === 'Ed25519') && !(key.alg === 'Ed25519' && alg === 'EdDSA')) {
    return verdict('invalid', 'alg-key-mismatch', `the key is restricted to "alg": "${key.alg}", but the token says ${alg}.`, { key });
  }
  if (key.use !== undefined && key.use !== 'sig') {
    return verdict('invalid', 'alg-key-mismatch', `the key is marked "use": "${key.use}", so it is not a signature key.`, { key });
  }
  if (key.keyOps !== undefined && !key.keyOps.includes('verify') && !key.keyOps.includes('sign')) {
    return verdict('invalid', 'alg-key-mismatch', `the key's "key_ops" (${key.keyOps.join(', ')}) do not allow verifying.`, { key });
  }
  return undefined;
}

function signatureLengthProblem(token: DecodedJws, alg: JwsAlg, key: ParsedKey): string | undefined {
  const info = algInfo(alg);
  const actual = token.signature.length;
  if (actual === 0) return 'the signature segment is empty.';
  const expected = info.signatureBytes ?? (key.kty === 'RSA' && key.bits ? Math.ceil(key.bits / 8) : undefined);
  if (expected === undefined || actual === expected) return undefined;
  const der = info.family === 'ECDSA' && token.signature[0] === 0x30 ? ' It looks DER-encoded: JWS needs the raw R || S form (RFC 7518 §3.4).' : '';
  return `a ${alg} signature with this key is ${expected} bytes, this one is ${actual}.${der}`;
}

const thumbprints = new WeakMap<ParsedKey, Promise<string>>();
/** Each key's KeyUsed once its thumbprint is known: a verify per keystroke then builds nothing. Never mutated. */
const keysUsed = new WeakMap<ParsedKey, KeyUsed>();

async function keyUsedFor(key: ParsedKey): Promise<KeyUsed> {
  let thumbprint = thumbprints.get(key);
  if (!thumbprint) {
    thumbprint = keyThumbprint(key);
    thumbprints.set(key, thumbprint);
  }
  const used: KeyUsed = { description: describeKey(key), thumbprint: await thumbprint };
  if (key.kid !== undefined) used.kid = key.kid;
  if (key.index !== undefined) used.position = key.index + 1;
  keysUsed.set(key, used);
  return used;
}

type SubtleParams = AlgorithmIdentifier | RsaPssParams | EcdsaParams;

/** RFC 7518 §3 (and RFC 8037 §3.1): the WebCrypto parameters of each JWS algorithm family, as jose uses them. */
const SUBTLE_PARAMS: Record<AlgFamily, (hashBits: number) => SubtleParams> = {
  HMAC: () => ({ name: 'HMAC' }),
  RSA: () => ({ name: 'RSASSA-PKCS1-v1_5' }),
  'RSA-PSS': (bits) => ({ name: 'RSA-PSS', saltLength: bits / 8 }),
  ECDSA: (bits) => ({ name: 'ECDSA', hash: `SHA-${bits}` }),
  EdDSA: () => ({ name: 'Ed25519' }),
};

/** Each algorithm's parameters, built once: a verify per keystroke allocates none. */
const subtleParams = new Map<JwsAlg, SubtleParams>();

function subtleParamsOf(alg: JwsAlg): SubtleParams {
  let params = subtleParams.get(alg);
  if (!params) {
    const info = algInfo(alg);
    params = SUBTLE_PARAMS[info.family](info.hashBytes * 8);
    subtleParams.set(alg, params);
  }
  return params;
}

const ascii = new TextEncoder();

/** RFC 7515 §5.2 steps 8-9: the signing input is the ASCII of the first two segments, exactly as received. */
function signingInputOf(token: DecodedJws): Uint8Array<ArrayBuffer> {
  return ascii.encode(`${token.segments[0]}.${token.segments[1]}`);
}

/**
 * The segments were already parsed strictly (decode.ts) and the key imported by jose (keys.ts), so this is only
 * the WebCrypto check jose's compactVerify ends with. Calling it directly skips re-decoding a 100 KB token per keystroke.
 */
function checkSignature(token: DecodedJws, signingInput: Uint8Array<ArrayBuffer>, alg: JwsAlg, key: ParsedKey): Promise<boolean> {
  const params = subtleParamsOf(alg);
  const verify = (cryptoKey: CryptoKey) => globalThis.crypto.subtle.verify(params, cryptoKey, token.signature as Uint8Array<ArrayBuffer>, signingInput);
  // An imported key is used at once: no extra turn of the event loop per verify.
  const ready = importedKeyNow(key, alg, 'verify');
  return ready ? verify(ready) : cryptoKeyFor(key, alg, 'verify').then(verify);
}

function describeCandidate(key: ParsedKey): string {
  return [key.kid !== undefined ? `kid "${key.kid}"` : undefined, key.index !== undefined ? `key ${key.index + 1}` : undefined].filter(Boolean).join(', ');
}

/**
 * Verifies a JWS compact serialization (RFC 7515 §5.2) against user-supplied key text.
 * Never fetches: keys named by the token (jku, x5u, jwk, x5c) are ignored here.
 */
export async function verifyToken(decoded: DecodeResult, keyText: string, options: VerifyOptions = DEFAULT_VERIFY_OPTIONS): Promise<Verdict> {
  switch (decoded.kind) {
    case 'empty': return verdict('not-verified', 'empty', 'paste a token.');
    case 'malformed': return verdict('malformed', 'malformed', decoded.error.message);
    case 'opaque': return verdict('not-verified', 'opaque', 'this is an opaque token, not a JWT: only its issuer can check it (token introspection, RFC 7662).');
    case 'jwe': return verdict('not-verified', 'jwe', 'this is an encrypted token (JWE): it has no signature to check here; decrypt it with the recipient key.');
    case 'jws': break;
  }
  const rawAlg = decoded.header.alg;
  if (isAlgNone(rawAlg)) {
    return verdict('not-verified', 'alg-none', `"alg": "${String(rawAlg)}" means the token is unsigned (unsecured JWS). It is never accepted as verified.`);
  }
  const crit = decoded.header.crit;
  const unknownCrit = Array.isArray(crit) ? (crit as string[]).filter((name) => !options.understoodCrit?.includes(name)) : undefined;
  if (unknownCrit && unknownCrit.length > 0) {
    return verdict('not-verified', 'crit-unknown', `the header marks ${unknownCrit.map((n) => `"${n}"`).join(', ')} as critical, an extension this verifier does not understand, so the token must be rejected (RFC 7515 §4.1.11).`);
  }
  if (!isSupportedAlg(rawAlg)) {
    return verdict('not-verified', 'alg-unsupported', `"alg": ${stringifyJson(rawAlg)} is not a supported JWS algorithm.`);
  }
  const alg = rawAlg;
  if (!options.algorithms.includes(alg)) {
    return verdict('invalid', 'alg-not-allowed', `${alg} is not in the algorithm allowlist (${options.algorithms.join(', ')}).`);
  }
  // /\S/ is trim()'s notion of whitespace, without copying the key text on every call.
  if (!/\S/.test(keyText)) return verdict('not-verified', 'no-key', `no key yet: paste ${describeNeededKey(alg)} in "Verification key".`);

  let candidates: ParsedKey[];
  let fromSet = false;
  try {
    const input = parsedKeyTextNow(keyText, options.encoding) ?? (await parseKeyText(keyText, options.encoding));
    if (input.kind === 'single') {
      candidates = [input.key];
    } else {
      fromSet = true;
      const kid = decoded.header.kid;
      // Select by kid first: a JWKS may mix secrets with public keys (RFC 7520 §3), and only a public key is confusion.
      const selected = typeof kid === 'string' ? input.keys.filter((k) => k.kid === kid) : input.keys;
      if (typeof kid === 'string' && selected.length === 0) {
        return verdict('invalid', 'no-matching-kid', `no key in the JWKS has "kid": "${kid}" (it has ${input.keys.map((k) => (k.kid === undefined ? 'a key without kid' : `"${k.kid}"`)).join(', ') || 'no usable keys'}).`);
      }
      if (isHmacAlg(alg) && selected.length > 0 && selected.every((k) => k.kty !== 'oct')) {
        return verdict('invalid', 'alg-confusion', `algorithm confusion: the token says ${alg} (a shared-secret MAC) but the JWKS ${typeof kid === 'string' ? `key "${kid}" is a public key` : 'holds only public keys'}. A public key is never used as an HMAC secret.`);
      }
      if (typeof kid === 'string') {
        candidates = selected;
      } else {
        candidates = input.keys.filter((k) => keyRefusal(k, alg) === undefined);
        if (candidates.length === 0) return verdict('invalid', 'alg-key-mismatch', `no key in the JWKS can verify ${alg} (${describeNeededKey(alg)}).`);
      }
    }
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    if (isHmacAlg(alg) && ASYMMETRIC_FORMATS.has(detectKeyFormat(keyText))) {
      return verdict('invalid', 'alg-confusion',
        `algorithm confusion: the token says ${alg} (a shared-secret MAC) but the key is a public/private key, not a secret. Using a public key as an HMAC secret lets anyone forge tokens, so this is never verified.`);
    }
    return verdict('not-verified', 'key-error', `the key could not be read: ${error.message}`);
  }

  let lastRefusal: Verdict | undefined;
  const tried: string[] = [];
  // Encoded once per call, for every candidate key; not kept per token, as each keystroke brings a new decode.
  let signingInput: Uint8Array<ArrayBuffer> | undefined;
  for (const key of candidates) {
    const refusal = keyRefusal(key, alg);
    if (refusal) {
      lastRefusal = refusal;
      continue;
    }
    const lengthProblem = signatureLengthProblem(decoded, alg, key);
    if (lengthProblem) {
      lastRefusal = verdict('invalid', 'signature-length', lengthProblem, { key });
      continue;
    }
    try {
      signingInput ??= signingInputOf(decoded);
      if (await checkSignature(decoded, signingInput, alg, key)) {
        const keyUsed = keysUsed.get(key) ?? (await keyUsedFor(key));
        const which = fromSet ? ` with ${describeCandidate(key)} of the JWKS` : '';
        const verified = verdict('verified', 'ok', `${alg}${which}, key thumbprint ${keyUsed.thumbprint}.`, { keyUsed, key });
        if (decoded.claims !== undefined) verified.claims = decoded.claims as JsonObject as VerifiedClaims;
        return verified;
      }
      tried.push(describeCandidate(key));
    } catch (error) {
      if (error instanceof KeyError) lastRefusal = verdict('invalid', 'alg-key-mismatch', error.message, { key });
      else lastRefusal = verdict('invalid', 'signature-mismatch', (error as Error).message, { key });
    }
  }
  if (tried.length === 0 && lastRefusal) return lastRefusal;
  const key = candidates.length === 1 ? candidates[0] : undefined;
  if (decoded.segments[1] === '' && tried.length > 0) {
    return verdict('invalid', 'signature-mismatch', 'the payload segment is empty: if this is a detached-content JWS (RFC 7515 Appendix F), it can only be verified together with its content.', key ? { key } : {});
  }
  const detail = fromSet && candidates.length > 1
    ? `none of the ${tried.length} matching keys in the JWKS verified the signature: the token was signed by another key, or changed after signing.`
    : 'the signature does not match: either this is not the key that signed the token, or the header or payload was changed after signing.';
  return verdict('invalid', 'signature-mismatch', detail, key ? { key } : {});
}
