import { Hono } from 'hono';
import type { Context } from 'hono';
import type {
  ClientCredentialsResponse,
  DiscoveryResponse,
  ExchangeResponse,
  IntrospectResponse,
  JwksResponse,
  RevokeResponse,
  UserinfoResponse,
} from '../../shared/oauth-contract';
import { clientCredentialsRequestSchema, exchangeRequestSchema, introspectRequestSchema, revokeRequestSchema, userinfoRequestSchema } from '../../shared/oauth-contract';
import type { ResolvedProfile } from '../config';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { configuredProfile, jsonBody, profileQuery } from './request-input';

const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

/** The extra token-request parameters, when the profile's `tokenParams` allows every name: the server smuggles nothing else. */
function allowedTokenParams(profile: ResolvedProfile, params: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const given = params ?? {};
  const refused = Object.keys(given).filter((name) => !profile.tokenParams.includes(name));
  if (refused.length) {
    const allowed = profile.tokenParams.length ? `it allows ${profile.tokenParams.join(', ')}` : 'it allows none';
    throw new ApiError(400, 'invalid_request', `Profile "${profile.id}" does not allow the token parameter${refused.length > 1 ? 's' : ''} ${refused.join(', ')} (${allowed}: see tokenParams)`, {
      details: refused.map((name) => ({ path: `params.${name}`, message: 'is not in the profile\'s tokenParams' })),
    });
  }
  return { ...given };
}

/**
 * The OAuth calls the browser cannot make itself (RFC 7662 introspection, RFC 7009 revocation, client credentials,
 * RFC 8693 token exchange, UserInfo, discovery and JWKS), made with the credentials of a configured profile. The browser names a profile id
 * only: every upstream URL comes from that profile's issuer, and secrets never leave this process.
 */
export function oauthRoutes(deps: AppDeps) {
  const { upstream } = deps;
  const profileById = (id: string) => configuredProfile(deps.config, id);

  return new Hono()
    .post('/introspect', jsonBody(introspectRequestSchema, 'introspection request'), async (c) => {
      const body = c.req.valid('json');
      const { body: answer, meta } = await upstream.introspect(profileById(body.profile), body.token, body.token_type_hint);
      noStore(c);
      return c.json({ ...answer, meta } satisfies IntrospectResponse);
    })
    .post('/token', jsonBody(clientCredentialsRequestSchema, 'token request'), async (c) => {
      const body = c.req.valid('json');
      const profile = profileById(body.profile);
      const params = allowedTokenParams(profile, body.params);
      const result = await upstream.clientCredentials(profile, body.audience, body.scope, params);
      noStore(c);
      return c.json({
        ...result.body,
        meta: {
          ...result.meta, cached: result.cached, obtainedAt: result.obtainedAt, cachedUntil: result.cachedUntil, audience: result.audience, scope: result.scope,
          ...(Object.keys(params).length ? { params } : {}),
        },
      } satisfies ClientCredentialsResponse);
    })
    .post('/exchange', jsonBody(exchangeRequestSchema, 'token exchange request'), async (c) => {
      const body = c.req.valid('json');
      const result = await upstream.exchange(profileById(body.profile), body.subject_token, body.audience, body.scope);
      noStore(c);
      return c.json({ ...result.body, meta: { ...result.meta, audience: result.audience, scope: result.scope } } satisfies ExchangeResponse);
    })
    .post('/revoke', jsonBody(revokeRequestSchema, 'revocation request'), async (c) => {
      const body = c.req.valid('json');
      const { meta } = await upstream.revoke(profileById(body.profile), body.token, body.token_type_hint);
      noStore(c);
      return c.json({ revoked: true, meta } satisfies RevokeResponse);
    })
    .post('/userinfo', jsonBody(userinfoRequestSchema, 'userinfo request'), async (c) => {
      const body = c.req.valid('json');
      const { body: claims, meta } = await upstream.userinfo(profileById(body.profile), body.access_token);
      noStore(c);
      return c.json({ ...claims, meta } satisfies UserinfoResponse);
    })
    .get('/discovery', profileQuery, async (c) => {
      const { document, meta } = await upstream.discovery(profileById(c.req.valid('query').profile));
      return c.json({ ...document, meta } satisfies DiscoveryResponse);
    })
    .get('/jwks', profileQuery, async (c) => {
      const { body, meta } = await upstream.jwks(profileById(c.req.valid('query').profile));
      return c.json({ ...body, meta } satisfies JwksResponse);
    });
}
