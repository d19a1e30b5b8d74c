import { splitScope } from '../oauth/scope';
import type { ApiDefinition, ApiOperation } from '../catalog/api-model';
import { alternativeBlock, resolveRequiredScopes } from '../catalog/resolve-scopes';
import { intentForBody, intentsFor } from '../catalog/scope-reach';
import { readTokenFacts, scopeStringFacts } from '../catalog/token-facts';
import type { UnverifiedTokenFacts } from '../catalog/token-facts';
import { explainWhy403 } from '../catalog/why-403';
import type { TokenCheckOptions, Why403Verdict } from '../catalog/why-403';

/** How the explorer authorizes a call: a token it holds (pasted, or obtained in this tab), or a token a profile will mint. */
export type ExplorerAuthorization = { type: 'token'; token: string } | { type: 'mint'; scope: string };

export interface PreSendCheck {
  /** Unverified: read from the token without checking its signature, or the scopes that will be minted. */
  facts: UnverifiedTokenFacts;
  verdict: Why403Verdict;
}

/** Says locally, with no request, whether the credential's `aud`, expiry and `scope`/`permissions` satisfy the endpoint. */
export function preSendCheck(api: ApiDefinition, operation: ApiOperation, authorization: ExplorerAuthorization, options: TokenCheckOptions = {}): PreSendCheck {
  // A minted token is a client-credentials one (RFC 6749 §4.4): no user, so no *:current_user* scope helps it.
  const facts = authorization.type === 'token' ? readTokenFacts(authorization.token) : scopeStringFacts(splitScope(authorization.scope), false);
  return { facts, verdict: explainWhy403(api, operation, facts, options) };
}

export type MintPlan =
  | { ok: true; /** The `scope` request parameter (RFC 6749 §3.3). */ scope: string; scopes: string[] }
  /** Endpoints that no client-credentials token can call (they act on the token's own user). */
  | { ok: false; unavailable: ApiOperation[] };

/**
 * The least-privilege scopes a profile's client-credentials token needs for these endpoints (the explorer's one, or the
 * scope picker's selection). A scope narrower than its endpoint (update:users_app_metadata) is chosen only when
 * `bodyFields`, the members of the body that will be sent, all lie within it; otherwise the scope that takes any body.
 */
export function leastPrivilegeMint(api: ApiDefinition, operations: readonly ApiOperation[], requested: readonly string[] = [], bodyFields: readonly string[] | null = null): MintPlan {
  const usable = (alternative: readonly string[]) => alternativeBlock(api, alternative, 'm2m') === null;
  const intents = new Map<string, string>();
  for (const operation of operations) {
    const key = intentForBody(intentsFor(api, operation, usable), bodyFields);
    if (key) intents.set(operation.id, key);
  }
  const resolution = resolveRequiredScopes(api, operations, 'm2m', { requested, intents });
  if (resolution.unavailable.length > 0) return { ok: false, unavailable: resolution.unavailable.map((r) => r.operation) };
  return { ok: true, scope: resolution.scopeString, scopes: resolution.scopes };
}
