import { OIDC_SCOPES, splitScope } from './scope';

/** Why a requested scope did not make it into the grant. */
export type DropReason = 'user-context-limit' | 'not-defined-by-api' | 'rbac' | 'not-defined-or-rbac' | 'oidc-only';

/** Why a scope counts as granted, or was added. */
export type GrantReason = 'listed' | 'listed-opaque' | 'response-omits-scope' | 'oidc-not-listed' | 'added';

export type ScopeStatus = 'granted' | 'dropped' | 'added';

export interface ScopeDiffRow {
  readonly scope: string;
  readonly requested: boolean;
  /** In the token response's `scope` (which, when absent, equals the request: RFC 6749 §5.1). */
  readonly inResponse: boolean;
  /** In the access token's `scope` or `permissions` (undefined when the access token is opaque). */
  readonly inAccessToken: boolean | undefined;
  readonly status: ScopeStatus;
  readonly reason: DropReason | GrantReason;
  /** Every row says why it has its status. */
  readonly explanation: string;
}

export interface ScopeDiffInput {
  readonly requestedScope: string | undefined;
  readonly audience: string | undefined;
  /** The `scope` member of the token response, or of the authorization response in the implicit flow. */
  readonly responseScope: string | undefined;
  /** Decoded access token claims, or undefined when the access token is opaque. */
  readonly accessTokenClaims: Readonly<Record<string, unknown>> | undefined;
  readonly managementApiIdentifier: string | undefined;
  readonly userContextScopes: readonly string[];
  /** Scopes the audience API defines, when known. */
  readonly apiScopes: readonly string[] | undefined;
  /** Decoded ID token claims, when an ID token came back: the evidence that OIDC scopes were granted. */
  readonly idTokenClaims?: Readonly<Record<string, unknown>> | undefined;
  /** A refresh token came back: the evidence that offline_access was granted. */
  readonly refreshTokenIssued?: boolean | undefined;
}

/** The claims each OIDC scope asks for (OpenID Connect Core §5.4). */
const OIDC_SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  profile: ['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
};

const OIDC_NOT_LISTED =
  'OIDC scopes ask who the user is, and the ID token and /userinfo answer them: oidc-provider (this demo tenant) leaves them out of the token response ' +
  'when the access token is for an API (audience or resource); Auth0 lists them, and also puts them in the access token for /userinfo.';

/** Where an OIDC scope that the token response leaves out shows that it was granted anyway; undefined when nothing shows it. */
function oidcEvidence(scope: string, input: ScopeDiffInput, inToken: readonly string[] | undefined): string | undefined {
  if (inToken?.includes(scope)) return 'The access token’s scope carries it.';
  const id = input.idTokenClaims;
  if (scope === 'openid' && id) return 'The ID token that came back is its answer.';
  if (scope === 'offline_access' && input.refreshTokenIssued) return 'The refresh token that came back is its answer.';
  const claims = (OIDC_SCOPE_CLAIMS[scope] ?? []).filter((claim) => id && claim in id);
  if (claims.length > 0) return `The ID token carries its claims (${claims.join(', ')}).`;
  if (id && OIDC_SCOPE_CLAIMS[scope]) {
    return 'With an access token in the same response, its claims come from /userinfo rather than the ID token (OpenID Connect Core §5.4): call Userinfo on the Introspection page to see them.';
  }
  return undefined;
}

function explainGrant(scope: string, listedAbsent: boolean, inToken: readonly string[] | undefined): { reason: GrantReason; explanation: string } {
  if (listedAbsent) {
    return { reason: 'response-omits-scope', explanation: 'The response has no scope member, which means the scope was granted as requested (RFC 6749 §5.1).' };
  }
  if (inToken === undefined) {
    return { reason: 'listed-opaque', explanation: 'Listed in the token response’s scope. The access token is opaque, so only the server (introspection) can confirm what it carries.' };
  }
  return { reason: 'listed', explanation: inToken.includes(scope) ? 'Listed in the token response’s scope, and carried by the access token.' : 'Listed in the token response’s scope.' };
}


