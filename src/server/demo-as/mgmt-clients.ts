import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { auth0Errors } from './auth0-errors';
import { jsonBody, newId, paged, type ManagementContext, type ManagementEnv } from './management-context';
import type { ClientGrant, ResourceServer, TenantClient } from './tenant-store';

/**
 * Clients, client grants and resource servers at the demo Management API. Token issuance reads the same store:
 * a grant created here changes what its client can mint, and an API created here can be requested as an audience.
 */

const clientSchema = z
  .object({
    name: z.string().min(1),
    app_type: z.enum(['spa', 'regular_web', 'non_interactive']).optional(),
    token_endpoint_auth_method: z.enum(['none', 'client_secret_post', 'client_secret_basic']).optional(),
    grant_types: z.array(z.string()).optional(),
    callbacks: z.array(z.url()).optional(),
  })
  .strict();

const grantSchema = z.object({ client_id: z.string().min(1), audience: z.string().min(1), scope: z.array(z.string().min(1)) }).strict();

const apiScopes = z.array(z.object({ value: z.string().min(1), description: z.string().default('') }).strict());
const resourceServerSchema = z
  .object({
    identifier: z.string().min(1),
    name: z.string().min(1).optional(),
    scopes: apiScopes.optional(),
    token_lifetime: z.number().int().min(1).max(2_592_000).optional(),
    enforce_policies: z.boolean().optional(),
    token_dialect: z.enum(['access_token', 'access_token_authz']).optional(),
    signing_alg: z.literal('RS256').optional(),
  })
  .strict();

/** `client_secret` only for a token that holds `read:client_keys`. */
function clientView(client: TenantClient, withSecret: boolean) {
  const { client_secret: secret, jwks: _jwks, ...rest } = client;
  return { ...rest, ...(withSecret && secret !== undefined ? { client_secret: secret } : {}) };
}

const resourceServerView = (api: ResourceServer) => ({ signing_alg: 'RS256', allow_offline_access: false, is_system: false, ...api });

const paramId = (c: ManagementContext) => c.var.matched.params.id ?? '';

function existingClient(c: ManagementContext, id: string): TenantClient {
  const client = c.var.tenant.clients.get(id);
  if (!client) throw auth0Errors.notFound('The client does not exist', 'inexistent_client');
  return client;
}

/** Auth0 accepts an API's id or its identifier in the path. */
function existingApi(c: ManagementContext): ResourceServer {
  const id = paramId(c);
  const api = c.var.tenant.resourceServers.get(id) ?? c.var.tenant.resourceServer(id);
  if (!api) throw auth0Errors.notFound('The resource server does not exist', 'inexistent_resource_server');
  return api;
}

function existingGrant(c: ManagementContext): ClientGrant {
  const grant = c.var.tenant.clientGrants.get(paramId(c));
  if (!grant) throw auth0Errors.notFound('The client grant does not exist', 'inexistent_client_grant');
  return grant;
}

/** A grant's scopes must be scopes its API defines. */
function checkGrantScopes(c: ManagementContext, audience: string, scope: readonly string[]) {
  const api = c.var.tenant.resourceServer(audience);
  if (!api) throw auth0Errors.notFound(`No resource server found for audience: ${audience}`, 'inexistent_resource_server');
  const unknown = scope.filter((s) => !api.scopes.some((d) => d.value === s));
  if (unknown.length) throw auth0Errors.invalidBody(`scope must be a subset of resource server scopes (unknown: ${unknown.join(', ')})`);
}

