import { acceptedScopes } from './api-model';
import type { ApiOperation } from './api-model';

/** Operations with lowercase haystacks computed once, so each keystroke only scans strings. */
export interface SearchIndex {
  operations: readonly ApiOperation[];
  /** Method, path, summary, tag, accepted scopes, lifecycle. */
  haystacks: readonly string[];
  /** Method and path only: a match there ranks first. */
  routeHaystacks: readonly string[];
  /** Method, path, summary and tag: a match there ranks before a scope-only match. */
  titleHaystacks: readonly string[];
}

/** Builds the search index: method, path, summary, tag and every accepted scope. */
export function createSearchIndex(operations: readonly ApiOperation[]): SearchIndex {
  return {
    operations,
    haystacks: operations.map((op) =>
      [op.method, op.path, op.summary, op.tag, ...acceptedScopes(op), op.lifecycle ?? '', op.legacy ? 'legacy' : ''].join('\n').toLowerCase(),
    ),
    routeHaystacks: operations.map((op) => `${op.method} ${op.path}`.toLowerCase()),
    titleHaystacks: operations.map((op) => [op.method, op.path, op.summary, op.tag].join('\n').toLowerCase()),
  };
}

/** How well an operation matches: 0 on its method and path, 1 on its summary or tag, 2 on its scopes only. */
export type MatchRank = 0 | 1 | 2;

export interface RankedMatch {
  operation: ApiOperation;
  rank: MatchRank;
}

/** Like `searchOperations`, best matches first (stable within a rank). */
export function searchOperationsRanked(index: SearchIndex, query: string): RankedMatch[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  const ranked: RankedMatch[][] = [[], [], []];
  index.haystacks.forEach((haystack, i) => {
    if (!terms.every((term) => haystack.includes(term))) return;
    const operation = index.operations[i] as ApiOperation;
    const route = index.routeHaystacks[i] as string;
    const title = index.titleHaystacks[i] as string;
    const rank: MatchRank = terms.every((term) => route.includes(term)) ? 0 : terms.every((term) => title.includes(term)) ? 1 : 2;
    ranked[rank]?.push({ operation, rank });
  });
  return ranked.flat();
}

/** Operations matching every whitespace-separated term of the query (case-insensitive), in index order. */
export function searchOperations(index: SearchIndex, query: string): ApiOperation[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [...index.operations];
  const results: ApiOperation[] = [];
  index.haystacks.forEach((haystack, i) => {
    if (terms.every((term) => haystack.includes(term))) results.push(index.operations[i] as ApiOperation);
  });
  return results;
}

export interface TagGroup {
  tag: string;
  operations: ApiOperation[];
}

/** Groups operations by tag, tags in order of first appearance. */
export function groupByTag(operations: readonly ApiOperation[]): TagGroup[] {
  const groups = new Map<string, ApiOperation[]>();
  for (const op of operations) {
    const list = groups.get(op.tag);
    if (list) list.push(op);
    else groups.set(op.tag, [op]);
  }
  return [...groups].map(([tag, ops]) => ({ tag, operations: ops }));
}

/**
 * Groups ranked matches by tag, best groups first: a tag named by the query, then the group with the best
 * match rank, then the one with more matches at that rank, then by tag name (the only order for an empty query).
 */
export function groupRankedByTag(matches: readonly RankedMatch[], query: string): TagGroup[] {
  const terms = new Set(query.toLowerCase().split(/\s+/).filter(Boolean));
  const groups = new Map<string, { operations: ApiOperation[]; best: MatchRank; atBest: number }>();
  for (const { operation, rank } of matches) {
    const group = groups.get(operation.tag);
    if (!group) groups.set(operation.tag, { operations: [operation], best: rank, atBest: 1 });
    else {
      group.operations.push(operation);
      if (rank < group.best) Object.assign(group, { best: rank, atBest: 1 });
      else if (rank === group.best) group.atBest += 1;
    }
  }
  return [...groups]
    .sort(([tagA, a], [tagB, b]) => {
      const byName = tagA < tagB ? -1 : tagA > tagB ? 1 : 0;
      if (terms.size === 0) return byName;
      const namedA = terms.has(tagA.toLowerCase()) ? 0 : 1;
      const namedB = terms.has(tagB.toLowerCase()) ? 0 : 1;
      return namedA - namedB || a.best - b.best || b.atBest - a.atBest || byName;
    })
    .map(([tag, group]) => ({ tag, operations: group.operations }));
}
