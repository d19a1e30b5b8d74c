import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { JWTPayload } from 'jose';
import { z } from 'zod';
import { auth0Errors } from './auth0-errors';
import { nestedDeeperThan } from './json-depth';
import type { MatchedOperation } from './management-operations';
import type { TenantStore } from './tenant-store';

/** What the Management API's front hands each resource handler: the verified token and the catalog operation. */
export interface ManagementEnv {
  Variables: {
    claims: JWTPayload;
    /** The token's scopes that this operation accepts: at least one. */
    heldScopes: readonly string[];
    matched: MatchedOperation;
    tenant: TenantStore;
  };
}

export type ManagementContext = Context<ManagementEnv>;

/** The deepest JSON body the Management API reads (the demo's own bound): a user's metadata sits 2 levels down. */
export const maxJsonBodyDepth = 32;

/** The request's JSON body, validated: Auth0's 400s for bad JSON and for a payload that fails the schema. */
export async function jsonBody<T extends z.ZodType>(c: ManagementContext, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw auth0Errors.invalidJson();
  }
  if (nestedDeeperThan(raw, maxJsonBodyDepth)) throw auth0Errors.nestedTooDeep(maxJsonBodyDepth);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // Auth0-worded messages name their property themselves.
    const where = issue?.path.length && !issue.message.includes(' on property ') ? ` (${issue.path.join('.')})` : '';
    throw auth0Errors.invalidBody(`${issue?.message ?? 'invalid body'}${where}`);
  }
  return parsed.data;
}

/**
 * The user-context and partial scopes: the call goes through only when one scope the token holds covers this
 * request (its own user, or only the part of the user the scope may change). Otherwise Auth0's 403, naming the
 * scopes that would cover it.
 */
export function requireCovering(c: ManagementContext, covers: (scope: string) => boolean): void {
  if (c.var.heldScopes.some(covers)) return;
  throw auth0Errors.insufficientScope(c.var.matched.acceptedScopes.filter(covers));
}

const pagingSchema = z.object({
  page: z.coerce.number().int().min(0).default(0),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
  include_totals: z.enum(['true', 'false']).default('false'),
});

/** Auth0's paging: `page` (from 0), `per_page`, and `include_totals` to wrap the page as `{start, limit, length, total, <key>}`. */
export function paged<T>(c: ManagementContext, key: string, items: readonly T[]): Response {
  const parsed = pagingSchema.safeParse(c.req.query());
  if (!parsed.success) throw auth0Errors.invalidQuery(parsed.error.issues[0]?.message ?? 'invalid paging');
  const { page, per_page: perPage, include_totals: totals } = parsed.data;
  const start = page * perPage;
  const slice = items.slice(start, start + perPage);
  if (totals === 'false') return c.json(slice);
  return c.json({ start, limit: perPage, length: slice.length, total: items.length, [key]: slice });
}

/** A new Auth0-style id: a prefix and 16 random hex characters. */
export const newId = (prefix: string): string => `${prefix}${randomBytes(8).toString('hex')}`;
