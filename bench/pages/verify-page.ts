// The verify bench's page: the app's own verify path (decode + verifyToken, as the debugger calls them on each
// keystroke) next to a bare crypto.subtle.verify with a key imported once, on the same token and key.
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { decodeToken } from '../../src/lib/jwt/decode';
import type { DecodedJws } from '../../src/lib/jwt/decode';
import { DEFAULT_VERIFY_OPTIONS, verifyToken } from '../../src/lib/jwt/verify';
import { BENCH_ALGS } from './verify-algs';
import type { BenchAlg } from './verify-algs';

interface Case {
  decoded: DecodedJws;
  keyText: string;
  rawKey: CryptoKey;
  rawParams: AlgorithmIdentifier | EcdsaParams;
  signingInput: string;
  signature: Uint8Array<ArrayBuffer>;
}

const cases = new Map<BenchAlg, Case>();
const encoder = new TextEncoder();

const RAW_PARAMS: Record<BenchAlg, AlgorithmIdentifier | EcdsaParams> = {
  HS256: { name: 'HMAC' },
  RS256: { name: 'RSASSA-PKCS1-v1_5' },
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  EdDSA: { name: 'Ed25519' },
};

/** A typical Auth0 access token's claims. */
const claims = {
  iss: 'https://example.eu.auth0.com/',
  sub: 'auth0|64f1c2b3a4d5e6f708192a3b',
  aud: ['https://api.example.com', 'https://example.eu.auth0.com/userinfo'],
  azp: 'q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6',
  scope: 'openid profile email read:appointments write:appointments',
  permissions: ['read:appointments', 'write:appointments'],
  'https://example.com/roles': ['admin'],
};

async function keysFor(alg: BenchAlg): Promise<{ signKey: CryptoKey | Uint8Array; keyText: string; rawKey: CryptoKey }> {
  if (alg === 'HS256') {
    const secret = 'a-shared-secret-of-at-least-32-bytes-for-hs256';
    const bytes = encoder.encode(secret);
    const rawKey = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return { signKey: bytes, keyText: secret, rawKey };
  }
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  // What users paste: a PEM public key for RSA and Ed25519, a JWK for EC.
  const keyText = alg === 'ES256' ? JSON.stringify(await exportJWK(publicKey)) : await exportSPKI(publicKey);
  return { signKey: privateKey, keyText, rawKey: publicKey };
}

async function setup(): Promise<void> {
  for (const alg of BENCH_ALGS) {
    const { signKey, keyText, rawKey } = await keysFor(alg);
    const token = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(signKey);
    const decoded = decodeToken(token);
    if (decoded.kind !== 'jws') throw new Error(`${alg}: the bench token did not decode as a JWS`);
    const [header, payload] = decoded.segments;
    cases.set(alg, { decoded, keyText, rawKey, rawParams: RAW_PARAMS[alg], signingInput: `${header}.${payload}`, signature: decoded.signature as Uint8Array<ArrayBuffer> });
  }
}

function caseOf(alg: BenchAlg): Case {
  const found = cases.get(alg);
  if (!found) throw new Error(`no bench case for ${alg}: call setup() first`);
  return found;
}

// Each keystroke gives the debugger a new decode result, so each call gets a fresh object: nothing is memoized per token.
// Both paths go through the same async wrapper that reads the answer, so that the bench's own turn of the
// microtask queue is not charged to the app alone (against a bare verify of about 6 µs, it was 0.05× of the ratio).
const appVerify = async (c: Case) => (await verifyToken({ ...c.decoded }, c.keyText, DEFAULT_VERIFY_OPTIONS)).kind === 'verified';
const rawVerify = async (c: Case) => (await crypto.subtle.verify(c.rawParams, c.rawKey, c.signature, encoder.encode(c.signingInput))) === true;

/** Runs `iterations` sequential verifications and returns the elapsed milliseconds. */
async function run(alg: BenchAlg, path: 'app' | 'raw', iterations: number): Promise<number> {
  const c = caseOf(alg);
  const verify = path === 'app' ? appVerify : rawVerify;
  if (!(await verify(c))) throw new Error(`${alg}: the ${path} path did not verify the bench token`);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await verify(c);
  return performance.now() - started;
}

declare global {
  interface Window {
    verifyBench: { setup: typeof setup; run: typeof run };
  }
}

window.verifyBench = { setup, run };
