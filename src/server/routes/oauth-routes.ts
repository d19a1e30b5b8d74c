import { Hono } from 'hono';
import type { Context } from 'hono';
import type { z } from 'zod';
import type {
  ClientCredentialsResponse,
  DiscoveryResponse,
  IntrospectResponse,
  JwksResponse,
  RevokeResponse,
  UserinfoResponse,
} from '../../shared/oauth-contract';
import {
  clientCredentialsRequestSchema,
  introspectRequestSchema,
  profileQuerySchema,
  revokeRequestSchema,
  userinfoRequestSchema,
} from '../../shared/oauth-contract';
import type { ResolvedProfile } from '../config';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { createSecretScrubber } from '../oauth/secret-scrubber';
import { createUpstreamClient } from '../oauth/upstream-client';

function invalid(error: z.ZodError, what: string): ApiError {
  // Issue paths and messages only: zod's messages never quote the rejected value (which may be a token).
  return new ApiError(400, 'invalid_request', `The ${what} is invalid`, {
    details: error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message })),
  });
}

async function readBody<T>(c: Context, schema: z.ZodType<T>, what: string): Promise<T> {
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_request', 'The body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalid(parsed.error, what);
  return parsed.data;
}

function readProfileQuery(c: Context): string {
  const parsed = profileQuerySchema.safeParse({ profile: c.req.query('profile') });
  if (!parsed.success) throw invalid(parsed.error, 'query');
  return parsed.data.profile;
}

/**
 * The OAuth calls the browser cannot make itself (RFC 7662 introspection, RFC 7009 revocation, client credentials,
 * UserInfo, discovery and JWKS), made with the credentials of a configured profile. The browser names a profile id
 * only: every upstream URL comes from that profile's issuer, and secrets never leave this process.
 */
export function oauthRoutes(deps: AppDeps, options: { now?: () => number } = {}) {
  const upstream = createUpstreamClient({ fetch: deps.fetch, scrubber: createSecretScrubber(deps.config), ...(options.now ? { now: options.now } : {}) });
  const profileById = (id: string): ResolvedProfile => {
    const profile = deps.config.profiles.find((p) => p.id === id);
    if (!profile) throw new ApiError(404, 'unknown_profile', `No profile "${id}" is configured`);
    return profile;
  };
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

  return new Hono()
    .post('/introspect', async (c) => {
      const body = await readBody(c, introspectRequestSchema, 'introspection request');
      const { body: answer, meta } = await upstream.introspect(profileById(body.profile), body.token, body.token_type_hint);
      noStore(c);
      return c.json({ ...answer, meta } satisfies IntrospectResponse);
    })
    .post('/token', async (c) => {
      const body = await readBody(c, clientCredentialsRequestSchema, 'token request');
      const result = await upstream.clientCredentials(profileById(body.profile), body.audience, body.scope);
      noStore(c);
      return c.json({
        ...result.body,
        meta: { ...result.meta, cached: result.cached, obtainedAt: result.obtainedAt, cachedUntil: result.cachedUntil, audience: result.audience, scope: result.scope },
      } satisfies ClientCredentialsResponse);
    })
    .post('/revoke', async (c) => {
      const body = await readBody(c, revokeRequestSchema, 'revocation request');
      const { meta } = await upstream.revoke(profileById(body.profile), body.token, body.token_type_hint);
      noStore(c);
      return c.json({ revoked: true, meta } satisfies RevokeResponse);
    })
    .post('/userinfo', async (c) => {
      const body = await readBody(c, userinfoRequestSchema, 'userinfo request');
      const { body: claims, meta } = await upstream.userinfo(profileById(body.profile), body.access_token);
      noStore(c);
      return c.json({ ...claims, meta } satisfies UserinfoResponse);
    })
    .get('/discovery', async (c) => {
      const { document, meta } = await upstream.discovery(profileById(readProfileQuery(c)));
      return c.json({ ...document, meta } satisfies DiscoveryResponse);
    })
    .get('/jwks', async (c) => {
      const { body, meta } = await upstream.jwks(profileById(readProfileQuery(c)));
      return c.json({ ...body, meta } satisfies JwksResponse);
    });
}
