import type { Configuration } from 'oidc-provider';
import { auth0AccessToken, resourceServerInfo } from './auth0-tokens';
import { browserResponseTypes, tenantAdapter } from './client-adapter';
import type { DemoKeys } from './keys';
import { renderErrorPage, renderLoggedOutPage, renderLogoutPage } from './tenant-page';
import type { TenantStore } from './tenant-store';
import { tenantTokenClaims } from './token-claims';

const oneDay = 24 * 60 * 60;

/** oidc-provider configured to behave like an Auth0 tenant (audience, opaque tokens, user-context scopes, gty). */
export function buildProviderConfiguration(issuer: string, keys: DemoKeys, tenant: TenantStore, appOrigin?: string): Configuration {
  const sendPage = (ctx: { type: string; body: unknown; set(name: string, value: string): void }, page: { html: string; csp: string }) => {
    ctx.type = 'html';
    ctx.set('content-security-policy', page.csp);
    ctx.body = page.html;
  };
  return {
    adapter: tenantAdapter(tenant),
    jwks: { keys: [keys.signingKey as never] },
    cookies: { keys: keys.cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['name', 'nickname', 'updated_at'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    extraParams: ['audience', 'organization', 'invitation', 'connection'],
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      userinfo: '/userinfo',
      introspection: '/oauth/introspect',
      revocation: '/oauth/revoke',
      jwks: '/.well-known/jwks.json',
      end_session: '/oidc/logout',
    },
    responseTypes: [...browserResponseTypes],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client) => client.clientAuthMethod !== 'none',
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => sendPage(ctx, renderLogoutPage(form, appOrigin)),
        postLogoutSuccessSource: (ctx) => sendPage(ctx, renderLoggedOutPage(ctx.oidc.client?.clientId, appOrigin)),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => {
          const audience = ctx.oidc.params?.audience;
          return typeof audience === 'string' && audience ? audience : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: resourceServerInfo(tenant),
      },
    },
    extraTokenClaims: tenantTokenClaims(tenant),
    formats: {
      // Auth0's opaque access tokens are 32 characters: 192 bits of base64url.
      bitsOfOpaqueRandomness: 192,
      customizers: { jwt: auth0AccessToken(tenant, issuer) },
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? oneDay,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? oneDay,
      AuthorizationCode: 60,
      IdToken: 36_000,
      Interaction: 3_600,
      Session: 14 * oneDay,
      Grant: 14 * oneDay,
      RefreshToken: 30 * oneDay,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = tenant.users.get(sub);
      if (!user) return undefined;
      return {
        accountId: user.user_id,
        claims: () => ({
          sub: user.user_id,
          name: user.name,
          nickname: user.nickname,
          email: user.email,
          email_verified: user.email_verified,
          updated_at: Math.floor(Date.parse(user.updated_at) / 1000),
        }),
      };
    },
    renderError: (ctx, out) => sendPage(ctx, renderErrorPage({ ...out }, appOrigin)),
  };
}
