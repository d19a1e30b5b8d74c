import { SIGNING_ALGS } from './algorithms';
import type { JwsAlg } from './algorithms';
import type { TokenClassification } from './classify';
import type { DecodeResult } from './decode';
import type { ValidationProfile } from './validation';

export interface ProfileFill {
  patch: Partial<ValidationProfile>;
  /** Why a field was left alone; shown next to the button. */
  note?: string;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/**
 * The validation profile a verifier of this token's API would use: issuer, algorithm and the API audience.
 * An ID token's `aud` is the client id (OIDC Core §2), never an API audience, so it is not copied; neither is an
 * Auth0 access token's `/userinfo` audience, which is the issuer's own endpoint and not the API's.
 */
export function profileFromToken(decoded: DecodeResult, classification: TokenClassification): ProfileFill {
  if (decoded.kind !== 'jws' || !decoded.claims) return { patch: {} };
  const { claims, header } = decoded;
  const patch: Partial<ValidationProfile> = {};
  if (typeof claims.iss === 'string') patch.issuer = claims.iss;
  if (typeof header.alg === 'string' && (SIGNING_ALGS as readonly string[]).includes(header.alg)) patch.algorithms = [header.alg as JwsAlg];
  const audiences = asList(claims.aud);
  if (classification.kind === 'id-token') {
    const clientId = audiences[0];
    return {
      patch,
      note: `Expected audience left as it was: this is an ID token, and its "aud"${clientId ? ` (${clientId})` : ''} is the client id of the app that signed the user in, not an API audience. Set your API's identifier, as the access tokens for it carry.`,
    };
  }
  const isUserinfo = (aud: string) => /\/userinfo\/?$/.test(aud);
  const audience = audiences.find((aud) => !isUserinfo(aud));
  if (audience === undefined) return { patch };
  patch.audience = audience;
  const userinfo = audiences.filter(isUserinfo);
  return userinfo.length > 0 ? { patch, note: `Expected audience set to ${audience}; ${userinfo.join(', ')} is the issuer's own endpoint, not your API.` } : { patch };
}
