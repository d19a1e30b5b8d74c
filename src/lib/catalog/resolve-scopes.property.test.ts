import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCurrentUserScope } from './api-model';
import type { ApiDefinition, ApiOperation, TokenKind } from './api-model';
import { alternativeBlock, resolveRequiredScopes } from './resolve-scopes';
import { PRIVILEGED_SCOPES } from './scope-notes';
import { customApi, managementApi } from './test-fixtures';

// Issue 14 §8: properties of least-privilege scope resolution, over thousands of generated APIs and selections.

const POOL = ['read:a', 'read:b', 'write:a', 'write:b', 'delete:c', 'read:d', 'x', 'y'];
const kind = fc.constantFrom<TokenKind>('m2m', 'user');
const alternative = fc.subarray(POOL, { maxLength: 3 });
/** A custom API of up to 8 endpoints, each accepting any of 1-3 scope sets (an empty set: no scope needed). */
const smallApi = fc.array(fc.array(alternative, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 })
  .map((ops) => customApi(ops.map((alternatives, i) => ({ method: 'GET' as const, path: `/op${i}`, alternatives: alternatives.map((a) => [...a]) }))));
const problem = smallApi.chain((api) => fc.record({
  api: fc.constant(api),
  selection: fc.shuffledSubarray([...api.operations], { minLength: 1 }),
  requested: fc.subarray(POOL, { maxLength: 2 }),
  kind,
}));

const covers = (scopes: ReadonlySet<string>, op: ApiOperation) => op.alternatives.length === 0 || op.alternatives.some((a) => a.every((s) => scopes.has(s)));

/** The size of the smallest valid cover, by trying every subset of the pool: the yardstick for minimality. */
function smallestCover(selection: readonly ApiOperation[], requested: readonly string[]): number {
  let best = Infinity;
  for (let mask = 0; mask < 1 << POOL.length; mask++) {
    const set = new Set([...POOL.filter((_, i) => mask & (1 << i)), ...requested]);
    if (set.size < best && selection.every((op) => covers(set, op))) best = set.size;
  }
  return best;
}

describe('resolveRequiredScopes properties (generated custom APIs)', { timeout: 30_000 }, () => {
  it('the resolved set satisfies every selected operation, holds every requested scope, and invents no scope', () => {
    fc.assert(fc.property(problem, ({ api, selection, requested, kind: k }) => {
      const result = resolveRequiredScopes(api, selection, k, { requested });
      const scopes = new Set(result.scopes);
      for (const op of selection) expect(covers(scopes, op)).toBe(true);
      for (const r of result.operations) if (r.status === 'satisfied') expect(r.chosen?.every((s) => scopes.has(s))).toBe(true);
      for (const s of requested) expect(scopes.has(s)).toBe(true);
      const offered = new Set([...requested, ...selection.flatMap((op) => op.alternatives.flat())]);
      for (const s of scopes) expect(offered.has(s)).toBe(true);
      expect(result.scopes).toEqual([...scopes].sort());
      expect(result.scopeString).toBe(result.scopes.join(' '));
    }), { numRuns: 2000 });
  });

  it('is never larger than any valid cover: an exact result has the size of the smallest one (brute force over every subset)', () => {
    fc.assert(fc.property(problem, ({ api, selection, requested, kind: k }) => {
      const result = resolveRequiredScopes(api, selection, k, { requested });
      expect(result.exact).toBe(true);
      expect(result.scopes.length).toBe(smallestCover(selection, requested));
    }), { numRuns: 1000 });
  });

  it('does not depend on the order in which the operations were picked', () => {
    fc.assert(fc.property(problem, fc.func(fc.integer()), ({ api, selection, requested, kind: k }, order) => {
      const shuffled = [...selection].sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1));
      expect(resolveRequiredScopes(api, shuffled, k, { requested }).scopes).toEqual(resolveRequiredScopes(api, selection, k, { requested }).scopes);
    }), { numRuns: 1000 });
  });
});

describe('resolveRequiredScopes properties (the Management API catalog)', { timeout: 30_000 }, () => {
  const selection = fc.subarray([...managementApi.operations], { minLength: 1, maxLength: 5 });
  const usable = (api: ApiDefinition, op: ApiOperation, k: TokenKind) => op.alternatives.filter((a) => alternativeBlock(api, a, k) === null);

  it('every operation is satisfied by the set or marked unavailable with the other token kind as fix; the set fits the token kind', () => {
    fc.assert(fc.property(selection, kind, (ops, k) => {
      const result = resolveRequiredScopes(managementApi, ops, k);
      const scopes = new Set(result.scopes);
      for (const r of result.operations) {
        if (r.status === 'unavailable') {
          expect(r.fix).toBe(k === 'user' ? 'm2m' : 'user');
          expect(usable(managementApi, r.operation, k)).toEqual([]);
        } else {
          expect(usable(managementApi, r.operation, k).some((a) => a.every((s) => scopes.has(s)))).toBe(true);
        }
      }
      if (k === 'user') for (const s of scopes) expect(managementApi.userGrantableScopes?.has(s)).toBe(true);
      else for (const s of scopes) expect(isCurrentUserScope(s)).toBe(false);
    }), { numRuns: 1000 });
  });

  it('a secret-returning (privileged) scope is chosen only for an endpoint that accepts nothing else', () => {
    fc.assert(fc.property(selection, kind, (ops, k) => {
      const result = resolveRequiredScopes(managementApi, ops, k);
      for (const s of result.scopes.filter((scope) => PRIVILEGED_SCOPES.has(scope))) {
        const needs = result.operations.some((r) => r.status === 'satisfied' && usable(managementApi, r.operation, k).every((a) => a.some((x) => PRIVILEGED_SCOPES.has(x))) && r.chosen?.includes(s));
        expect(needs).toBe(true);
      }
    }), { numRuns: 1000 });
  });
});
