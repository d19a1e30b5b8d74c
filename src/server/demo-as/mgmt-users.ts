import { Hono } from 'hono';
import { z } from 'zod';
import { scopeReachRefusal } from '../../lib/catalog/scope-reach';
import { auth0Errors } from './auth0-errors';
import { jsonBody, newId, paged, requireCovering, type ManagementContext, type ManagementEnv } from './management-context';
import { mergeMetadata } from './metadata-merge';
import { checkPermissionsExist, permissionView, permissionsSchema } from './mgmt-roles';
import type { TenantStore, TenantUser } from './tenant-store';
import { managementApiDefinition } from './management-operations';
import { matchesUserQuery } from './user-search';

/** Users at the demo Management API, with Auth0's request and response shapes. */

const metadata = z.record(z.string(), z.unknown());

const createUserSchema = z
  .object({
    connection: z.string().min(1),
    email: z.email(),
    password: z.string().optional(),
    user_id: z.string().min(1).optional(),
    name: z.string().optional(),
    nickname: z.string().optional(),
    email_verified: z.boolean().optional(),
    user_metadata: metadata.optional(),
    app_metadata: metadata.optional(),
  })
  .strict();

const patchUserSchema = z
  .object({
    email: z.email().optional(),
    email_verified: z.boolean().optional(),
    name: z.string().optional(),
    nickname: z.string().optional(),
    user_metadata: z.record(z.string(), z.unknown().nullable()).optional(),
    app_metadata: z.record(z.string(), z.unknown().nullable()).optional(),
    connection: z.string().optional(),
  })
  .strict();

const rolesBodySchema = z.object({ roles: z.array(z.string().min(1)).min(1) }).strict();

/** A user as the Management API returns it: the store's record, without our RBAC bookkeeping, with its identity. */
export function userView(user: TenantUser) {
  const { roles: _roles, permissions: _permissions, ...profile } = user;
  const [provider = 'auth0', ...rest] = user.user_id.split('|');
  return { ...profile, identities: [{ connection: 'Username-Password-Authentication', provider, user_id: rest.join('|'), isSocial: false }] };
}

function existingUser(tenant: TenantStore, id: string): TenantUser {
  const user = tenant.users.get(id);
  if (!user) throw auth0Errors.inexistentUser();
  return user;
}

const idParam = (c: ManagementContext) => c.var.matched.params.id ?? '';

/** Whether `scope` reaches this call with this body: the app's one rule (its own user only, only its part of the user). */
const reaches = (c: ManagementContext, bodyFields: readonly string[]) => (scope: string) =>
  scopeReachRefusal(managementApiDefinition, c.var.matched.operation, scope, {
    sub: typeof c.var.claims.sub === 'string' ? c.var.claims.sub : null,
    params: c.var.matched.params,
    bodyFields,
  }) === null;

