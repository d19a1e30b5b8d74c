import { Hono } from 'hono';
import { z } from 'zod';
import { hashApplicationPassword, newApplicationPasswordValue } from './application-passwords';
import { auth0Errors } from './auth0-errors';
import { jsonBody, newId, type ManagementEnv } from './management-context';
import type { ApplicationPassword } from './tenant-store';

/** A user's app-specific passwords at the demo Management API (legacy operations: Auth0's archived docs). */

const createSchema = z
  .object({
    label: z.string().min(1).max(256),
    audience: z.string().min(1),
    scope: z.array(z.string().min(1)).min(1),
  })
  .strict();

/** An app-specific password as listed: never its value, which only the creation answer carries, once. */
const passwordView = ({ value_sha256: _hash, ...listed }: ApplicationPassword) => listed;

export function applicationPasswordRoutes(): Hono<ManagementEnv> {
  const app = new Hono<ManagementEnv>();
  const userIdOf = (params: Readonly<Record<string, string>>) => params.id ?? '';

  app.post('/users/:id/application-passwords', async (c) => {
    const { tenant } = c.var;
    const userId = userIdOf(c.var.matched.params);
    const body = await jsonBody(c, createSchema);
    if (!tenant.users.get(userId)) throw auth0Errors.inexistentUser();
    const api = tenant.resourceServer(body.audience);
    if (!api) throw auth0Errors.invalidBody(`audience is not an API of this tenant: ${body.audience}`);
    const unknown = body.scope.filter((s) => !api.scopes.some((known) => known.value === s));
    if (unknown.length) throw auth0Errors.invalidBody(`scope not defined by ${body.audience}: ${unknown.join(' ')}`);
    const value = newApplicationPasswordValue();
    const created = tenant.applicationPasswords.put({
      id: newId('asp_'),
      user_id: userId,
      label: body.label,
      audience: body.audience,
      scope: [...new Set(body.scope)],
      created_at: new Date().toISOString(),
      value_sha256: hashApplicationPassword(value),
    });
    return c.json({ ...passwordView(created), value }, 201);
  });

  app.get('/users/:id/application-passwords', (c) => {
    const { tenant } = c.var;
    const userId = userIdOf(c.var.matched.params);
    if (!tenant.users.get(userId)) throw auth0Errors.inexistentUser();
    return c.json(tenant.applicationPasswords.list().filter((p) => p.user_id === userId).map(passwordView));
  });

  // Auth0 answers 404 for an app-specific password that does not exist, or that is another user's.
  app.delete('/users/:id/application-passwords/:asp_id', (c) => {
    const { tenant } = c.var;
    const { asp_id: aspId = '' } = c.var.matched.params;
    const userId = userIdOf(c.var.matched.params);
    if (!tenant.users.get(userId)) throw auth0Errors.inexistentUser();
    if (tenant.applicationPasswords.get(aspId)?.user_id !== userId) throw auth0Errors.inexistentApplicationPassword();
    tenant.applicationPasswords.delete(aspId);
    return c.body(null, 204);
  });

  return app;
}
