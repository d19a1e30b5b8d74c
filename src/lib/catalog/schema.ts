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
  /** Where a legacy operation is documented, since no current spec has it. */
  legacySource: z.string().optional(),
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

/** Parameter types the request form offers; `array` is a repeated query parameter (`?a=1&a=2`, OpenAPI form/explode). */
export const PARAM_TYPES = ['string', 'integer', 'number', 'boolean', 'array'] as const;

export const requestParamSchema = z.object({
  name: z.string().min(1),
  type: z.enum(PARAM_TYPES),
  required: z.boolean(),
  /** Allowed values, when the spec lists them. */
  enum: z.array(z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** The first sentence of the spec's description, HTML stripped and capped. */
  description: z.string().optional(),
});
export type RequestParam = z.infer<typeof requestParamSchema>;

export const requestBodySchema = z.object({
  /** `application/json` whenever the spec offers it. */
  contentType: z.string().min(1),
  /** The schema's required properties with placeholder values; null when the body is not JSON. */
  skeleton: z.unknown(),
});
export type RequestBody = z.infer<typeof requestBodySchema>;

/** What the explorer's request form needs of one operation. */
export const operationRequestSchema = z.object({
  pathParams: z.array(requestParamSchema),
  queryParams: z.array(requestParamSchema),
  body: requestBodySchema.nullable(),
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;

/**
 * The request-form details of the spec operations, by operation id. A file of its own, so that only the
 * explorer loads it: the scope picker never needs it.
 */
export const catalogRequestsSchema = z.object({
  schemaVersion: z.literal(1),
  /** The digest of the spec these were generated from: equal to the catalog's `source.spec.sha256`. */
  specSha256: z.string().regex(/^[0-9a-f]{64}$/),
  operations: z.record(z.string(), operationRequestSchema),
});
export type CatalogRequests = z.infer<typeof catalogRequestsSchema>;
