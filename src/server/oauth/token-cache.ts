/** Tokens are handed out from the cache until this long before they expire, so a caller never gets one about to die. */
export const tokenRefreshMarginMs = 60_000;

interface Entry<T> {
  value: Promise<T>;
  /** When the cached value stops being served (ms), or undefined while the request is in flight. */
  until?: number;
}

/**
 * Client-credentials responses per (profile, audience, scope), kept until 60 s before expiry: the "fetch a new token
 * every 24 hours" process that Auth0 recommends, so that machine clients don't burn their token quota. Concurrent
 * asks for the same key share one upstream request; failures and tokens without `expires_in` are not kept.
 */
export function createTokenCache<T>(now: () => number = Date.now) {
  const entries = new Map<string, Entry<T>>();

  const settled = new Map<string, T>();

  return {
    /** Drops every kept value that `matches` (a token that was revoked must not be handed out again). */
    forget(matches: (value: T) => boolean): void {
      for (const [key, value] of settled) {
        if (matches(value)) {
          settled.delete(key);
          entries.delete(key);
        }
      }
    },

    /** The cached value for `key` with `cached: true`, or the result of `obtain` (kept while `expiresAt` allows). */
    async get(key: string, obtain: () => Promise<{ value: T; expiresAt: number | undefined }>): Promise<{ value: T; cached: boolean; cachedUntil: number | null }> {
      const entry = entries.get(key);
      if (entry && (entry.until === undefined || now() < entry.until)) {
        const value = await entry.value;
        const settled = entries.get(key);
        return { value, cached: true, cachedUntil: settled?.until ?? null };
      }
      const pending = obtain();
      const fresh: Entry<T> = { value: pending.then((r) => r.value) };
      // Waiters see the failure through their own await; this copy must not count as unhandled.
      fresh.value.catch(() => {});
      entries.set(key, fresh);
      try {
        const { value, expiresAt } = await pending;
        const until = expiresAt === undefined ? undefined : expiresAt - tokenRefreshMarginMs;
        if (until === undefined || until <= now()) {
          if (entries.get(key) === fresh) entries.delete(key);
          return { value, cached: false, cachedUntil: null };
        }
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
  const scopes = [...new Set((scope ?? '').split(' ').filter(Boolean))].sort();
  return JSON.stringify([profileId, audience ?? null, scopes]);
}
