import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { isTokenExchange } from './token-exchange';
import type { TenantStore } from './tenant-store';

/** Claims the tenant adds to access tokens beyond oidc-provider's: RFC 8693's `act`, and the tenant's claim rules. */

type ExtraTokenClaims = NonNullable<Configuration['extraTokenClaims']>;

/**
 * The claims of the tenant's rules for a client-credentials request (Auth0's credentials-exchange hook): each rule's
 * parameter, when sent, must name a user of the tenant and be sent by a client the rule runs for; anything else is a
 * clear `invalid_request`, never a token that silently lacks the claim. oidc-provider drops parameters its grant does
 * not know from `params`, so they are read from the request body it parsed (after authenticating the client).
 */
function ruleClaims(ctx: KoaContextWithOIDC, tenant: TenantStore, clientId: string): Record<string, string> | undefined {
  const body = ctx.oidc.body ?? {};
  const claims: Record<string, string> = {};
  for (const rule of tenant.tokenClaimRules.list()) {
    if (!(rule.param in body)) continue;
    const value = body[rule.param];
    if (!rule.client_ids.includes(clientId)) {
      throw new errors.InvalidRequest(`${rule.param} is not accepted from ${clientId}: the tenant's rule runs for ${rule.client_ids.join(', ')} only`);
    }
    if (typeof value !== 'string' || value === '') throw new errors.InvalidRequest(`${rule.param} must be one user id`);
    if (!tenant.users.get(value)) throw new errors.InvalidRequest(`${rule.param} names no user of this tenant: ${value}`);
    claims[rule.claim] = value;
  }
  return Object.keys(claims).length ? claims : undefined;
}

export function tenantTokenClaims(tenant: TenantStore): ExtraTokenClaims {
  return (ctx, token) => {
    // RFC 8693 §4.1: the exchanging client is the actor; Auth0 names clients `<client_id>@clients`.
    if (token.kind === 'AccessToken' && isTokenExchange(ctx.oidc.params)) return { act: { sub: `${token.clientId}@clients` } };
    if (token.kind === 'ClientCredentials') return ruleClaims(ctx, tenant, token.clientId ?? '');
    return undefined;
  };
}
