import { base64url, calculateJwkThumbprint, CompactEncrypt, CompactSign, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import type { ExampleId } from './example-list';
import type { SecretEncoding } from './keys';
import { encodeBase64 } from './pem';

/** A sample token with the key that verifies (or decrypts) it. Every key is made at load time and is for this example only. */
export interface LoadedExample {
  token: string;
  verificationKey: string;
  secretEncoding: SecretEncoding;
  decryptionKey: string;
}

/** A made-up tenant: the examples never send anything to it. */
export const EXAMPLE_ISSUER = 'https://example-tenant.us.auth0.com/';
export const EXAMPLE_API = 'https://api.example.com/';
export const EXAMPLE_CLIENT_ID = 'ExampleSpaClientIdOnlyForExamples';
const EXAMPLE_M2M_CLIENT_ID = 'ExampleM2mClientIdOnlyForExamples';
const HOUR = 3600;
const DAY = 24 * HOUR;

export type RandomBytes = (length: number) => Uint8Array;
const defaultRandom: RandomBytes = (length) => globalThis.crypto.getRandomValues(new Uint8Array(length));

interface ExampleSigningKey {
  privateKey: CryptoKey;
  jwks: { keys: JWK[] };
  kid: string;
}

let signingKey: Promise<ExampleSigningKey> | undefined;

/** One RSA key per page for the signed examples, so the access, ID and client-credentials tokens share one JWKS, as a tenant's do. */
function exampleSigningKey(): Promise<ExampleSigningKey> {
  signingKey ??= (async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return { privateKey, kid, jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] } };
  })();
  return signingKey;
}

async function signRs256(claims: object): Promise<{ token: string; jwksText: string }> {
  const key = await exampleSigningKey();
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  return { token, jwksText: JSON.stringify(key.jwks, null, 2) };
}

const userAccessClaims = (now: number) => ({
  iss: EXAMPLE_ISSUER,
  sub: 'auth0|example-user-0001',
  aud: [EXAMPLE_API, `${EXAMPLE_ISSUER}userinfo`],
  iat: now,
  exp: now + DAY,
  azp: EXAMPLE_CLIENT_ID,
  scope: 'openid profile email read:appointments',
});

const signed = (token: string, verificationKey: string, secretEncoding: SecretEncoding = 'utf8'): LoadedExample => ({ token, verificationKey, secretEncoding, decryptionKey: '' });

/** Builds one example token, signed or encrypted now (so `exp` lies ahead), with no network request. */
export async function buildExample(id: ExampleId, now = Math.floor(Date.now() / 1000), randomBytes: RandomBytes = defaultRandom): Promise<LoadedExample> {
  switch (id) {
    case 'access-token': {
      const { token, jwksText } = await signRs256(userAccessClaims(now));
      return signed(token, jwksText);
    }
    case 'id-token': {
      const claims = { iss: EXAMPLE_ISSUER, sub: 'auth0|example-user-0001', aud: EXAMPLE_CLIENT_ID, iat: now, exp: now + 10 * HOUR, nonce: base64url.encode(randomBytes(12)), name: 'Example User', email: 'user@example.com', email_verified: true };
      const { token, jwksText } = await signRs256(claims);
      return signed(token, jwksText);
    }
    case 'client-credentials': {
      const claims = { iss: EXAMPLE_ISSUER, sub: `${EXAMPLE_M2M_CLIENT_ID}@clients`, aud: EXAMPLE_API, iat: now, exp: now + DAY, azp: EXAMPLE_M2M_CLIENT_ID, scope: 'read:appointments', gty: 'client-credentials' };
      const { token, jwksText } = await signRs256(claims);
      return signed(token, jwksText);
    }
    case 'opaque':
      // 32 base64url characters: the shape of an Auth0 access token issued without an "audience". Nothing can verify it locally.
      return signed(base64url.encode(randomBytes(24)), '');
    case 'jwe': {
      const { token: inner, jwksText } = await signRs256(userAccessClaims(now));
      const key = randomBytes(32);
      const token = await new CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(key);
      // The verification key is the inner token's: "Open the inner token" then verifies it too.
      return { token, verificationKey: jwksText, secretEncoding: 'base64url', decryptionKey: base64url.encode(key) };
    }
    case 'legacy-management-api': {
      // Before signing keys were per tenant, Management API tokens were HS256 with the global client secret, which Auth0 shows base64-encoded.
      const secret = randomBytes(32);
      const claims = { iss: EXAMPLE_ISSUER, sub: 'ExampleGlobalClientIdOnlyForExamples@clients', aud: `${EXAMPLE_ISSUER}api/v2/`, iat: now, exp: now + 365 * DAY, scope: 'read:users update:users', jti: base64url.encode(randomBytes(12)) };
      const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
      return signed(token, encodeBase64(secret), 'base64');
    }
  }
}
