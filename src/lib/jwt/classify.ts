import type { DecodeResult, JsonObject } from './decode';

export type TokenTypeKind = 'access-token' | 'client-credentials' | 'id-token' | 'opaque' | 'jwe' | 'jws' | 'malformed' | 'empty';

const TOKEN_TYPE_LABELS: Record<TokenTypeKind, string> = {
  'access-token': 'Access token for an API',
  'client-credentials': 'Client-credentials access token',
  'id-token': 'ID token',
  opaque: 'Opaque token',
  jwe: 'Encrypted token (JWE)',
  jws: 'Other JWS',
  malformed: 'Malformed token',
  empty: 'No token',
};

export interface TokenClassification {
  kind: TokenTypeKind;
  label: string;
  evidence: string[];
  fix?: string;
  /** Auth0 detail: an opaque token means no `audience` reached /authorize. */
  auth0NoAudience?: boolean;
}

const ID_TOKEN_FIX = 'Fix: send the access token to APIs, not the ID token. The ID token tells the client who signed in; an API must only accept access tokens issued for its own audience.';
const OPAQUE_FIX = 'Fix: to get a JWT access token for your API from Auth0, send audience=<your API identifier> in the /authorize (or /oauth/token) request. An opaque token can only be checked by its issuer (/userinfo or token introspection, RFC 7662).';

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
const looksLikeUri = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value) || value.includes('/');

/**
 * Claims that only ever appear in ID tokens (OIDC Core §2, §3.3.2.11; FAPI 1.0 Part 2 §5.1 for `s_hash`).
 * `auth_time` and `sid` are not among them: RFC 9068 §2.2.1 puts `auth_time` in access tokens, and servers such as
 * Keycloak put `sid` there too, so those two only count as user claims next to a client-id audience.
 */
const ID_TOKEN_ONLY_CLAIMS = ['nonce', 'at_hash', 'c_hash', 's_hash'] as const;

function classifyClaims(header: JsonObject | undefined, claims: JsonObject): TokenClassification {
  const evidence: string[] = [];
  const typ = typeof header?.typ === 'string' ? header.typ.toLowerCase() : undefined;
  const audiences = asList(claims.aud);
  const hasScope = claims.scope !== undefined || claims.scp !== undefined;
  // Auth0 RBAC's `permissions` only ever rides on access tokens.
  const hasAccessGrant = hasScope || claims.permissions !== undefined;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;

  const cc: string[] = [];
  if (claims.gty === 'client-credentials') cc.push('"gty" is "client-credentials"');
  if (sub?.endsWith('@clients')) cc.push(`"sub" ends with "@clients" (${sub}): the subject is a client, not a user`);
  if (cc.length > 0) {
    if (claims.email === undefined && claims.name === undefined) cc.push('no user claims (email, name)');
    return { kind: 'client-credentials', label: TOKEN_TYPE_LABELS['client-credentials'], evidence: cc };
  }

  // RFC 8693 §4.1: an exchanged token names its actor; the subject stays the user the token is about.
  const act = claims.act && typeof claims.act === 'object' && !Array.isArray(claims.act) ? (claims.act as Record<string, unknown>) : undefined;
  if (act && typeof act.sub === 'string') {
    const exchanged = [`"act" names ${act.sub}, acting for ${sub ?? 'the subject'} (RFC 8693 token exchange)`];
    if (hasScope) exchanged.push('has "scope"');
    if (typ === 'at+jwt' || typ === 'application/at+jwt') exchanged.push(`header "typ" is "${String(header?.typ)}" (RFC 9068 JWT access token)`);
    return { kind: 'access-token', label: `${TOKEN_TYPE_LABELS['access-token']}, exchanged (RFC 8693)`, evidence: exchanged };
  }

  if (typ === 'at+jwt' || typ === 'application/at+jwt') {
    evidence.push(`header "typ" is "${String(header?.typ)}" (RFC 9068 JWT access token)`);
    if (hasScope) evidence.push('has "scope"');
    return { kind: 'access-token', label: TOKEN_TYPE_LABELS['access-token'], evidence };
  }

  const idSignals: string[] = [];
  for (const claim of ID_TOKEN_ONLY_CLAIMS) if (claims[claim] !== undefined) idSignals.push(`has "${claim}"`);
  const audIsClientId = audiences.length === 1 && !looksLikeUri(audiences[0] as string);
  if (idSignals.length > 0 && !hasAccessGrant) {
    if (audIsClientId) idSignals.push(`"aud" is a client id (${audiences[0]}), not an API identifier`);
    idSignals.push('no "scope"');
    return { kind: 'id-token', label: TOKEN_TYPE_LABELS['id-token'], evidence: idSignals, fix: ID_TOKEN_FIX };
  }

  const accessSignals: string[] = [];
  if (hasScope) accessSignals.push(`has "${claims.scope !== undefined ? 'scope' : 'scp'}"`);
  if (claims.permissions !== undefined) accessSignals.push('has "permissions" (Auth0 RBAC)');
  if (claims.client_id !== undefined) accessSignals.push('has "client_id" (RFC 9068)');
  const apiAudiences = audiences.filter(looksLikeUri);
  if (apiAudiences.length > 0) accessSignals.push(`"aud" names an API (${apiAudiences.join(', ')})`);
  if (accessSignals.length > 0) return { kind: 'access-token', label: TOKEN_TYPE_LABELS['access-token'], evidence: accessSignals };

  const userSignals = ['email', 'name', 'nickname', 'sid', 'auth_time'].filter((c) => claims[c] !== undefined);
  if (audIsClientId && userSignals.length > 0) {
    return {
      kind: 'id-token', label: TOKEN_TYPE_LABELS['id-token'], fix: ID_TOKEN_FIX,
      evidence: [`"aud" is a client id (${audiences[0]}), not an API identifier`, `user claims: ${userSignals.join(', ')}`, 'no "scope"'],
    };
  }
  return { kind: 'jws', label: TOKEN_TYPE_LABELS.jws, evidence: ['signed JWT claims with no access-token or ID-token markers'] };
}

