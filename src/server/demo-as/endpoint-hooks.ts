import { createLocalJWKSet, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { introspectApplicationPassword } from './application-passwords';
import { toPublicJwk } from './keys';
import type { TenantStore } from './tenant-store';

/**
 * oidc-provider middleware (run after its own handling, once it has authenticated the client) for what the tenant
 * knows and oidc-provider does not:
 * - /oauth/revoke of a JWT access token: oidc-provider keeps no record of its JWTs and refuses them
 *   (`unsupported_token_type`); the tenant puts the token's `jti` on its revocation list, which token exchange reads.
 * - /oauth/introspect of an application-specific password: oidc-provider answers `{active: false}` for a value it did
 *   not issue; the tenant answers for its passwords, under the same client authentication and policy.
 */

type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function tenantEndpointHooks(tenant: TenantStore, issuer: string, signingKey: JWK): Middleware {
  const jwks = createLocalJWKSet({ keys: [toPublicJwk(signingKey)] });

  const revokeJwt = async (ctx: KoaContextWithOIDC, clientId: string, token: string) => {
    let claims: JWTPayload | undefined;
    try {
      ({ payload: claims } = await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], typ: 'at+jwt' }));
    } catch {
      // RFC 7009 §2.2: an invalid token is no error for the client.
    }
    // A client revokes only the tokens issued to it (RFC 7009 §2.1); oidc-provider's policy ignores the rest silently.
    if (claims && claims.azp === clientId && typeof claims.jti === 'string' && typeof claims.exp === 'number') tenant.revokeAccessToken(claims.jti, claims.exp);
    ctx.status = 200;
    ctx.body = '';
  };

  return async (ctx, next) => {
    await next();
    const route = ctx.oidc?.route;
    if (route !== 'revocation' && route !== 'introspection') return;
    const client = ctx.oidc.client;
    const token = ctx.oidc.params?.token;
    // No client here means oidc-provider refused the request (client authentication included) before reading the token.
    if (!client || typeof token !== 'string') return;
    if (route === 'revocation' && ctx.status === 400 && isRecord(ctx.body) && ctx.body.error === 'unsupported_token_type') {
      await revokeJwt(ctx, client.clientId, token);
      return;
    }
    // Same policy as features.introspection.allowedPolicy: confidential clients only.
    if (route === 'introspection' && ctx.status === 200 && isRecord(ctx.body) && ctx.body.active === false && client.clientAuthMethod !== 'none') {
      const answer = introspectApplicationPassword(tenant, issuer, token);
      if (answer) ctx.body = answer;
    }
  };
}
