import { performance } from 'node:perf_hooks';
import catalogJson from '../src/lib/catalog/data/auth0-management-api.json';
import { managementApiFromCatalog } from '../src/lib/catalog/api-model';
import { loadManagementCatalog } from '../src/lib/catalog/load-catalog';
import { createSearchIndex, groupByTag, searchOperations } from '../src/lib/catalog/search';
import type { SectionResult } from './report';
import { median, summarize } from './stats';

/** What people type into the scope picker's search: paths, methods, scopes, tags, words from summaries. */
export const CATALOG_QUERIES = [
  'users', 'PATCH /api/v2/users', 'read:users', 'organizations members', 'GET /api/v2/users/{id}', 'update:users',
  'delete users', 'roles', 'roles permissions', 'create:roles', 'client-grants', 'create:client_grants', 'clients',
  'read:clients', 'POST /api/v2/clients', 'connections', 'read:connections', 'logs', 'read:logs', 'log streams',
  'actions', 'deploy action', 'triggers', 'organizations', 'read:organizations', 'organization invitations',
  'create:organization_invitations', 'members roles', 'user blocks', 'blacklists', 'legacy', 'tokens', 'refresh tokens',
  'sessions', 'delete:sessions', 'guardian', 'mfa', 'enrollments', 'email templates', 'branding', 'custom domains',
  'resource servers', 'read:resource_servers', 'update:current_user_metadata', 'current_user', 'jobs', 'users export',
  'password', 'keys signing', 'tenant settings',
] as const;

const ROUNDS = 60;

/** The naive alternative: no index, every operation's fields lower-cased and scanned with String.includes per query. */
function naiveSearch(operations: readonly (typeof catalogJson.operations)[number][], query: string): unknown[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return operations.filter((op) => {
    const text = [op.method, op.path, op.summary, op.tag, ...op.scopes, ...op.userContextScopes].join('\n').toLowerCase();
    return terms.every((term) => text.includes(term));
  });
}

function timeQueries(search: (query: string) => unknown): number[] {
  for (const query of CATALOG_QUERIES) search(query);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const query of CATALOG_QUERIES) {
      const started = performance.now();
      search(query);
      samples.push(performance.now() - started);
    }
  }
  return samples;
}

/** Section 4: per-query time of the scope picker's search (search + group by tag, as the UI does) vs a naive scan. */
export async function benchCatalogSearch(): Promise<SectionResult> {
  const section = 'Catalog search';
  const catalog = await loadManagementCatalog(async () => catalogJson);
  const operations = managementApiFromCatalog(catalog).operations;
  const buildTimes: number[] = [];
  let index = createSearchIndex(operations);
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    index = createSearchIndex(operations);
    buildTimes.push(performance.now() - started);
  }
  const emptyQueries = CATALOG_QUERIES.filter((q) => searchOperations(index, q).length === 0);
  if (emptyQueries.length > 0) throw new Error(`catalog queries with no result (the bench would time nothing): ${emptyQueries.join(', ')}`);

  const app = summarize(timeQueries((query) => groupByTag(searchOperations(index, query))));
  const naive = summarize(timeQueries((query) => naiveSearch(catalogJson.operations, query)));
  return {
    section,
    rows: [
      { section, metric: `query p50 (${CATALOG_QUERIES.length} queries × ${ROUNDS}, ${operations.length} operations)`, unit: 'ms', value: app.p50, baseline: naive.p50, ratio: app.p50 / naive.p50 },
      { section, metric: 'query p95', unit: 'ms', value: app.p95, baseline: naive.p95, ratio: app.p95 / naive.p95, goal: 'p95 ≤ 2 ms', met: app.p95 <= 2 },
      { section, metric: 'index build (once per catalog load, median of 7)', unit: 'ms', value: median(buildTimes) },
    ],
    notes: ['Baseline: a naive String.includes scan over the same JSON, lower-casing every operation per query (no index).'],
  };
}
