import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createRedactingLogger, type Logger } from '../logger';
import { reachingScopes } from '../../lib/catalog/scope-reach';
import { Auth0ApiError, auth0Errors } from './auth0-errors';
import { scopesOf, type BearerVerifier } from './bearer-token';
import { BurstLimiter, rateLimitKey } from './burst-limit';
import { applicationPasswordRoutes } from './mgmt-application-passwords';
import { clientRoutes } from './mgmt-clients';
import type { ManagementEnv } from './management-context';
import { managementApiDefinition, matchManagementOperation } from './management-operations';
import { roleRoutes } from './mgmt-roles';
import { userRoutes } from './mgmt-users';
import { maxBodyBytes } from './request-body';
import { TenantStoreLimitError, type TenantStore } from './tenant-store';

export interface ManagementApiOptions {
  tenant: TenantStore;
  verifier: BearerVerifier;
  /** The Management API's identifier: `{issuer}api/v2/`. */
  audience: string;
  limiter?: BurstLimiter;
  now?: () => Date;
  /** Where an unexpected error is reported: the server's redacting logger. */
  logger?: Logger;
}

/**
 * The demo tenant's Management API v2 at `{issuer}api/v2/`: Auth0's bearer checks and error bodies, every catalog
 * operation's scope check (before any parameter is looked at), then an in-memory store behind the core resources
 * and a 501 for the rest. Every answer carries Auth0's rate-limit headers.
 */
export function managementApi({
  tenant,
  verifier,
  audience,
  limiter = new BurstLimiter(),
  now = () => new Date(),
  logger = createRedactingLogger([]),
}: ManagementApiOptions): Hono<ManagementEnv> {
  const app = new Hono<ManagementEnv>();

  app.onError((err, c) => {
    if (err instanceof Auth0ApiError) return c.json(err.body, err.status as never);
    if (err instanceof TenantStoreLimitError) return c.json(auth0Errors.entityLimit(err.message).body, 403);
    logger.error(`demo AS: Management API error: ${err.message}`);
    return c.json({ statusCode: 500, error: 'Internal Server Error', message: 'Internal error' }, 500);
  });
  app.notFound((c) => {
    const matched = c.get('matched');
    const error = matched ? auth0Errors.notEmulated(matched.operation.method, matched.operation.path) : auth0Errors.unknownEndpoint();
    return c.json(error.body, error.status as never);
  });

  app.use('*', async (c, next) => {
    const check = await verifier.check(c.req.header('authorization'), audience, now());
    const rate = limiter.take(rateLimitKey(check), now().getTime());
    for (const [name, value] of Object.entries(rate.headers)) c.header(name, value);
    if (!rate.allowed) throw auth0Errors.tooManyRequests();

    if (!check.ok) {
      if (check.problem === 'missing') throw auth0Errors.missingAuthentication();
      if (check.problem === 'malformed') throw auth0Errors.badHeaderFormat();
      if (check.problem === 'audience') throw auth0Errors.badAudience(check.audiences);
      if (check.problem === 'expired') throw auth0Errors.expiredToken();
      throw auth0Errors.invalidToken();
    }
    // The raw path: each `{param}` segment is decoded once, by the matcher.
    const matched = matchManagementOperation(c.req.method, new URL(c.req.url).pathname);
    if (!matched) throw auth0Errors.unknownEndpoint();
    const scopes = scopesOf(check.claims);
    const heldScopes = matched.acceptedScopes.filter((s) => scopes.has(s));
    if (heldScopes.length === 0) throw auth0Errors.insufficientScope(matched.acceptedScopes);
    // The app's one reach rule: `*:current_user*` scopes act on the token's own user only (the body is judged by its handler).
    const subject = { sub: typeof check.claims.sub === 'string' ? check.claims.sub : null, params: matched.params, bodyFields: null };
    const reaching = reachingScopes(managementApiDefinition, matched.operation, heldScopes, subject).reaching;
    if (reaching.length === 0) {
      throw auth0Errors.insufficientScope(reachingScopes(managementApiDefinition, matched.operation, matched.acceptedScopes, subject).reaching);
    }
    c.set('claims', check.claims);
    c.set('heldScopes', reaching);
    c.set('matched', matched);
    c.set('tenant', tenant);
    await next();
  });
  app.use('*', bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.json(auth0Errors.payloadTooLarge().body, 413) }));

  app.route('/api/v2', userRoutes());
  app.route('/api/v2', roleRoutes());
  app.route('/api/v2', clientRoutes());
  app.route('/api/v2', applicationPasswordRoutes());
  return app;
}
