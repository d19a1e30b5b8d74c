import { OIDC_SCOPES, splitScope } from './scope';

/** Why a requested scope did not make it into the grant. */
export type DropReason = 'user-context-limit' | 'not-defined-by-api' | 'rbac' | 'not-defined-or-rbac' | 'oidc-only';

export type ScopeStatus = 'granted' | 'dropped' | 'added';

export interface ScopeDiffRow {
  readonly scope: string;
  readonly requested: boolean;
  /** In the token response's `scope` (which, when absent, equals the request: RFC 6749 §5.1). */
  readonly inResponse: boolean;
  /** In the access token's `scope` or `permissions` (undefined when the access token is opaque). */
  readonly inAccessToken: boolean | undefined;
  readonly status: ScopeStatus;
  readonly reason?: DropReason;
  readonly explanation?: string;
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
    return { reason: 'oidc-only', explanation: `${scope} is an OpenID Connect scope: it asks for ID token claims or a refresh token, and the server did not grant it.` };
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
    if (!isRequested) return { ...base, status: 'added' };
    // API scopes count as granted only if a JWT access token carries them; OIDC scopes never appear there.
    const held = inToken === undefined || OIDC_SCOPES.has(scope) ? base.inResponse || granted.has(scope) : inToken.includes(scope);
    return held ? { ...base, status: 'granted' } : { ...base, status: 'dropped', ...explainDrop(scope, input) };
  });
  return { rows, dropped: rows.filter((row) => row.status === 'dropped').map((row) => row.scope), accessTokenOpaque: input.accessTokenClaims === undefined };
}
