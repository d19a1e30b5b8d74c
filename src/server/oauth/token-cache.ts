import { splitScope } from '../../lib/oauth/scope';

/** Tokens are handed out from the cache until this long before they expire, so a caller never gets one about to die. */
export const tokenRefreshMarginMs = 60_000;
/** No answer is kept longer than Auth0's default token lifetime, whatever `expires_in` says (absurd values included). */
export const maxTokenCacheTtlMs = 24 * 60 * 60_000;
/** Kept answers at most; the oldest goes first. */
export const maxTokenCacheEntries = 500;

interface Entry<T> {
  value: Promise<T>;
  /** When the cached value stops being served (ms), or undefined while the request is in flight. */
  until?: number;
}

/**
 * Client-credentials responses per (profile, audience, scope), kept until 60 s before expiry and for 24 h at most:
 * the "fetch a new token every 24 hours" process that Auth0 recommends, so that machine clients don't burn their
 * token quota. Concurrent asks for the same key share one upstream request; failures and tokens without
 * `expires_in` are not kept. Expired entries are swept, and at most 500 kept (oldest evicted).
 */
export function createTokenCache<T>(now: () => number = Date.now, limits: { maxEntries?: number; maxTtlMs?: number } = {}) {
  const maxEntries = limits.maxEntries ?? maxTokenCacheEntries;
  const maxTtlMs = limits.maxTtlMs ?? maxTokenCacheTtlMs;
  const entries = new Map<string, Entry<T>>();
  const settled = new Map<string, T>();

  const drop = (key: string) => {
    entries.delete(key);
    settled.delete(key);
  };
  const expired = (entry: Entry<T>, at: number) => entry.until !== undefined && at >= entry.until;

  /** Drops every expired entry, then the oldest ones until there is room for one more. */
  function makeRoom(): void {
    const at = now();
    for (const [key, entry] of entries) {
      if (expired(entry, at)) drop(key);
    }
    for (const key of entries.keys()) {
      if (entries.size < maxEntries) break;
      drop(key);
    }
  }

  return {
    /** Drops every kept value that `matches` (a token that was revoked must not be handed out again). */
    forget(matches: (value: T) => boolean): void {
      for (const [key, value] of settled) {
        if (matches(value)) drop(key);
      }
    },

    /** How many keys are kept or in flight. */
    get size(): number {
      return entries.size;
    },

    /** The cached value for `key` with `cached: true`, or the result of `obtain` (kept while `expiresAt` allows). */
    async get(key: string, obtain: () => Promise<{ value: T; expiresAt: number | undefined }>): Promise<{ value: T; cached: boolean; cachedUntil: number | null }> {
      const entry = entries.get(key);
      if (entry && !expired(entry, now())) {
        const value = await entry.value;
        const settledEntry = entries.get(key);
        return { value, cached: true, cachedUntil: settledEntry?.until ?? null };
      }
      if (entry) drop(key);
      makeRoom();
      const pending = obtain();
      const fresh: Entry<T> = { value: pending.then((r) => r.value) };
      // Waiters see the failure through their own await; this copy must not count as unhandled.
      fresh.value.catch(() => {});
      entries.set(key, fresh);
      try {
        const { value, expiresAt } = await pending;
        const at = now();
        const until = expiresAt === undefined ? undefined : Math.min(Number.isFinite(expiresAt) ? expiresAt - tokenRefreshMarginMs : Infinity, at + maxTtlMs);
        if (until === undefined || Number.isNaN(until) || until <= at) {
          if (entries.get(key) === fresh) entries.delete(key);
          return { value, cached: false, cachedUntil: null };
        }
        if (entries.get(key) !== fresh) return { value, cached: false, cachedUntil: null };
        fresh.until = until;
        settled.set(key, value);
        return { value, cached: false, cachedUntil: until };
      } catch (error) {
        if (entries.get(key) === fresh) entries.delete(key);
        throw error;
      }
    },
  };
}

/** The cache key: the scope as a set (order and repeats don't make a different token). */
export function tokenCacheKey(profileId: string, audience: string | undefined, scope: string | undefined): string {
  const scopes = splitScope(scope).sort();
  return JSON.stringify([profileId, audience ?? null, scopes]);
}
