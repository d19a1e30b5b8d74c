import type { Catalog, HttpMethod, Lifecycle } from './schema';

/** Whether a token is obtained by a machine (client credentials) or on behalf of a signed-in user. */
export type TokenKind = 'm2m' | 'user';

/**
 * One endpoint of an API, whichever API it belongs to.
 * `alternatives` is any-of over all-of: the call passes when the token holds every scope of at least one alternative.
 * An empty alternative means the endpoint needs no scope.
 */
export interface ApiOperation {
  id: string;
  method: HttpMethod;
  path: string;
  tag: string;
  summary: string;
  alternatives: readonly (readonly string[])[];
  lifecycle: Lifecycle;
  docsUrl: string | null;
  legacy: boolean;
}

/** How an API recognises its tokens' audience. */
export type AudienceRule =
  | { type: 'auth0-management'; tenantDomain: string | null }
  | { type: 'exact'; identifier: string };

export interface ApiDefinition {
  /** Stable key: `auth0-management` or `custom:<id>`. */
  key: string;
  name: string;
  kind: 'auth0-management' | 'custom';
  audience: AudienceRule;
  operations: readonly ApiOperation[];
  scopeDescriptions: ReadonlyMap<string, string>;
  /** Scopes an end user may hold on a user-bound token; null when the API does not restrict them. */
  userGrantableScopes: ReadonlySet<string> | null;
}

export const MANAGEMENT_API_KEY = 'auth0-management';

/** `METHOD /path`: the key of an operation in deep links and the accessible name of its checkbox. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** Scopes that only ever act on the token's own `sub` (Auth0's `*:current_user*`). */
export function isCurrentUserScope(scope: string): boolean {
  return scope.includes(':current_user');
}

/** Turns the generated catalog into the API model: the spec's alternatives, then the docs-only user-context ones. */
export function managementApiFromCatalog(catalog: Catalog, tenantDomain: string | null = null): ApiDefinition {
  const scopeDescriptions = new Map(catalog.scopes.map((s) => [s.name, s.description]));
  return {
    key: MANAGEMENT_API_KEY,
    name: catalog.name,
    kind: 'auth0-management',
    audience: { type: 'auth0-management', tenantDomain },
    scopeDescriptions,
    userGrantableScopes: new Set(catalog.userContextScopes),
    operations: catalog.operations.map((op) => ({
      id: op.id,
      method: op.method,
      path: op.path,
      tag: op.tag,
      summary: op.summary,
      alternatives: [...op.scopes, ...op.userContextScopes.filter((s) => !op.scopes.includes(s))].map((s) => [s]),
      lifecycle: op.lifecycle,
      docsUrl: op.docsUrl,
      legacy: op.legacy,
    })),
  };
}

/** Every scope that some alternative of the operation lists, in order. */
export function acceptedScopes(operation: ApiOperation): string[] {
  return [...new Set(operation.alternatives.flat())];
}
