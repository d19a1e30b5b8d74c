/**
 * Generates src/lib/catalog/data/auth0-management-api.json (the catalog) and auth0-management-api-requests.json
 * (the explorer's request forms) from ../shared/data/auth0-management-api/.
 * `--check` regenerates in memory and exits 1 when a committed file differs.
 * Set CATALOG_SOURCE_DIR to read the source data from another folder.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { operationRequest } from '../src/lib/catalog/request-shape';
import type { OpenApiComponents } from '../src/lib/catalog/request-shape';
import { catalogRequestsSchema, catalogSchema, HTTP_METHODS } from '../src/lib/catalog/schema';
import type { Catalog, CatalogOperation, CatalogRequests, ExtraScope, HttpMethod, Lifecycle } from '../src/lib/catalog/schema';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SOURCE_DIR = path.resolve(REPO_ROOT, '../shared/data/auth0-management-api');
export const OUTPUT_FILE = path.resolve(REPO_ROOT, 'src/lib/catalog/data/auth0-management-api.json');
export const REQUESTS_OUTPUT_FILE = path.resolve(REPO_ROOT, 'src/lib/catalog/data/auth0-management-api-requests.json');

const SPEC_FILE = 'management-api-oas.json';
const DOCS_INDEX_FILE = 'docs-v2-mdx-index.json';
const USER_CONTEXT_FILE = 'user-context-scopes.json';
const API_PREFIX = '/api/v2';

// Input schemas: only the fields we read. The source is trusted data, but its shape is still checked.
const securityRequirementSchema = z.record(z.string(), z.array(z.string()));
const specOperationSchema = z.object({
  summary: z.string().optional(),
  tags: z.array(z.string()).min(1),
  deprecated: z.boolean().optional(),
  'x-release-lifecycle': z.enum(['GA', 'EA', 'beta']).optional(),
  security: z.array(securityRequirementSchema).optional(),
});
const specSchema = z.object({
  info: z.object({ version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({
    schemas: z.record(z.string(), z.unknown()).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    requestBodies: z.record(z.string(), z.unknown()).optional(),
    securitySchemes: z.object({
      oAuth2ClientCredentials: z.object({
        flows: z.object({ clientCredentials: z.object({ scopes: z.record(z.string(), z.string()) }) }),
      }),
    }),
  }),
});

const docsPageSchema = z.object({
  method: z.enum(HTTP_METHODS),
  path: z.string().startsWith(`${API_PREFIX}/`),
  docsUrl: z.url(),
  scopes: z.array(z.string()),
  releaseLifecycle: z.string(),
  deprecated: z.boolean(),
});
const docsIndexEntrySchema = z.object({ repo: z.string(), commit: z.string(), oasVersion: z.string(), pages: z.array(docsPageSchema) });
const docsIndexSchema = z.object({ snapshot: docsIndexEntrySchema, head: docsIndexEntrySchema });

const userContextSchema = z.object({
  scopes: z.array(
    z.object({
      scope: z.string(),
      declaredInSpec: z.boolean(),
      endpointsPerSpec: z.array(z.string()),
      endpointsPerDocs: z.array(z.string()),
      grantableToEndUsers: z.boolean().nullable(),
    }),
  ),
  legacyNotInSpec: z.array(
    z.object({
      method: z.enum(HTTP_METHODS),
      path: z.string().startsWith(`${API_PREFIX}/`),
      scopesListed: z.array(z.string()),
      scopes: z.object({ anyOf: z.array(z.array(z.string())) }),
      evidence: z.array(z.string()).optional(),
    }),
  ),
});

/** The raw files of the source folder. */
export interface CatalogSources {
  specText: string;
  docsIndex: unknown;
  userContext: unknown;
  /** Legacy operations declared here rather than in the source data (readSources passes ARCHIVED_LEGACY_OPERATIONS). */
  archivedLegacy?: readonly ArchivedLegacyOperation[];
}

