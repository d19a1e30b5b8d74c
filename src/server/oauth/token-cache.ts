import { LRUCache } from 'lru-cache';
import { splitScope } from '../../lib/oauth/scope';
import { lruClock } from './lru-clock';

/** Tokens are handed out from the cache until this long before they expire, so a caller never gets one about to die. */
const tokenRefreshMarginMs = 60_000;
/** No answer is kept longer than Auth0's default token lifetime, whatever `expires_in` says (absurd values included). */
export const maxTokenCacheTtlMs = 24 * 60 * 60_000;
/** Kept answers at most; the least recently used goes first. */
const maxTokenCacheEntries = 500;
/** An answer larger than this is handed out but never kept: real token responses are a few KB. */
export const maxTokenCacheEntryBytes = 64 * 1024;
/** All kept answers together: the least recently used go first beyond it. */
export const maxTokenCacheBytes = 8 * 1024 * 1024;

interface TokenCacheLimits {
  maxEntries?: number;
  maxTtlMs?: number;
  maxEntryBytes?: number;
  maxTotalBytes?: number;
}

interface Kept<T> {
  value: T;
  /** When the value stops being served (ms). */
  until: number;
}

/** A kept value's size in bytes, as its JSON. */
const jsonBytes = (kept: Kept<unknown>) => Buffer.byteLength(JSON.stringify(kept.value) ?? '', 'utf8') || 1;

/**
 * Client-credentials responses per (profile, audience, scope), kept until 60 s before expiry and for 24 h at most:
 * the "fetch a new token every 24 hours" process that Auth0 recommends, so that machine clients don't burn their
 * token quota. Concurrent asks for the same key share one upstream request; failures, tokens without `expires_in`
 * and answers over 64 KB are not kept. An LRU cache (lru-cache) bounds what is kept: a TTL per entry, 500 entries
 * and 8 MB in all, so that an authorization server answering with huge, long-lived tokens cannot grow the server.
 */
export function createTokenCache<T>(now: () => number = Date.now, limits: TokenCacheLimits = {}) {
  const maxTtlMs = limits.maxTtlMs ?? maxTokenCacheTtlMs;
  const kept = new LRUCache<string, Kept<T>>({
    max: limits.maxEntries ?? maxTokenCacheEntries,
    maxSize: limits.maxTotalBytes ?? maxTokenCacheBytes,
    maxEntrySize: limits.maxEntryBytes ?? maxTokenCacheEntryBytes,
    sizeCalculation: jsonBytes,
    perf: lruClock(now),
    ttlResolution: 0,
  });
  const inFlight = new Map<string, Promise<Kept<T> | { value: T; until: undefined }>>();

  async function obtainAndKeep(key: string, obtain: () => Promise<{ value: T; expiresAt: number | undefined }>) {
    const { value, expiresAt } = await obtain();
    const at = now();
    const until = expiresAt === undefined ? undefined : Math.min(Number.isFinite(expiresAt) ? expiresAt - tokenRefreshMarginMs : Infinity, at + maxTtlMs);
    if (until === undefined || Number.isNaN(until) || until <= at) return { value, until: undefined };
    // Expired entries go first, so that they never push out live ones; an oversize value is not stored.
    kept.purgeStale();
    kept.set(key, { value, until }, { ttl: until - at });
    return { value, until: kept.has(key) ? until : undefined };
  }

  return {
    /** Drops every kept value that `matches` (a token that was revoked must not be handed out again). */
    forget(matches: (value: T) => boolean): void {
      for (const [key, entry] of kept.entries()) {
        if (matches(entry.value)) kept.delete(key);
      }
    },

    /** How many keys are kept or in flight. */
    get size(): number {
      return kept.size + [...inFlight.keys()].filter((key) => !kept.has(key)).length;
    },

    /** The bytes that the kept values take, as counted against the total. */
    get bytes(): number {
      return kept.calculatedSize;
    },

    /** The cached value for `key` with `cached: true`, or the result of `obtain` (kept while `expiresAt` allows). */
    async get(key: string, obtain: () => Promise<{ value: T; expiresAt: number | undefined }>): Promise<{ value: T; cached: boolean; cachedUntil: number | null }> {
      const hit = kept.get(key);
      // lru-cache keeps an entry through its last millisecond; a token is not handed out at `until` itself.
      if (hit && now() < hit.until) return { value: hit.value, cached: true, cachedUntil: hit.until };
      const shared = inFlight.get(key);
      if (shared) {
        const { value, until } = await shared;
        return { value, cached: true, cachedUntil: until ?? null };
      }
      const pending = obtainAndKeep(key, obtain);
      inFlight.set(key, pending);
      try {
        const { value, until } = await pending;
        return { value, cached: false, cachedUntil: until ?? null };
      } finally {
        inFlight.delete(key);
      }
    },
  };
}

/** The cache key: the scope as a set (order and repeats don't make a different token), and the extra parameters by name. */
export function tokenCacheKey(profileId: string, audience: string | undefined, scope: string | undefined, params: Readonly<Record<string, string>> = {}): string {
  const scopes = splitScope(scope).sort();
  const extra = Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([profileId, audience ?? null, scopes, ...(extra.length ? [extra] : [])]);
}
