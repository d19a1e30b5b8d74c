import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { createRedactingLogger, type Logger } from '../logger';
import { scopesOf, type BearerCheck, type BearerVerifier } from './bearer-token';
import { maxBodyBytes } from './request-body';
import { demoApiIdentifier } from './tenant';

/**
 * The demo API `https://api.demo.test/` as a real resource server, at `{issuer}demo-api/`: appointments, guarded by
 * RS256 JWTs from the tenant and RFC 6750 challenges (`WWW-Authenticate: Bearer error="…"`).
 */

export const demoApiPath = '/demo-api';

/** Where the demo API is served: what the demo profiles list as its `baseUrl`. */
export const demoApiBaseUrl = (issuer: string): string => new URL(`${demoApiPath.slice(1)}/`, issuer).href;

const realm = 'Demo appointments API';

interface Appointment {
  id: string;
  patient: string;
  starts_at: string;
  with: string;
  notes: string;
}

const appointmentSchema = z.object({ patient: z.string().min(1), starts_at: z.iso.datetime(), with: z.string().min(1), notes: z.string().default('') }).strict();

class ChallengeError extends Error {
  constructor(
    readonly status: 401 | 403 | 400 | 404 | 413,
    readonly error: string,
    readonly description: string,
    readonly challenge?: string,
  ) {
    super(description);
  }
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

/** RFC 6750 §3: no credentials get a bare challenge; a bad token gets `invalid_token`. */
function tokenRefusal(check: Exclude<BearerCheck, { ok: true }>): ChallengeError {
  if (check.problem === 'missing') return new ChallengeError(401, 'unauthorized', 'Missing bearer token', `Bearer realm=${quoted(realm)}`);
  const description = {
    malformed: 'The access token is not a JWT',
    invalid: 'The access token signature or issuer is invalid',
    expired: 'The access token expired',
    audience: `The access token is not for ${demoApiIdentifier}`,
  }[check.problem];
  return new ChallengeError(401, 'invalid_token', description, `Bearer realm=${quoted(realm)}, error="invalid_token", error_description=${quoted(description)}`);
}

export function demoApi(verifier: BearerVerifier, now: () => Date = () => new Date(), logger: Logger = createRedactingLogger([])): Hono {
  const appointments = new Map<string, Appointment>(
    [
      { id: 'apt_1', patient: 'Carol Patient', starts_at: '2026-02-02T09:00:00.000Z', with: 'Dr. Alice', notes: '' },
      { id: 'apt_2', patient: 'Dan Patient', starts_at: '2026-02-02T10:30:00.000Z', with: 'Dr. Alice', notes: 'Follow-up' },
    ].map((a) => [a.id, a]),
  );
  const app = new Hono().basePath(demoApiPath);

  app.onError((err, c) => {
    if (!(err instanceof ChallengeError)) {
      logger.error(`demo API: ${err.message}`);
      return c.json({ error: 'server_error', error_description: 'Internal error' }, 500);
    }
    if (err.challenge) c.header('www-authenticate', err.challenge);
    return c.json({ error: err.error, error_description: err.description }, err.status);
  });
  app.notFound((c) => c.json({ error: 'not_found', error_description: 'No such resource' }, 404));

  /** Verifies the bearer token and that it holds `scope` (RFC 6750 §3.1 `insufficient_scope`). */
  const requireScope = async (c: Context, scope: string) => {
    const check = await verifier.check(c.req.header('authorization'), demoApiIdentifier, now());
    if (!check.ok) throw tokenRefusal(check);
    if (!scopesOf(check.claims).has(scope)) {
      const description = `This call needs the ${scope} scope`;
      throw new ChallengeError(403, 'insufficient_scope', description, `Bearer realm=${quoted(realm)}, error="insufficient_scope", scope=${quoted(scope)}, error_description=${quoted(description)}`);
    }
  };
  const body = async (c: Context, schema: z.ZodType<Partial<Appointment>>) => {
    const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) throw new ChallengeError(400, 'invalid_request', parsed.error.issues[0]?.message ?? 'Invalid body');
    return parsed.data;
  };

  app.use('*', bodyLimit({ maxSize: maxBodyBytes, onError: (c) => c.json({ error: 'invalid_request', error_description: 'Body too large' }, 413) }));

  app.get('/appointments', async (c) => {
    await requireScope(c, 'read:appointments');
    return c.json([...appointments.values()]);
  });
  app.post('/appointments', async (c) => {
    await requireScope(c, 'write:appointments');
    const fields = await body(c, appointmentSchema);
    const appointment = { ...(fields as Omit<Appointment, 'id'>), id: `apt_${randomBytes(6).toString('hex')}` };
    appointments.set(appointment.id, appointment);
    return c.json(appointment, 201);
  });
  app.patch('/appointments/:id', async (c) => {
    await requireScope(c, 'write:appointments');
    const fields = await body(c, appointmentSchema.partial());
    const existing = appointments.get(c.req.param('id'));
    if (!existing) throw new ChallengeError(404, 'not_found', 'No such appointment');
    const updated = { ...existing, ...fields, id: existing.id };
    appointments.set(existing.id, updated);
    return c.json(updated);
  });
  return app;
}
