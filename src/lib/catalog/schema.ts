import { z } from 'zod';

/** HTTP methods that the Management API uses, in the order a reference lists them. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const httpMethodSchema = z.enum(HTTP_METHODS);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

/** `x-release-lifecycle`; null where the spec declares none (connection-profiles). */
const lifecycleSchema = z.enum(['GA', 'EA', 'beta']).nullable();
export type Lifecycle = z.infer<typeof lifecycleSchema>;

/** Where an operation comes from: the spec, a reference page that only `head` has, or an older SDK. */
const operationSourceSchema = z.enum(['spec', 'head', 'legacy']);

const scopeName = z.string().min(1);

const catalogOperationSchema = z.object({
  /** `METHOD /api/v2/path`: the key used in deep links and accessible names. */
  id: z.string().min(1),
  method: httpMethodSchema,
  path: z.string().startsWith('/api/v2/'),
  tag: z.string().min(1),
  summary: z.string(),
  /** Any one of these scopes is enough (Auth0's "expected any of"), in the spec's order. */
  scopes: z.array(scopeName),
  /** Scopes an end user can hold on a user-bound token that also satisfy this operation. */
  userContextScopes: z.array(scopeName),
  lifecycle: lifecycleSchema,
  /** The lifecycle that the newer reference pages (`head`) show, when they have the page. */
  lifecycleAtHead: lifecycleSchema,
  docsUrl: z.url().nullable(),
  deprecated: z.boolean(),
  legacy: z.boolean(),
  source: operationSourceSchema,
  inHead: z.boolean(),
});
export type CatalogOperation = z.infer<typeof catalogOperationSchema>;

const catalogScopeSchema = z.object({
  name: scopeName,
  description: z.string(),
});

/** A scope that operations accept but that the spec does not declare. */
const extraScopeSchema = z.object({
  name: scopeName,
  sources: z.array(z.enum(['head', 'user-context-docs', 'legacy'])).min(1),
});
export type ExtraScope = z.infer<typeof extraScopeSchema>;

const catalogSourceSchema = z.object({
  spec: z.object({
    repo: z.string(),
    path: z.string(),
    commit: z.string(),
    oasVersion: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  docsSnapshot: z.object({ commit: z.string(), oasVersion: z.string() }),
  docsHead: z.object({ commit: z.string(), oasVersion: z.string() }),
});

export const catalogSchema = z.object({
  schemaVersion: z.literal(1),
  name: z.string(),
  /** Audience pattern; `{tenant}` stands for the tenant domain. The trailing slash matters. */
  audience: z.string(),
  source: catalogSourceSchema,
  counts: z.object({
    operations: z.number().int().nonnegative(),
    specOperations: z.number().int().nonnegative(),
    headOperations: z.number().int().nonnegative(),
    legacyOperations: z.number().int().nonnegative(),
    removedAtHead: z.number().int().nonnegative(),
    tags: z.number().int().nonnegative(),
    scopes: z.number().int().nonnegative(),
  }),
  /** Every scope declared in the spec, sorted by name. */
  scopes: z.array(catalogScopeSchema),
  extraScopes: z.array(extraScopeSchema),
  /** Scopes that end users may get on a user-bound Management API token, sorted. */
  userContextScopes: z.array(scopeName),
  tags: z.array(z.string()),
  operations: z.array(catalogOperationSchema),
});
export type Catalog = z.infer<typeof catalogSchema>;
