/**
 * Splits a `scope` value into its distinct tokens, in order (RFC 6749 §3.3: space-delimited, case-sensitive,
 * order-independent). Runs of whitespace count as one delimiter and empty words are dropped: a scope-token holds
 * no whitespace, so this never splits a valid token, and it forgives pasted tabs and line breaks.
 */
export function splitScope(scope: string | undefined): string[] {
  if (!scope) return [];
  return [...new Set(scope.split(/\s+/).filter((word) => word !== ''))];
}

/** Joins scope tokens with single spaces. */
export function formatScope(scopes: readonly string[]): string {
  return scopes.join(' ');
}

/** Scopes defined by OpenID Connect Core §5.4 and §11, which ask for ID token claims or a refresh token, not API access. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set(['openid', 'profile', 'email', 'address', 'phone', 'offline_access']);
