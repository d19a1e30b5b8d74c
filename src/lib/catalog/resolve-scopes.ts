import { isCurrentUserScope } from './api-model';
import type { ApiDefinition, ApiOperation, TokenKind } from './api-model';
import { alternativeServes, intendedReach, intentsFor } from './scope-reach';
import { PRIVILEGED_SCOPES } from './scope-notes';

/** Why an alternative cannot be used with a token kind. */
export type AlternativeBlock =
  /** User tokens for this API can only carry its user-context scopes; the AS silently drops the rest. */
  | 'not-grantable-to-users'
  /** `*:current_user*` scopes act on the token's own user: a client-credentials token has none. */
  | 'needs-user-token';

export type OperationStatus = 'satisfied' | 'no-scope-needed' | 'unavailable';

export interface OperationResolution {
  operation: ApiOperation;
  status: OperationStatus;
  /** The alternative the resolved scope set uses for this operation. */
  chosen: readonly string[] | null;
  /** Why each blocked alternative cannot be used with this token kind, by alternative index. */
  blocked: ReadonlyMap<number, AlternativeBlock>;
  /** For an unavailable operation: the token kind that can call it. */
  fix: TokenKind | null;
}

export interface ScopeResolution {
  kind: TokenKind;
  /** Scopes the user asked for explicitly and that this token kind can carry; always part of `scopes`. */
  requested: string[];
  /** Asked-for scopes this token kind cannot carry, and why. */
  refused: { scope: string; block: AlternativeBlock }[];
  /** Least-privilege scopes, sorted by name. */
  scopes: string[];
  scopeString: string;
  operations: OperationResolution[];
  unavailable: OperationResolution[];
  /** False when the search hit its bound and returned the best set found so far. */
  exact: boolean;
}

