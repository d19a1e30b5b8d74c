import { decodeToken } from '../jwt/decode';
import type { JsonObject } from '../jwt/decode';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export type LintSeverity = 'ok' | 'warning' | 'error';
export type LintRuleId = 'format' | 'iss-sub' | 'sub-client' | 'aud' | 'exp' | 'jti' | 'typ' | 'kid' | 'alg' | 'iat';

export interface LintResult {
  id: LintRuleId;
  severity: LintSeverity;
  message: string;
}

export interface LintContext {
  /** The client this assertion should authenticate. */
  clientId?: string | undefined;
  /** The authorization server's issuer identifier. */
  issuer?: string | undefined;
  /** The endpoint the assertion is sent to (token, introspection, ...). */
  endpoint?: string | undefined;
  /** The client's registered JWKS (public keys), to find the assertion's kid in. */
  registeredKids?: readonly string[] | undefined;
  /** Seconds since the epoch. */
  now: number;
}

const MAX_LIFETIME_SECONDS = 300;
const RECOMMENDED_LIFETIME_SECONDS = 60;

function audiences(claims: JsonObject): string[] {
  const { aud } = claims;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * Checks a private_key_jwt client assertion against RFC 7523 §3 (and its update): iss = sub = client_id, aud the
 * issuer (or the endpoint, which older servers expect), a short exp, a jti, an explicit typ, a kid the client registered.
 * Decodes only: the signature is the authorization server's to check.
 */
export function lintClientAssertion(assertion: string, context: LintContext): LintResult[] {
  const decoded = decodeToken(assertion.trim());
  if (decoded.kind !== 'jws' || !decoded.claims) {
    return [{ id: 'format', severity: 'error', message: 'Not a signed JWT with a JSON claims set: a client assertion is a JWS (RFC 7523 §2.2).' }];
  }
  const { header, claims } = decoded;
  const results: LintResult[] = [];
  const push = (id: LintRuleId, severity: LintSeverity, message: string) => results.push({ id, severity, message });

  const { iss, sub } = claims;
  if (typeof iss !== 'string' || typeof sub !== 'string') push('iss-sub', 'error', '"iss" and "sub" must both be present (RFC 7523 §3 items 1 and 2).');
  else if (iss !== sub) push('iss-sub', 'error', `"iss" (${iss}) and "sub" (${sub}) differ: for client authentication both are the client_id (RFC 7523 §3).`);
  else push('iss-sub', 'ok', `"iss" = "sub" = ${iss}.`);
  if (context.clientId && typeof sub === 'string') {
    push('sub-client', sub === context.clientId ? 'ok' : 'error', sub === context.clientId ? `"sub" is the client_id ${context.clientId}.` : `"sub" is ${sub}, but the client is ${context.clientId}.`);
  }

  const aud = audiences(claims);
  if (aud.length === 0) push('aud', 'error', '"aud" is missing: it must name the authorization server (RFC 7523 §3 item 3).');
  else if (context.issuer && aud.includes(context.issuer)) {
    push('aud', aud.length === 1 ? 'ok' : 'warning', aud.length === 1 ? `"aud" is the issuer ${context.issuer}, as the RFC 7523 update recommends.` : `"aud" is an array: the RFC 7523 update wants a single value, the issuer.`);
  } else if (context.endpoint && aud.includes(context.endpoint)) {
    push('aud', 'warning', `"aud" is the endpoint URL ${context.endpoint}. Many servers accept it, but the RFC 7523 update asks for the issuer identifier${context.issuer ? ` (${context.issuer})` : ''}, which is safe against audience-injection attacks.`);
  } else if (context.issuer || context.endpoint) {
    push('aud', 'error', `"aud" (${aud.join(', ')}) names neither the issuer${context.issuer ? ` ${context.issuer}` : ''} nor the endpoint${context.endpoint ? ` ${context.endpoint}` : ''}: the server will refuse it.`);
  } else {
    push('aud', 'ok', `"aud" is ${aud.join(', ')}.`);
  }

  const { exp, iat, jti } = claims;
  if (typeof exp !== 'number') push('exp', 'error', '"exp" is missing: an assertion must expire (RFC 7523 §3 item 4).');
  else {
    const lifetime = typeof iat === 'number' ? exp - iat : exp - context.now;
    if (exp <= context.now) push('exp', 'error', `Expired ${Math.round(context.now - exp)} s ago: the server will refuse it.`);
    else if (lifetime > MAX_LIFETIME_SECONDS) push('exp', 'warning', `Lives ${Math.round(lifetime)} s: keep assertions short (${RECOMMENDED_LIFETIME_SECONDS} s); some servers refuse anything over ${MAX_LIFETIME_SECONDS} s.`);
    else push('exp', 'ok', `Lives ${Math.round(lifetime)} s${typeof iat === 'number' ? '' : ' from now'}.`);
  }
  if (typeof iat !== 'number') push('iat', 'warning', '"iat" is absent: servers use it to bound the lifetime and the replay window.');
  if (typeof jti !== 'string' || jti === '') push('jti', 'error', '"jti" is missing: servers track it to refuse a replayed assertion (RFC 7523 §3 item 7), so each request needs a fresh one.');
  else push('jti', 'ok', `"jti" is present (${jti.length} characters); use a fresh one on every request.`);

  const { typ, kid, alg } = header;
  if (typ === undefined) push('typ', 'warning', 'No "typ": the RFC 7523 update recommends "client-authentication+jwt" so that the assertion cannot be confused with another kind of JWT.');
  else if (typeof typ === 'string' && typ.toLowerCase() === 'client-authentication+jwt') push('typ', 'ok', '"typ" is client-authentication+jwt.');
  else if (typeof typ === 'string' && ['at+jwt', 'application/at+jwt', 'logout+jwt'].includes(typ.toLowerCase())) push('typ', 'error', `"typ" is ${typ}: this JWT is another kind of token, not a client assertion.`);
  else push('typ', 'warning', `"typ" is ${JSON.stringify(typ)}: the RFC 7523 update recommends "client-authentication+jwt".`);

  if (typeof alg !== 'string' || alg === 'none' || alg.startsWith('HS')) {
    push('alg', 'error', `"alg" is ${JSON.stringify(alg)}: private_key_jwt needs an asymmetric signature (HS* is client_secret_jwt; none is never accepted).`);
  } else push('alg', 'ok', `"alg" is ${alg}.`);
  if (typeof kid !== 'string') push('kid', 'warning', 'No "kid": the server has to try every registered key; name the key you signed with.');
  else if (context.registeredKids === undefined) push('kid', 'ok', `"kid" is ${kid} (paste the client's JWKS to check that it is registered).`);
  else if (context.registeredKids.includes(kid)) push('kid', 'ok', `"kid" ${kid} is in the client's registered JWKS.`);
  else push('kid', 'error', `"kid" ${kid} is not in the client's registered JWKS (${context.registeredKids.join(', ') || 'no kid there'}): the server cannot find the key.`);
  return results;
}