export interface ScopeDiff {
  readonly rows: readonly ScopeDiffRow[];
  readonly dropped: readonly string[];
  readonly accessTokenOpaque: boolean;
}

function accessTokenScopes(claims: Readonly<Record<string, unknown>>): string[] {
  const scope = typeof claims.scope === 'string' ? splitScope(claims.scope) : [];
  const permissions = Array.isArray(claims.permissions) ? claims.permissions.filter((item): item is string => typeof item === 'string') : [];
  return [...new Set([...scope, ...permissions])];
}

function explainDrop(scope: string, input: ScopeDiffInput): { reason: DropReason; explanation: string } {
  if (OIDC_SCOPES.has(scope)) {
    return { reason: 'oidc-only', explanation: `${scope} is an OpenID Connect scope: it asks for ID token claims or a refresh token. The token response does not list it, and nothing that came back (ID token, its claims, a refresh token) shows it was granted.` };
  }
  const isManagement = input.audience !== undefined && input.managementApiIdentifier !== undefined && input.audience === input.managementApiIdentifier;
  const isApiScope = input.apiScopes ? input.apiScopes.includes(scope) : scope.includes(':');
  if (isManagement && isApiScope && !input.userContextScopes.includes(scope)) {
    return {
      reason: 'user-context-limit',
      explanation: `A user-bound Management API token can carry only user-context scopes (${input.userContextScopes.join(', ')}). ${scope} needs a backend with client credentials.`,
    };
  }
  if (input.apiScopes && !input.apiScopes.includes(scope)) {
    return { reason: 'not-defined-by-api', explanation: `The API ${input.audience ?? ''} does not define ${scope}, so the server dropped it.` };
  }
  if (input.apiScopes) {
    return { reason: 'rbac', explanation: `The API defines ${scope}, but this user (or this application) was not granted it: RBAC or the application's API access policy removed it.` };
  }
  return {
    reason: 'not-defined-or-rbac',
    explanation: `Either the API does not define ${scope}, or RBAC (the user's roles and permissions) did not grant it.`,
  };
}

/** Compares requested scopes with those in the token response and the access token, and explains each dropped one. */
export function diffScopes(input: ScopeDiffInput): ScopeDiff {
  const requested = splitScope(input.requestedScope);
  const response = input.responseScope === undefined ? requested : splitScope(input.responseScope);
  const inToken = input.accessTokenClaims ? accessTokenScopes(input.accessTokenClaims) : undefined;
  const granted = new Set([...response, ...(inToken ?? [])]);
  const all = [...new Set([...requested, ...response, ...(inToken ?? [])])];

  const rows = all.map((scope): ScopeDiffRow => {
    const isRequested = requested.includes(scope);
    const base = {
      scope,
      requested: isRequested,
      inResponse: response.includes(scope),
      inAccessToken: inToken ? inToken.includes(scope) : undefined,
    };
    if (!isRequested) {
      return {
        ...base,
        status: 'added',
        reason: 'added',
        explanation: 'Granted without being asked for: a default of the API or of the application’s grant. The server may grant other scopes than requested (RFC 6749 §3.3).',
      };
    }
    if (OIDC_SCOPES.has(scope) && !base.inResponse) {
      const evidence = oidcEvidence(scope, input, inToken);
      return evidence
        ? { ...base, status: 'granted', reason: 'oidc-not-listed', explanation: `Not listed in the token response. ${OIDC_NOT_LISTED} ${evidence}` }
        : { ...base, status: 'dropped', ...explainDrop(scope, input) };
    }
    // API scopes count as granted only if a JWT access token carries them; OIDC scopes never need to appear there.
    const held = inToken === undefined || OIDC_SCOPES.has(scope) ? base.inResponse || granted.has(scope) : inToken.includes(scope);
    return held ? { ...base, status: 'granted', ...explainGrant(scope, input.responseScope === undefined, inToken) } : { ...base, status: 'dropped', ...explainDrop(scope, input) };
  });
  return { rows, dropped: rows.filter((row) => row.status === 'dropped').map((row) => row.scope), accessTokenOpaque: input.accessTokenClaims === undefined };
}