export class CatalogSourceError extends Error {
  readonly code = 'CATALOG_SOURCE_INVALID';
}

const SPEC_PROVENANCE = {
  repo: 'auth0/docs-v2',
  path: 'main/docs/oas/management/v2/management-api-oas.json',
} as const;

export interface ArchivedLegacyOperation {
  method: HttpMethod;
  path: string;
  scope: string;
  /** Where it is documented. */
  source: string;
  request: CatalogRequests['operations'][string];
}

const ASP_SOURCE = "Auth0's archived docs on app-specific passwords (application-passwords of a user; introspected with token_type application_specific_password_token)";
const aspIdParam = { name: 'id', type: 'string', required: true, description: 'ID of the user the app-specific passwords belong to.' } as const;

/**
 * Legacy operations that the source data does not list, declared here with their source: Auth0's app-specific
 * passwords, which survive only in its archived docs. Each carries its request form, which no spec can give.
 */
export const ARCHIVED_LEGACY_OPERATIONS: readonly ArchivedLegacyOperation[] = [
  {
    method: 'GET',
    path: `${API_PREFIX}/users/{id}/application-passwords`,
    scope: 'read:user_application_passwords',
    source: ASP_SOURCE,
    request: { pathParams: [aspIdParam], queryParams: [], body: null },
  },
  {
    method: 'POST',
    path: `${API_PREFIX}/users/{id}/application-passwords`,
    scope: 'create:user_application_passwords',
    source: ASP_SOURCE,
    request: {
      pathParams: [aspIdParam],
      queryParams: [],
      body: { contentType: 'application/json', skeleton: { label: 'string', audience: 'string', scope: ['string'] } },
    },
  },
  {
    method: 'DELETE',
    path: `${API_PREFIX}/users/{id}/application-passwords/{asp_id}`,
    scope: 'delete:user_application_passwords',
    source: ASP_SOURCE,
    request: {
      pathParams: [aspIdParam, { name: 'asp_id', type: 'string', required: true, description: 'ID of the app-specific password.' }],
      queryParams: [],
      body: null,
    },
  },
];

const methodRank = (method: HttpMethod): number => HTTP_METHODS.indexOf(method);
const operationId = (method: string, apiPath: string): string => `${method} ${apiPath}`;
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function parseLifecycle(value: string | undefined): Lifecycle {
  return value === 'GA' || value === 'EA' || value === 'beta' ? value : null;
}

/** "https://…/v2/organizations/get-organization-clients" → "organizations". */
function docsSection(docsUrl: string): string {
  const parts = new URL(docsUrl).pathname.split('/').filter(Boolean);
  return parts.at(-2) ?? '';
}

