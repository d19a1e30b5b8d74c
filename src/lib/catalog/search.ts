import { acceptedScopes } from './api-model';
import type { ApiOperation } from './api-model';

/** Operations with a lowercase haystack computed once, so each keystroke only scans strings. */
export interface SearchIndex {
  operations: readonly ApiOperation[];
  haystacks: readonly string[];
}

/** Builds the search index: method, path, summary, tag and every accepted scope. */
export function createSearchIndex(operations: readonly ApiOperation[]): SearchIndex {
  return {
    operations,
    haystacks: operations.map((op) =>
      [op.method, op.path, op.summary, op.tag, ...acceptedScopes(op), op.lifecycle ?? '', op.legacy ? 'legacy' : ''].join('\n').toLowerCase(),
    ),
  };
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
