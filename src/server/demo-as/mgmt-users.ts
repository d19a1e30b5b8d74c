import { Hono } from 'hono';
import { z } from 'zod';
import { scopeReachRefusal } from '../../lib/catalog/scope-reach';
import { auth0Errors } from './auth0-errors';
import { jsonBody, newId, paged, requireCovering, type ManagementContext, type ManagementEnv } from './management-context';
import { mergeMetadata } from './metadata-merge';
import { checkPermissionsExist, permissionView, permissionsSchema } from './mgmt-roles';
import type { TenantStore, TenantUser } from './tenant-store';
import { boundedString, profileBytes, userLimits } from './user-limits';
import { managementApiDefinition } from './management-operations';
import { matchesUserQuery } from './user-search';

/** Users at the demo Management API, with Auth0's request and response shapes. */

const metadata = z.record(z.string(), z.unknown());

const email = z.email().max(userLimits.emailChars);
const name = boundedString(userLimits.nameChars, 'name', "The user's full name");
const nickname = boundedString(userLimits.nameChars, 'nickname', "The user's nickname");

const createUserSchema = z
  .object({
    connection: z.string().min(1),
    email,
    password: z.string().optional(),
    user_id: boundedString(userLimits.userIdChars, 'user_id', "The external user's id provided by the identity provider")
      .min(1)
      .regex(/^\S*$/, { error: (issue) => `'String does not match pattern ^\\S*$: ${String(issue.input)}' on property user_id (The external user's id provided by the identity provider).` })
      .optional(),
    name: name.optional(),
    nickname: nickname.optional(),
    email_verified: z.boolean().optional(),
    user_metadata: metadata.optional(),
    app_metadata: metadata.optional(),
  })
  .strict();

const patchUserSchema = z
  .object({
    email: email.optional(),
    email_verified: z.boolean().optional(),
    name: name.optional(),
    nickname: nickname.optional(),
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

const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Stores `user` once it is within Auth0's per-user limits: its profile size, its roles and direct permissions. */
function saveUser(tenant: TenantStore, user: TenantUser): TenantUser {
  if (user.roles.length > userLimits.rolesPerUser) throw auth0Errors.entityLimit(`A user can have at most ${userLimits.rolesPerUser} roles.`);
  if (user.permissions.length > userLimits.permissionsPerUser) throw auth0Errors.entityLimit(`A user can have at most ${userLimits.permissionsPerUser} permissions assigned directly.`);
  const bytes = profileBytes(userView(user));
  if (bytes > userLimits.profileBytes) throw auth0Errors.profileTooLarge(bytes, userLimits.profileBytes);
  return tenant.users.put(user);
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
    return c.json(c.var.tenant.users.list().filter((u) => sameEmail(u.email, email)).map(userView));
  });

  app.post('/users', async (c) => {
    const body = await jsonBody(c, createUserSchema);
    const { tenant } = c.var;
    const userId = `auth0|${body.user_id ?? newId('')}`;
    if (tenant.users.get(userId) || tenant.users.find((u) => sameEmail(u.email, body.email))) throw auth0Errors.userExists();
    const now = new Date().toISOString();
    const nickname = body.nickname ?? body.email.split('@')[0] ?? body.email;
    const user = saveUser(tenant, {
      user_id: userId,
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
    const newEmail = body.email;
    if (newEmail !== undefined && c.var.tenant.users.find((u) => u.user_id !== id && sameEmail(u.email, newEmail))) throw auth0Errors.emailExists();
    const { user_metadata: userMetadata, app_metadata: appMetadata, connection: _connection, ...profile } = body;
    const updated = saveUser(c.var.tenant, {
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
    saveUser(tenant, { ...user, roles });
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
    saveUser(tenant, { ...user, permissions: add ? [...kept, ...permissions] : kept });
    return c.body(null, add ? 201 : 204);
  };
  app.post('/users/:id/permissions', changePermissions(true));
  app.delete('/users/:id/permissions', changePermissions(false));

  return app;
}
