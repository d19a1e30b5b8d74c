import { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { userContextScopes } from './tenant';
import type { TenantStore } from './tenant-store';
import { isTokenExchange } from './token-exchange';
import { splitScope } from '../../lib/oauth/scope';

/** What goes into the demo tenant's access tokens, as Auth0 decides it: audiences, scopes, gty, azp, permissions. */

type ResourceIndicators = NonNullable<NonNullable<Configuration['features']>['resourceIndicators']>;
type JwtCustomizer = NonNullable<NonNullable<NonNullable<Configuration['formats']>['customizers']>['jwt']>;

const oidcScopeNames = new Set(['openid', 'profile', 'email', 'offline_access']);

function isUserBound(ctx: KoaContextWithOIDC): boolean {
  return !(ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials');
}

/**
 * Auth0's refusals of an audience or a scope: `access_denied`, with 403 at /oauth/token; /authorize sends the
 * same error back to the app's redirect URI.
 */
function accessDenied(description: string): InstanceType<typeof errors.AccessDenied> {
  const err = new errors.AccessDenied(description);
  Object.assign(err, { status: 403, statusCode: 403 });
  return err;
}

/** The API an `audience` names, with the scopes this request may get: a user's, or the client's grant. */
export function resourceServerInfo(tenant: TenantStore): ResourceIndicators['getResourceServerInfo'] {
  return (ctx, resource, client) => {
    const api = tenant.resourceServer(resource);
    if (!api) throw accessDenied(`Service not found: ${resource}`);
    let scopes: readonly string[];
    if (isUserBound(ctx)) {
      // Auth0 grants users only the *:current_user* scopes of the Management API, and drops the rest without an error.
      scopes = api.is_system ? userContextScopes : api.scopes.map((s) => s.value);
    } else {
      scopes = tenant.grantedScopes(client.clientId, resource);
      if (scopes.length === 0) {
        throw accessDenied(
          `Client is not authorized to access "${resource}". You need to create a "client-grant" associated to this API. See: Auth0 Management API v2 > Client Grants > Create`,
        );
      }
      // Auth0 refuses a client-credentials request for any scope outside the grant, rather than dropping it.
      const requested = String(ctx.oidc.params?.scope ?? '').split(' ').filter(Boolean);
      const ungranted = requested.filter((s) => !scopes.includes(s));
      if (ungranted.length) throw accessDenied(`Client has not been granted scopes: ${ungranted.join(' ')}`);
    }
    return {
      scope: scopes.join(' '),
      audience: resource,
      accessTokenTTL: api.token_lifetime,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'RS256' } },
    };
  };
}

/** Reshapes oidc-provider's JWT access token into Auth0's. */
export function auth0AccessToken(tenant: TenantStore, issuer: string): JwtCustomizer {
  return (ctx, token, jwt) => {
    const payload = jwt.payload as Record<string, unknown>;
    const clientId = payload.client_id as string | undefined;
    delete payload.client_id;
    payload.azp = clientId;
    if (token.kind === 'ClientCredentials') {
      payload.sub = `${clientId}@clients`;
      payload.gty = 'client-credentials';
      return;
    }
    const apiScopes = typeof payload.scope === 'string' ? splitScope(payload.scope) : [];
    // Auth0 repeats the granted OIDC scopes in a user access token's `scope`; oidc-provider keeps only the API's.
    // A token exchange's scope is the subset asked for, OIDC scopes included.
    const exchanged = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken ?? (isTokenExchange(ctx.oidc.params) ? token : undefined);
    const oidcScopes = splitScope(exchanged?.scope ?? ctx.oidc.params?.scope?.toString()).filter((s) => oidcScopeNames.has(s));
    const scopes = [...oidcScopes, ...apiScopes.filter((s) => !oidcScopeNames.has(s))];
    if (scopes.length) payload.scope = scopes.join(' ');
    if (tenant.resourceServer(String(payload.aud))?.token_dialect === 'access_token_authz') {
      // RBAC with "Add Permissions in the Access Token".
      payload.permissions = tenant.userPermissions(String(payload.sub), String(payload.aud)).filter((p) => scopes.includes(p));
    }
    if (scopes.includes('openid')) payload.aud = [String(payload.aud), new URL('userinfo', issuer).href];
  };
}
