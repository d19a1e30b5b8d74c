import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type Provider from 'oidc-provider';
import { errors, type TokenEndpointGrantContext } from 'oidc-provider';
import { formatScope, splitScope } from '../../lib/oauth/scope';
import { toPublicJwk } from './keys';
import { tokenExchangeGrantType } from './tenant';
import type { TenantStore } from './tenant-store';

/**
 * OAuth 2.0 Token Exchange (RFC 8693) at the demo tenant's /oauth/token, as Auth0's Custom Token Exchange offers it:
 * a machine client trades a user's access token for one with fewer scopes, for the same user, that lives as long as
 * the API's tokens do (a long-running job may outlive the user's token: that is the point).
 */

export const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';
/** Auth0's maximum access-token lifetime, in seconds (30 days). */
export const maxAccessTokenLifetime = 2_592_000;

const grantParameters = ['subject_token', 'subject_token_type', 'requested_token_type', 'actor_token', 'actor_token_type', 'audience', 'resource', 'scope'];

const invalidRequest = (description: string) => new errors.InvalidRequest(description);
const invalidGrant = (description: string) => Object.assign(new errors.InvalidGrant(), { error_description: description });
const invalidTarget = (description: string) => new errors.InvalidTarget(description);

const audiencesOf = (claims: JWTPayload): string[] => (Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud]);

type Verify = (token: string) => Promise<JWTPayload>;

/** The subject token's claims (RFC 8693 §2.1): an access token of this tenant, signed by it, not expired, not revoked. */
async function verifiedSubject(verify: Verify, tenant: TenantStore, token: string): Promise<JWTPayload & { sub: string }> {
  let claims: JWTPayload;
  try {
    claims = await verify(token);
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw invalidGrant('subject_token has expired');
    throw invalidGrant('subject_token is not an access token issued by this tenant (signature, issuer or type)');
  }
  if (typeof claims.jti === 'string' && tenant.isAccessTokenRevoked(claims.jti)) throw invalidGrant('subject_token has been revoked');
  if (typeof claims.sub !== 'string' || claims.sub.endsWith('@clients')) throw invalidGrant('subject_token does not name a user');
  return claims as JWTPayload & { sub: string };
}

/** Registers the token-exchange grant; oidc-provider authenticates the client and checks that its `grant_types` allow it first. */
export function registerTokenExchange(provider: Provider, tenant: TenantStore, issuer: string, signingKey: JWK): void {
  const jwks = createLocalJWKSet({ keys: [toPublicJwk(signingKey)] });
  const verify: Verify = async (token) => (await jwtVerify(token, jwks, { issuer, algorithms: ['RS256'], typ: 'at+jwt' })).payload;

  const handler = async (ctx: TokenEndpointGrantContext) => {
    const { client } = ctx.oidc;
    const params = ctx.oidc.params as Partial<Record<(typeof grantParameters)[number], string>>;
    if (!params.subject_token) throw invalidRequest('missing required parameter: subject_token');
    if (params.subject_token_type !== accessTokenType) throw invalidRequest(`subject_token_type must be ${accessTokenType}`);
    if (params.requested_token_type !== undefined && params.requested_token_type !== accessTokenType) {
      throw invalidRequest(`requested_token_type must be ${accessTokenType}: the tenant issues access tokens only`);
    }
    if (params.actor_token !== undefined) throw invalidRequest('actor_token is not supported: the exchanging client is the actor');

    const subject = await verifiedSubject(verify, tenant, params.subject_token);
    const subjectScopes = splitScope(typeof subject.scope === 'string' ? subject.scope : undefined);
    const requested = params.scope === undefined ? subjectScopes : splitScope(params.scope);
    const extra = requested.filter((s) => !subjectScopes.includes(s));
    if (extra.length) throw new errors.InvalidScope(`scope must be a subset of the subject token's: it does not hold ${extra.join(' ')}`, extra.join(' '));
    if (requested.length === 0) throw new errors.InvalidScope('the exchanged token would carry no scope', '');

    const subjectAudiences = audiencesOf(subject);
    if (params.audience !== undefined && params.resource !== undefined && params.audience !== params.resource) throw invalidTarget('audience and resource name different APIs');
    const audience = params.audience ?? params.resource ?? subjectAudiences.find((aud) => tenant.resourceServer(aud)) ?? '';
    const api = tenant.resourceServer(audience);
    const allowed = subjectAudiences.includes(audience) || tenant.grantedScopes(client.clientId, audience).length > 0;
    if (!api || !allowed) throw invalidTarget(`audience must be one of the subject token's audiences or an API the client has a grant for: ${audience || '(none)'}`);

    // The API's lifetime, not what is left of the subject token's.
    const lifetime = Math.min(api.token_lifetime, maxAccessTokenLifetime);
    const scope = formatScope(requested);
    // A JWT access token has no grant behind it in oidc-provider's store; the model's type insists on an id anyway.
    const token = new provider.AccessToken({ client, accountId: subject.sub, scope, gty: 'token-exchange', grantId: undefined as unknown as string });
    token.resourceServer = new provider.ResourceServer(audience, { scope, audience, accessTokenTTL: lifetime, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } });
    ctx.oidc.entity('AccessToken', token);
    const value = await token.save();
    ctx.body = { access_token: value, issued_token_type: accessTokenType, token_type: 'Bearer', expires_in: token.expiration, scope };
  };
  provider.registerGrantType(tokenExchangeGrantType, handler, grantParameters);
}

/** Whether this token request is a token exchange (the JWT customizer and the claim rules ask). */
export const isTokenExchange = (params: Readonly<Record<string, unknown>> | undefined): boolean => params?.grant_type === tokenExchangeGrantType;