export interface ResolveOptions {
  /** Bound on the exact search, in explored branches. */
  maxBranches?: number;
  /**
   * Scopes the user asks for on purpose (say read:user_idp_tokens, to get IdP tokens back).
   * They are always included, and they satisfy the endpoints they can.
   */
  requested?: readonly string[];
  /**
   * What each endpoint's call must be able to do: intent keys (`intentsFor`) by operation id. When given, even empty,
   * an endpoint with no entry gets its broadest usable reach, so the scope works for any body. Left out, only the
   * scope check counts (the explorer, which knows the body it sends).
   */
  intents?: ReadonlyMap<string, string>;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Why `alternative` cannot be used with `kind` on `api`, or null when it can. */
export function alternativeBlock(api: ApiDefinition, alternative: readonly string[], kind: TokenKind): AlternativeBlock | null {
  if (kind === 'user' && api.userGrantableScopes && alternative.some((s) => !api.userGrantableScopes?.has(s))) {
    return 'not-grantable-to-users';
  }
  if (kind === 'm2m' && api.kind === 'auth0-management' && alternative.some(isCurrentUserScope)) return 'needs-user-token';
  return null;
}

const breadthCache = new WeakMap<ApiDefinition, Map<string, number>>();

/** How many operations of the API accept each scope: fewer means narrower. */
export function scopeBreadth(api: ApiDefinition): ReadonlyMap<string, number> {
  let breadth = breadthCache.get(api);
  if (!breadth) {
    breadth = new Map();
    for (const op of api.operations) {
      for (const scope of new Set(op.alternatives.flat())) breadth.set(scope, (breadth.get(scope) ?? 0) + 1);
    }
    breadthCache.set(api, breadth);
  }
  return breadth;
}

/**
 * A cost that orders scope sets: fewer scopes, then fewer privileged, then reads over writes, then narrower,
 * then scopes the API declares over ones only its docs mention, then by name.
 */
type Cost = [size: number, privileged: number, writes: number, breadth: number, undeclared: number, names: string];

function costOf(scopes: ReadonlySet<string>, api: ApiDefinition, breadth: ReadonlyMap<string, number>): Cost {
  let privileged = 0;
  let writes = 0;
  let total = 0;
  let undeclared = 0;
  for (const scope of scopes) {
    if (PRIVILEGED_SCOPES.has(scope)) privileged += 1;
    if (!scope.startsWith('read:')) writes += 1;
    if (!api.scopeDescriptions.has(scope)) undeclared += 1;
    total += breadth.get(scope) ?? 0;
  }
  return [scopes.size, privileged, writes, total, undeclared, [...scopes].sort(byString).join(' ')];
}

function compareCost(a: Cost, b: Cost): number {
  for (let i = 0; i < 5; i += 1) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return byString(a[5], b[5]);
}

const covers = (set: ReadonlySet<string>, alternative: readonly string[]) => alternative.every((s) => set.has(s));

/**
 * The least-privilege scope set for a selection: the smallest set such that every selected operation
 * has at least one alternative fully inside it. Ties prefer fewer privileged scopes, reads, and narrower scopes.
 * Exact branch-and-bound search, bounded by `maxBranches`.
 */
export function resolveRequiredScopes(
  api: ApiDefinition,
  operations: readonly ApiOperation[],
  kind: TokenKind,
  { maxBranches = 20_000, requested = [], intents }: ResolveOptions = {},
): ScopeResolution {
  const breadth = scopeBreadth(api);
  const refused: ScopeResolution['refused'] = [];
  const granted: string[] = [];
  for (const scope of new Set(requested)) {
    const block = alternativeBlock(api, [scope], kind);
    if (block) refused.push({ scope, block });
    else granted.push(scope);
  }
  const preference = (alternative: readonly string[]) => costOf(new Set(alternative), api, breadth);

  interface Pending {
    operation: ApiOperation;
    blocked: Map<number, AlternativeBlock>;
    /** Every alternative the token kind can use: any of them, once held, satisfies the operation. */
    usable: (readonly string[])[];
    /** The alternatives the search may add, most preferred first. */
    candidates: (readonly string[])[];
  }
  const pending: Pending[] = [];
  const settled: OperationResolution[] = [];

  for (const operation of operations) {
    const blocked = new Map<number, AlternativeBlock>();
    const usable: (readonly string[])[] = [];
    operation.alternatives.forEach((alternative, index) => {
      const block = alternativeBlock(api, alternative, kind);
      if (block) blocked.set(index, block);
      else usable.push(alternative);
    });
    if (intents) {
      // Only the alternatives that do all the intent asks satisfy the endpoint.
      const reach = intendedReach(intentsFor(api, operation, (alt) => alternativeBlock(api, alt, kind) === null), intents.get(operation.id));
      const serving = usable.filter((alt) => alt.length === 0 || alternativeServes(api, alt, reach));
      usable.splice(0, usable.length, ...serving);
    }
    if (operation.alternatives.length === 0 || usable.some((a) => a.length === 0)) {
      settled.push({ operation, status: 'no-scope-needed', chosen: [], blocked, fix: null });
    } else if (usable.length === 0) {
      settled.push({ operation, status: 'unavailable', chosen: null, blocked, fix: kind === 'user' ? 'm2m' : 'user' });
    } else {
      // Secrets-returning scopes only when the endpoint accepts nothing else.
      const safe = usable.filter((a) => !a.some((s) => PRIVILEGED_SCOPES.has(s)));
      const candidates = (safe.length > 0 ? safe : usable).slice().sort((a, b) => compareCost(preference(a), preference(b)));
      pending.push({ operation, blocked, usable, candidates });
    }
  }

  const isCovered = (set: ReadonlySet<string>, item: Pending) => item.usable.some((a) => covers(set, a));
  // Greedy seed: the requested scopes, then each operation's preferred alternative unless already covered.
  let best = new Set<string>(granted);
  for (const item of pending) {
    if (!isCovered(best, item)) for (const s of item.candidates[0] ?? []) best.add(s);
  }
  let bestCost = costOf(best, api, breadth);
  let branches = 0;
  let exact = true;

  const search = (chosen: Set<string>) => {
    if (branches >= maxBranches) {
      exact = false;
      return;
    }
    branches += 1;
    if (chosen.size > bestCost[0]) return;
    let next: Pending | undefined;
    for (const item of pending) {
      if (isCovered(chosen, item)) continue;
      if (!next || item.candidates.length < next.candidates.length) next = item;
    }
    if (!next) {
      const cost = costOf(chosen, api, breadth);
      if (compareCost(cost, bestCost) < 0) {
        best = new Set(chosen);
        bestCost = cost;
      }
      return;
    }
    for (const alternative of next.candidates) {
      const grown = new Set(chosen);
      for (const s of alternative) grown.add(s);
      if (grown.size <= bestCost[0]) search(grown);
    }
  };
  search(new Set(granted));

  const resolved: OperationResolution[] = pending.map(({ operation, blocked, usable, candidates }) => ({
    operation,
    status: 'satisfied',
    chosen: candidates.find((a) => covers(best, a)) ?? usable.find((a) => covers(best, a)) ?? null,
    blocked,
    fix: null,
  }));
  const byOperation = new Map([...settled, ...resolved].map((r) => [r.operation.id, r]));
  const ordered = operations.map((op) => byOperation.get(op.id)).filter((r): r is OperationResolution => r !== undefined);
  const scopes = [...best].sort(byString);
  return {
    kind,
    requested: granted,
    refused,
    scopes,
    scopeString: scopes.join(' '),
    operations: ordered,
    unavailable: ordered.filter((r) => r.status === 'unavailable'),
    exact,
  };
}