export function userRoutes(): Hono<ManagementEnv> {
  const app = new Hono<ManagementEnv>();

  app.get('/users', (c) => {
    const q = c.req.query('q');
    const users = c.var.tenant.users.list().filter((u) => !q || matchesUserQuery(u, q));
    return paged(c, 'users', users.map(userView));
  });

  app.get('/users-by-email', (c) => {
    const email = c.req.query('email');
    if (!email) throw auth0Errors.invalidQuery("Missing required property: email");
    return c.json(c.var.tenant.users.list().filter((u) => u.email.toLowerCase() === email.toLowerCase()).map(userView));
  });

  app.post('/users', async (c) => {
    const body = await jsonBody(c, createUserSchema);
    const { tenant } = c.var;
    if (tenant.users.find((u) => u.email.toLowerCase() === body.email.toLowerCase())) throw auth0Errors.conflict('The user already exists.', 'auth0_idp_error');
    const now = new Date().toISOString();
    const nickname = body.nickname ?? body.email.split('@')[0] ?? body.email;
    const user = tenant.users.put({
      user_id: `auth0|${body.user_id ?? newId('')}`,
      email: body.email,
      email_verified: body.email_verified ?? false,
      name: body.name ?? body.email,
      nickname,
      created_at: now,
      updated_at: now,
      user_metadata: body.user_metadata ?? {},
      app_metadata: body.app_metadata ?? {},
      roles: [],
      permissions: [],
    });
    return c.json(userView(user), 201);
  });

  // The front already keeps `read:current_user` to the token's own user.
  app.get('/users/:id', (c) => c.json(userView(existingUser(c.var.tenant, idParam(c)))));

  app.patch('/users/:id', async (c) => {
    const id = idParam(c);
    const body = await jsonBody(c, patchUserSchema);
    const fields = Object.keys(body);
    requireCovering(c, reaches(c, fields));
    const user = existingUser(c.var.tenant, id);
    const { user_metadata: userMetadata, app_metadata: appMetadata, connection: _connection, ...profile } = body;
    const updated = c.var.tenant.users.put({
      ...user,
      ...profile,
      user_metadata: userMetadata ? mergeMetadata(user.user_metadata, userMetadata) : user.user_metadata,
      app_metadata: appMetadata ? mergeMetadata(user.app_metadata, appMetadata) : user.app_metadata,
      updated_at: new Date().toISOString(),
    });
    return c.json(userView(updated));
  });

  app.delete('/users/:id', (c) => {
    c.var.tenant.users.delete(idParam(c));
    return c.body(null, 204);
  });

  app.get('/users/:id/roles', (c) => {
    const { tenant } = c.var;
    const user = existingUser(tenant, idParam(c));
    const roles = user.roles.flatMap((id) => tenant.roles.get(id) ?? []).map(({ id, name, description }) => ({ id, name, description }));
    return paged(c, 'roles', roles);
  });

  const changeRoles = (add: boolean) => async (c: ManagementContext) => {
    const { tenant } = c.var;
    const body = await jsonBody(c, rolesBodySchema);
    const user = existingUser(tenant, idParam(c));
    const unknown = body.roles.find((id) => !tenant.roles.get(id));
    if (add && unknown) throw auth0Errors.notFound('The role does not exist.', 'inexistent_role');
    const roles = add ? [...new Set([...user.roles, ...body.roles])] : user.roles.filter((r) => !body.roles.includes(r));
    tenant.users.put({ ...user, roles });
    return c.body(null, 204);
  };
  app.post('/users/:id/roles', changeRoles(true));
  app.delete('/users/:id/roles', changeRoles(false));

  app.get('/users/:id/permissions', (c) => {
    const { tenant } = c.var;
    const user = existingUser(tenant, idParam(c));
    const roles = user.roles.flatMap((id) => tenant.roles.get(id) ?? []);
    const all = [...user.permissions, ...roles.flatMap((r) => r.permissions)];
    const unique = [...new Map(all.map((p) => [`${p.resource_server_identifier} ${p.permission_name}`, p])).values()];
    return paged(c, 'permissions', unique.map((p) => permissionView(tenant, p)));
  });

  const changePermissions = (add: boolean) => async (c: ManagementContext) => {
    const { tenant } = c.var;
    const { permissions } = await jsonBody(c, permissionsSchema);
    const user = existingUser(tenant, idParam(c));
    if (add) checkPermissionsExist(tenant, permissions);
    const same = (a: { resource_server_identifier: string; permission_name: string }) => (b: typeof a) =>
      a.resource_server_identifier === b.resource_server_identifier && a.permission_name === b.permission_name;
    const kept = user.permissions.filter((p) => !permissions.some(same(p)));
    tenant.users.put({ ...user, permissions: add ? [...kept, ...permissions] : kept });
    return c.body(null, add ? 201 : 204);
  };
  app.post('/users/:id/permissions', changePermissions(true));
  app.delete('/users/:id/permissions', changePermissions(false));

  return app;
}
