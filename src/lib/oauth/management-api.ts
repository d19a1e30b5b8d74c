// Named JSON imports let the bundler keep only these fields of the generated catalog.
import { extraScopes, scopes, userContextScopes } from '../catalog/data/auth0-management-api.json';

/** Management API scopes that a user-bound token may carry (generated from Auth0's docs; see the catalog). */
export const MANAGEMENT_USER_CONTEXT_SCOPES: readonly string[] = userContextScopes;

/** Every scope the Management API defines (spec, newer docs and legacy SDKs). */
export const MANAGEMENT_API_SCOPES: readonly string[] = [...new Set([...scopes.map((scope) => scope.name), ...extraScopes.map((scope) => scope.name)])];