export function clientRoutes(): Hono<ManagementEnv> {
  const app = new Hono<ManagementEnv>();
  const withSecret = (c: ManagementContext) => c.var.heldScopes.includes('read:client_keys');

  app.get('/clients', (c) => paged(c, 'clients', c.var.tenant.clients.list().map((cl) => clientView(cl, withSecret(c)))));
  app.get('/clients/:id', (c) => c.json(clientView(existingClient(c, paramId(c)), withSecret(c))));
  app.post('/clients', async (c) => {
    const body = await jsonBody(c, clientSchema);
    const method = body.token_endpoint_auth_method ?? (body.app_type === 'spa' ? 'none' : 'client_secret_post');
    const client = c.var.tenant.clients.put({
      client_id: randomBytes(16).toString('base64url'),
      name: body.name,
      app_type: body.app_type ?? 'regular_web',
      token_endpoint_auth_method: method,
      ...(method === 'none' ? {} : { client_secret: randomBytes(32).toString('base64url') }),
      grant_types: body.grant_types ?? (body.app_type === 'non_interactive' ? ['client_credentials'] : ['authorization_code', 'refresh_token']),
      callbacks: body.callbacks ?? [],
    });
    // Auth0 shows a new client's secret once, to whoever created it.
    return c.json(clientView(client, true), 201);
  });
  app.patch('/clients/:id', async (c) => {
    const body = await jsonBody(c, clientSchema.partial());
    const client = c.var.tenant.clients.put({ ...existingClient(c, paramId(c)), ...body });
    return c.json(clientView(client, withSecret(c)));
  });
  app.delete('/clients/:id', (c) => {
    const { tenant } = c.var;
    tenant.clients.delete(paramId(c));
    for (const grant of tenant.clientGrants.list()) if (grant.client_id === paramId(c)) tenant.clientGrants.delete(grant.id);
    return c.body(null, 204);
  });

  app.get('/client-grants', (c) => {
    const { audience, client_id: clientId } = c.req.query();
    const grants = c.var.tenant.clientGrants.list().filter((g) => (!audience || g.audience === audience) && (!clientId || g.client_id === clientId));
    return paged(c, 'client_grants', grants);
  });
  app.get('/client-grants/:id', (c) => c.json(existingGrant(c)));
  app.post('/client-grants', async (c) => {
    const body = await jsonBody(c, grantSchema);
    existingClient(c, body.client_id);
    checkGrantScopes(c, body.audience, body.scope);
    if (c.var.tenant.clientGrants.find((g) => g.client_id === body.client_id && g.audience === body.audience)) {
      throw auth0Errors.conflict('A client grant for this client and audience already exists.', 'client_grant_conflict');
    }
    return c.json(c.var.tenant.clientGrants.put({ id: newId('cgr_'), ...body }), 201);
  });
  app.patch('/client-grants/:id', async (c) => {
    const { scope } = await jsonBody(c, grantSchema.pick({ scope: true }));
    const grant = existingGrant(c);
    checkGrantScopes(c, grant.audience, scope);
    return c.json(c.var.tenant.clientGrants.put({ ...grant, scope }));
  });
  app.delete('/client-grants/:id', (c) => {
    c.var.tenant.clientGrants.delete(paramId(c));
    return c.body(null, 204);
  });

  app.get('/resource-servers', (c) => paged(c, 'resource_servers', c.var.tenant.resourceServers.list().map(resourceServerView)));
  app.get('/resource-servers/:id', (c) => c.json(resourceServerView(existingApi(c))));
  app.post('/resource-servers', async (c) => {
    const body = await jsonBody(c, resourceServerSchema);
    if (c.var.tenant.resourceServer(body.identifier)) throw auth0Errors.conflict('A resource server with the same identifier already exists', 'resource_server_conflict');
    const api = c.var.tenant.resourceServers.put({
      id: newId(''),
      identifier: body.identifier,
      name: body.name ?? body.identifier,
      scopes: body.scopes ?? [],
      token_lifetime: body.token_lifetime ?? 86_400,
      enforce_policies: body.enforce_policies ?? false,
      token_dialect: body.token_dialect ?? 'access_token',
    });
    return c.json(resourceServerView(api), 201);
  });
  app.patch('/resource-servers/:id', async (c) => {
    const body = await jsonBody(c, resourceServerSchema.omit({ identifier: true }).partial());
    const api = existingApi(c);
    if (api.is_system) throw auth0Errors.invalidBody('The system resource server cannot be updated');
    return c.json(resourceServerView(c.var.tenant.resourceServers.put({ ...api, ...body })));
  });
  app.delete('/resource-servers/:id', (c) => {
    const { tenant } = c.var;
    const api = tenant.resourceServers.get(paramId(c)) ?? tenant.resourceServer(paramId(c));
    if (api?.is_system) throw auth0Errors.invalidBody('The system resource server cannot be deleted');
    if (api) tenant.resourceServers.delete(api.id);
    return c.body(null, 204);
  });

  return app;
}