/** "get-organization-clients" → "Get organization clients": the page title the docs derive from the slug. */
function summaryFromDocsUrl(docsUrl: string): string {
  const slug = new URL(docsUrl).pathname.split('/').filter(Boolean).at(-1) ?? '';
  const words = slug.split('-').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const LEGACY_VERBS: Record<HttpMethod, string> = { GET: 'Get', POST: 'Create', PUT: 'Replace', PATCH: 'Update', DELETE: 'Delete' };

function summaryFromRoute(method: HttpMethod, apiPath: string): string {
  const words = apiPath
    .slice(API_PREFIX.length)
    .split('/')
    .filter((segment) => segment && !segment.startsWith('{'))
    .join(' ')
    .replace(/[-_]/g, ' ');
  return `${LEGACY_VERBS[method]} ${words} (legacy)`;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CatalogSourceError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CatalogSourceError(`${file} has an unexpected shape: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Builds the catalog from the source files: pure, so tests feed it small fixtures. */
export function buildCatalog(sources: CatalogSources): Catalog {
  const spec = check(specSchema, parseJson(sources.specText, SPEC_FILE), SPEC_FILE);
  const docs = check(docsIndexSchema, sources.docsIndex, DOCS_INDEX_FILE);
  const userContext = check(userContextSchema, sources.userContext, USER_CONTEXT_FILE);

  const declaredScopes = spec.components.securitySchemes.oAuth2ClientCredentials.flows.clientCredentials.scopes;
  const snapshotPages = new Map(docs.snapshot.pages.map((page) => [operationId(page.method, page.path), page]));
  const headPages = new Map(docs.head.pages.map((page) => [operationId(page.method, page.path), page]));

  // Which user-context scopes end users may hold, and which endpoints each unlocks (spec ∪ docs).
  const grantable = userContext.scopes.filter((entry) => entry.grantableToEndUsers === true);
  const userScopesByOperation = new Map<string, string[]>();
  for (const entry of grantable) {
    for (const endpoint of new Set([...entry.endpointsPerSpec, ...entry.endpointsPerDocs])) {
      const list = userScopesByOperation.get(endpoint) ?? [];
      list.push(entry.scope);
      userScopesByOperation.set(endpoint, list);
    }
  }
  const userContextScopesFor = (id: string, accepted: readonly string[]): string[] => {
    const extra = userScopesByOperation.get(id) ?? [];
    // Spec order first for the ones the spec lists, then the docs-only ones by name.
    return [...accepted.filter((s) => extra.includes(s)), ...extra.filter((s) => !accepted.includes(s)).sort(byString)];
  };

  const operations: CatalogOperation[] = [];
  const sectionToTag = new Map<string, string>();

  for (const [relativePath, item] of Object.entries(spec.paths)) {
    for (const [methodKey, rawOperation] of Object.entries(item)) {
      const method = methodKey.toUpperCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method)) continue;
      const httpMethod = method as HttpMethod;
      const apiPath = `${API_PREFIX}${relativePath}`;
      const id = operationId(httpMethod, apiPath);
      const op = check(specOperationSchema, rawOperation, `${SPEC_FILE} ${id}`);
      const scopes = (op.security ?? []).flatMap((requirement) => requirement.oAuth2ClientCredentials ?? []);
      const tag = op.tags[0] as string;
      const snapshot = snapshotPages.get(id);
      const head = headPages.get(id);
      if (snapshot) sectionToTag.set(docsSection(snapshot.docsUrl), tag);
      operations.push({
        id,
        method: httpMethod,
        path: apiPath,
        tag,
        summary: op.summary?.trim() ?? '',
        scopes,
        userContextScopes: userContextScopesFor(id, scopes),
        lifecycle: parseLifecycle(op['x-release-lifecycle']),
        lifecycleAtHead: head ? parseLifecycle(head.releaseLifecycle) : null,
        docsUrl: snapshot?.docsUrl ?? head?.docsUrl ?? null,
        deprecated: op.deprecated ?? false,
        legacy: false,
        source: 'spec',
        inHead: head !== undefined,
      });
    }
  }

  const specIds = new Set(operations.map((op) => op.id));
  const specOperationCount = operations.length;
  for (const [id, page] of headPages) {
    if (specIds.has(id)) continue;
    const section = docsSection(page.docsUrl);
    operations.push({
      id,
      method: page.method,
      path: page.path,
      tag: sectionToTag.get(section) ?? section,
      summary: summaryFromDocsUrl(page.docsUrl),
      scopes: page.scopes,
      userContextScopes: userContextScopesFor(id, page.scopes),
      lifecycle: parseLifecycle(page.releaseLifecycle),
      lifecycleAtHead: parseLifecycle(page.releaseLifecycle),
      docsUrl: page.docsUrl,
      deprecated: page.deprecated,
      legacy: false,
      source: 'head',
      inHead: true,
    });
  }
  const headOperationCount = operations.length - specOperationCount;

  const knownIds = new Set(operations.map((op) => op.id));
  let legacyOperationCount = 0;
  const legacyOperations = [
    ...userContext.legacyNotInSpec.map((legacy) => ({ ...legacy, source: legacy.evidence?.[0] })),
    ...(sources.archivedLegacy ?? []).map((legacy) => ({ ...legacy, scopes: { anyOf: [[legacy.scope]] } })),
  ];
  for (const legacy of legacyOperations) {
    const id = operationId(legacy.method, legacy.path);
    if (knownIds.has(id)) continue;
    const scopes = [...new Set(legacy.scopes.anyOf.flat())];
    legacyOperationCount += 1;
    operations.push({
      id,
      method: legacy.method,
      path: legacy.path,
      tag: legacy.path.slice(API_PREFIX.length).split('/')[1] ?? 'legacy',
      summary: summaryFromRoute(legacy.method, legacy.path),
      scopes,
      userContextScopes: userContextScopesFor(id, scopes),
      lifecycle: null,
      lifecycleAtHead: null,
      docsUrl: null,
      deprecated: true,
      legacy: true,
      source: 'legacy',
      inHead: false,
      ...(legacy.source === undefined ? {} : { legacySource: legacy.source }),
    });
  }

  operations.sort((a, b) => byString(a.tag, b.tag) || byString(a.path, b.path) || methodRank(a.method) - methodRank(b.method));

  const scopeNames = Object.keys(declaredScopes).sort(byString);
  const extraScopeSources = new Map<string, Set<ExtraScope['sources'][number]>>();
  const noteExtra = (name: string, source: ExtraScope['sources'][number]) => {
    if (name in declaredScopes) return;
    const set = extraScopeSources.get(name) ?? new Set();
    set.add(source);
    extraScopeSources.set(name, set);
  };
  for (const op of operations) {
    for (const scope of op.scopes) noteExtra(scope, op.source === 'legacy' ? 'legacy' : 'head');
  }
  for (const entry of grantable) noteExtra(entry.scope, 'user-context-docs');
  const sourceOrder = ['head', 'user-context-docs', 'legacy'] as const;

  const catalog: Catalog = {
    schemaVersion: 1,
    name: 'Auth0 Management API v2',
    audience: 'https://{tenant}/api/v2/',
    source: {
      spec: {
        ...SPEC_PROVENANCE,
        commit: docs.snapshot.commit,
        oasVersion: docs.snapshot.oasVersion,
        sha256: createHash('sha256').update(sources.specText).digest('hex'),
      },
      docsSnapshot: { commit: docs.snapshot.commit, oasVersion: docs.snapshot.oasVersion },
      docsHead: { commit: docs.head.commit, oasVersion: docs.head.oasVersion },
    },
    counts: {
      operations: operations.length,
      specOperations: specOperationCount,
      headOperations: headOperationCount,
      legacyOperations: legacyOperationCount,
      removedAtHead: operations.filter((op) => op.source === 'spec' && !op.inHead).length,
      tags: new Set(operations.map((op) => op.tag)).size,
      scopes: scopeNames.length,
    },
    scopes: scopeNames.map((name) => ({ name, description: (declaredScopes[name] ?? '').trim() })),
    extraScopes: [...extraScopeSources]
      .sort(([a], [b]) => byString(a, b))
      .map(([name, set]) => ({ name, sources: sourceOrder.filter((s) => set.has(s)) })),
    userContextScopes: grantable.map((entry) => entry.scope).sort(byString),
    tags: [...new Set(operations.map((op) => op.tag))].sort(byString),
    operations,
  };
  // Round-trip through the schema: the output is what the app will accept, in the schema's key order.
  return catalogSchema.parse(catalog);
}

/** The request-form details of every spec operation and of the archived legacy ones, keyed by operation id, in the catalog's operation order. */
export function buildCatalogRequests(sources: CatalogSources): CatalogRequests {
  const spec = check(specSchema, parseJson(sources.specText, SPEC_FILE), SPEC_FILE);
  const components: OpenApiComponents = spec.components;
  const found = new Map<string, CatalogRequests['operations'][string]>();
  for (const [relativePath, item] of Object.entries(spec.paths)) {
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const [methodKey, rawOperation] of Object.entries(item)) {
      const method = methodKey.toUpperCase();
      if (!(HTTP_METHODS as readonly string[]).includes(method) || typeof rawOperation !== 'object' || rawOperation === null) continue;
      const apiPath = `${API_PREFIX}${relativePath}`;
      found.set(operationId(method, apiPath), operationRequest(apiPath, rawOperation as Record<string, unknown>, shared, components));
    }
  }
  for (const legacy of sources.archivedLegacy ?? []) found.set(operationId(legacy.method, legacy.path), legacy.request);
  const order = buildCatalog(sources).operations.map((op) => op.id);
  const requests: CatalogRequests = {
    schemaVersion: 1,
    specSha256: createHash('sha256').update(sources.specText).digest('hex'),
    operations: Object.fromEntries(order.flatMap((id) => {
      const request = found.get(id);
      return request ? [[id, request] as const] : [];
    })),
  };
  return catalogRequestsSchema.parse(requests);
}

/** Deterministic text: fixed key order, two-space indent, trailing newline. */
export function serializeCatalog(catalog: Catalog | CatalogRequests): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

export async function readSources(sourceDir: string): Promise<CatalogSources> {
  const read = (file: string) => readFile(path.join(sourceDir, file), 'utf8');
  const [specText, docsText, userText] = await Promise.all([read(SPEC_FILE), read(DOCS_INDEX_FILE), read(USER_CONTEXT_FILE)]);
  return {
    specText,
    docsIndex: parseJson(docsText, DOCS_INDEX_FILE),
    userContext: parseJson(userText, USER_CONTEXT_FILE),
    archivedLegacy: ARCHIVED_LEGACY_OPERATIONS,
  };
}

/** First differing line, 1-based, for a readable --check failure. */
export function firstDifference(expected: string, actual: string): { line: number; expected: string; actual: string } | null {
  if (expected === actual) return null;
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return { line: i + 1, expected: a[i] ?? '<end of file>', actual: b[i] ?? '<end of file>' };
  }
  return null;
}

async function checkFile(file: string, text: string, sourceDir: string): Promise<boolean> {
  const relativeOut = path.relative(process.cwd(), file);
  const committed = await readFile(file, 'utf8').catch(() => null);
  if (committed === null) {
    console.error(`catalog:check failed: ${relativeOut} is missing. Run \`npm run catalog\` and commit it.`);
    return false;
  }
  const diff = firstDifference(text, committed);
  if (diff) {
    console.error(
      `catalog:check failed: ${relativeOut} differs from what ${sourceDir} generates (first difference at line ${diff.line}).\n` +
        `  generated: ${diff.expected.trim()}\n  committed: ${diff.actual.trim()}\n` +
        'Never edit the catalog by hand: run `npm run catalog` and commit the result.',
    );
    return false;
  }
  console.info(`catalog:check ok: ${relativeOut} matches ${sourceDir}.`);
  return true;
}

async function main(argv: readonly string[]): Promise<number> {
  const checkOnly = argv.includes('--check');
  const sourceDir = process.env.CATALOG_SOURCE_DIR ? path.resolve(process.env.CATALOG_SOURCE_DIR) : DEFAULT_SOURCE_DIR;
  const sources = await readSources(sourceDir);
  const outputs: [string, string][] = [
    [OUTPUT_FILE, serializeCatalog(buildCatalog(sources))],
    [REQUESTS_OUTPUT_FILE, serializeCatalog(buildCatalogRequests(sources))],
  ];
  if (checkOnly) {
    let ok = true;
    for (const [file, text] of outputs) ok = (await checkFile(file, text, sourceDir)) && ok;
    return ok ? 0 : 1;
  }
  await mkdir(path.dirname(OUTPUT_FILE), { recursive: true });
  for (const [file, text] of outputs) {
    await writeFile(file, text);
    console.info(`Wrote ${path.relative(process.cwd(), file)} from ${sourceDir}.`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof CatalogSourceError ? `catalog: ${error.message}` : error);
      process.exit(1);
    },
  );
}
