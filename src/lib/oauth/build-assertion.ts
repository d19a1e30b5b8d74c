import { SignJWT } from 'jose';
import { SIGNING_ALGS } from '../jwt/algorithms';
import type { JwsAlg } from '../jwt/algorithms';
import { algsForParsedKey, cryptoKeyFor, keyThumbprint, parseKeyText } from '../jwt/keys';

export interface AssertionInput {
  /** A private key the user pasted (PEM or JWK). It stays in this function's scope: nothing keeps or sends it. */
  keyText: string;
  clientId: string;
  audience: string;
  kid?: string | undefined;
  /** Seconds since the epoch. */
  now: number;
  lifetimeSeconds?: number;
  randomId?: () => string;
}

export class AssertionBuildError extends Error {
  readonly code: 'key-unreadable' | 'not-private' | 'no-asymmetric-alg';
  constructor(code: AssertionBuildError['code'], message: string) {
    super(message);
    this.name = 'AssertionBuildError';
    this.code = code;
  }
}

/** Builds an example private_key_jwt client assertion (RFC 7523 §2.2, §3) in the browser, with jose. */
export async function buildClientAssertion(input: AssertionInput): Promise<{ assertion: string; alg: JwsAlg; kid: string }> {
  let parsed;
  try {
    parsed = await parseKeyText(input.keyText);
  } catch (error) {
    throw new AssertionBuildError('key-unreadable', error instanceof Error ? error.message : 'The key could not be read.');
  }
  if (parsed.kind !== 'single' || !parsed.key.isPrivate || parsed.key.kty === 'oct') {
    throw new AssertionBuildError('not-private', 'Paste one private key (PEM or JWK): the assertion is signed with the private half of a key pair.');
  }
  const key = parsed.key;
  const alg = algsForParsedKey(key).find((candidate) => SIGNING_ALGS.includes(candidate) && !candidate.startsWith('HS'));
  if (!alg) throw new AssertionBuildError('no-asymmetric-alg', 'No asymmetric signing algorithm fits this key.');
  const kid = input.kid || key.kid || (await keyThumbprint(key));
  const signingKey = await cryptoKeyFor(key, alg, 'sign');
  const iat = Math.floor(input.now);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg, kid, typ: 'client-authentication+jwt' })
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (input.lifetimeSeconds ?? 60))
    .setJti(input.randomId?.() ?? crypto.randomUUID())
    .sign(signingKey);
  return { assertion, alg, kid };
}
