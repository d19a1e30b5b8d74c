import { Hono } from 'hono';
import { z } from 'zod';
import { auth0Errors } from './auth0-errors';
import { jsonBody, newId, paged, type ManagementContext, type ManagementEnv } from './management-context';
import type { Permission, TenantRole, TenantStore } from './tenant-store';

/** Roles, their permissions and members, at the demo Management API (Auth0's RBAC). */

export const permissionsSchema = z
  .object({
    permissions: z.array(z.object({ resource_server_identifier: z.string().min(1), permission_name: z.string().min(1) }).strict()).min(1),
  })
  .strict();

const roleSchema = z.object({ name: z.string().min(1), description: z.string().optional() }).strict();
const usersBodySchema = z.object({ users: z.array(z.string().min(1)).min(1) }).strict();

/** A permission as Auth0 lists it: with its API's name and the scope's description. */
export function permissionView(tenant: TenantStore, permission: Permission) {
  const api = tenant.resourceServer(permission.resource_server_identifier);
  return {
    permission_name: permission.permission_name,
    description: api?.scopes.find((s) => s.value === permission.permission_name)?.description ?? '',
    resource_server_name: api?.name ?? '',
    resource_server_identifier: permission.resource_server_identifier,
  };
}

/** Every permission must be a scope its API defines. */
export function checkPermissionsExist(tenant: TenantStore, permissions: readonly Permission[]): void {
  for (const p of permissions) {
    const api = tenant.resourceServer(p.resource_server_identifier);
    if (!api) throw auth0Errors.notFound(`Resource server not found: ${p.resource_server_identifier}`, 'inexistent_resource_server');
    if (!api.scopes.some((s) => s.value === p.permission_name)) throw auth0Errors.invalidBody(`Permission ${p.permission_name} does not exist on ${p.resource_server_identifier}`);
  }
}

const roleView = ({ id, name, description }: TenantRole) => ({ id, name, description });

function existingRole(tenant: TenantStore, id: string): TenantRole {
  const role = tenant.roles.get(id);
  if (!role) throw auth0Errors.notFound('The role does not exist.', 'inexistent_role');
  return role;
}

const roleOf = (c: ManagementContext) => existingRole(c.var.tenant, c.var.matched.params.id ?? '');

export function roleRoutes(): Hono<ManagementEnv> {
  const app = new Hono<ManagementEnv>();

  app.get('/roles', (c) => {
    const filter = c.req.query('name_filter')?.toLowerCase();
    return paged(c, 'roles', c.var.tenant.roles.list().filter((r) => !filter || r.name.toLowerCase().includes(filter)).map(roleView));
  });

  app.post('/roles', async (c) => {
    const body = await jsonBody(c, roleSchema);
    if (c.var.tenant.roles.find((r) => r.name === body.name)) throw auth0Errors.conflict('Role with this name already exists', 'role_exists');
    const role = c.var.tenant.roles.put({ id: newId('rol_'), name: body.name, description: body.description ?? '', permissions: [] });
    return c.json(roleView(role), 200);
  });

  app.get('/roles/:id', (c) => c.json(roleView(roleOf(c))));

  app.patch('/roles/:id', async (c) => {
    const body = await jsonBody(c, roleSchema.partial());
    const role = c.var.tenant.roles.put({ ...roleOf(c), ...body });
    return c.json(roleView(role));
  });

  app.delete('/roles/:id', (c) => {
    const { tenant } = c.var;
    const id = c.var.matched.params.id ?? '';
    tenant.roles.delete(id);
    for (const user of tenant.users.list()) if (user.roles.includes(id)) tenant.users.put({ ...user, roles: user.roles.filter((r) => r !== id) });
    return c.body(null, 204);
  });

  app.get('/roles/:id/permissions', (c) => paged(c, 'permissions', roleOf(c).permissions.map((p) => permissionView(c.var.tenant, p))));

  const changePermissions = (add: boolean) => async (c: ManagementContext) => {
    const { permissions } = await jsonBody(c, permissionsSchema);
    const role = roleOf(c);
    if (add) checkPermissionsExist(c.var.tenant, permissions);
    const kept = role.permissions.filter(
      (p) => !permissions.some((q) => q.resource_server_identifier === p.resource_server_identifier && q.permission_name === p.permission_name),
    );
    c.var.tenant.roles.put({ ...role, permissions: add ? [...kept, ...permissions] : kept });
    return c.body(null, add ? 201 : 204);
  };
  app.post('/roles/:id/permissions', changePermissions(true));
  app.delete('/roles/:id/permissions', changePermissions(false));

  app.get('/roles/:id/users', (c) => {
    const role = roleOf(c);
    const members = c.var.tenant.users.list().filter((u) => u.roles.includes(role.id));
    return paged(c, 'users', members.map(({ user_id, email, name }) => ({ user_id, email, name })));
  });

  app.post('/roles/:id/users', async (c) => {
    const { users } = await jsonBody(c, usersBodySchema);
    const role = roleOf(c);
    const { tenant } = c.var;
    const records = users.map((id) => {
      const user = tenant.users.get(id);
      if (!user) throw auth0Errors.inexistentUser();
      return user;
    });
    for (const user of records) tenant.users.put({ ...user, roles: [...new Set([...user.roles, role.id])] });
    return c.body(null, 200);
  });

  return app;
}