/** Says what kind of token this is and why: access token, client-credentials token, ID token, opaque, JWE or other JWS. */
export function classifyToken(decoded: DecodeResult): TokenClassification {
  switch (decoded.kind) {
    case 'empty':
      return { kind: 'empty', label: TOKEN_TYPE_LABELS.empty, evidence: [] };
    case 'opaque': {
      const evidence = ['no dots: not a JWS or JWE compact serialization'];
      const auth0 = /^[A-Za-z0-9_-]{32}$/.test(decoded.token);
      if (auth0) evidence.push('32 characters: the shape of an Auth0 opaque access token, issued when no "audience" was sent to /authorize');
      return { kind: 'opaque', label: TOKEN_TYPE_LABELS.opaque, evidence, fix: OPAQUE_FIX, auth0NoAudience: auth0 };
    }
    case 'jwe': {
      const evidence = [`five segments with "alg": "${String(decoded.header.alg)}" and "enc": "${String(decoded.header.enc)}"`];
      const auth0 = decoded.header.alg === 'dir' && typeof decoded.header.iss === 'string' && /auth0\.com\/?$/.test(decoded.header.iss);
      if (auth0) {
        evidence.push('Auth0 issues "dir"-encrypted access tokens like this one when no "audience" was sent: for your API it is opaque');
        return { kind: 'jwe', label: TOKEN_TYPE_LABELS.jwe, evidence, fix: OPAQUE_FIX, auth0NoAudience: true };
      }
      return { kind: 'jwe', label: TOKEN_TYPE_LABELS.jwe, evidence };
    }
    case 'malformed': {
      if (!decoded.claims) return { kind: 'malformed', label: TOKEN_TYPE_LABELS.malformed, evidence: [decoded.error.message] };
      const guess = classifyClaims(decoded.header, decoded.claims);
      return { ...guess, evidence: [...guess.evidence, 'classified from the parts that decoded: the token itself is malformed'] };
    }
    case 'jws':
      if (!decoded.claims) return { kind: 'jws', label: TOKEN_TYPE_LABELS.jws, evidence: ['the payload is not a JSON claims set, so this is a JWS but not a JWT'] };
      return classifyClaims(decoded.header, decoded.claims);
  }
}
