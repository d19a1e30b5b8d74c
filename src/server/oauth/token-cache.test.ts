import { describe, expect, it } from 'vitest';
import { createTokenCache, maxTokenCacheBytes, maxTokenCacheEntryBytes, maxTokenCacheTtlMs, tokenCacheKey } from './token-cache';

describe('token cache', () => {
  it('shares one upstream request between concurrent asks for the same key', async () => {
    const cache = createTokenCache<string>(() => 0);
    let calls = 0;
    const obtain = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { value: `token-${calls}`, expiresAt: 3_600_000 };
    };
    const [a, b] = await Promise.all([cache.get('k', obtain), cache.get('k', obtain)]);
    expect(calls).toBe(1);
    expect(a).toEqual({ value: 'token-1', cached: false, cachedUntil: 3_540_000 });
    expect(b).toEqual({ value: 'token-1', cached: true, cachedUntil: 3_540_000 });
  });

  it('does not keep a token without an expiry, or one that expires within the margin', async () => {
    const cache = createTokenCache<string>(() => 0);
    let calls = 0;
    const noExpiry = async () => ({ value: `t${(calls += 1)}`, expiresAt: undefined });
    await cache.get('a', noExpiry);
    expect((await cache.get('a', noExpiry)).cached).toBe(false);
    const shortLived = async () => ({ value: `t${(calls += 1)}`, expiresAt: 30_000 });
    await cache.get('b', shortLived);
    expect((await cache.get('b', shortLived)).cached).toBe(false);
  });

  it('forgets a kept value on request, and obtains a new one next time', async () => {
    const cache = createTokenCache<string>(() => 0);
    let calls = 0;
    const obtain = async () => ({ value: `t${(calls += 1)}`, expiresAt: 3_600_000 });
    await cache.get('k', obtain);
    cache.forget((value) => value === 't1');
    expect(await cache.get('k', obtain)).toMatchObject({ value: 't2', cached: false });
  });

  it('keeps nothing longer than 24 h, whatever the expiry (an absurd one included)', async () => {
    const cache = createTokenCache<string>(() => 0);
    for (const expiresAt of [1e308 * 1000, 10 * 86_400_000, Number.NaN]) {
      expect(await cache.get(String(expiresAt), async () => ({ value: 'v', expiresAt }))).toMatchObject({ cachedUntil: 86_400_000 });
    }
  });

  it('sweeps expired entries and keeps at most maxEntries, evicting the least recently used', async () => {
    let now = 0;
    const cache = createTokenCache<string>(() => now, { maxEntries: 3 });
    let calls = 0;
    const obtain = (lifetime: number) => async () => ({ value: `t${(calls += 1)}`, expiresAt: now + lifetime });
    await cache.get('short-1', obtain(120_000));
    await cache.get('short-2', obtain(120_000));
    await cache.get('long', obtain(3_600_000));
    expect(cache.size).toBe(3);
    now = 61_000;
    await cache.get('new', obtain(3_600_000));
    expect(cache.size).toBe(2);
    await cache.get('newer', obtain(3_600_000));
    await cache.get('newest', obtain(3_600_000));
    expect(cache.size).toBe(3);
    const before = calls;
    expect(await cache.get('long', obtain(3_600_000))).toMatchObject({ cached: false });
    expect(await cache.get('newest', obtain(3_600_000))).toMatchObject({ cached: true });
    expect(calls).toBe(before + 1);
  });

  it('hands out an oversize answer but never keeps it (a huge, day-long token must not grow memory)', async () => {
    const cache = createTokenCache<string>(() => 0);
    let calls = 0;
    const huge = async () => ({ value: `${(calls += 1)}${'x'.repeat(maxTokenCacheEntryBytes)}`, expiresAt: maxTokenCacheTtlMs });
    expect(await cache.get('huge', huge)).toMatchObject({ cached: false, cachedUntil: null });
    expect(await cache.get('huge', huge)).toMatchObject({ cached: false, cachedUntil: null });
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('keeps the total size under maxTotalBytes, evicting the least recently used', async () => {
    const cache = createTokenCache<string>(() => 0, { maxTotalBytes: 100_000 });
    const answer = (key: string) => async () => ({ value: `${key}${'x'.repeat(30_000)}`, expiresAt: maxTokenCacheTtlMs });
    for (const key of ['a', 'b', 'c', 'd', 'e']) await cache.get(key, answer(key));
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBe(3);
    expect(await cache.get('a', answer('a'))).toMatchObject({ cached: false });
    expect(await cache.get('e', answer('e'))).toMatchObject({ cached: true });
  });

  it('is bounded to 8 MB by default, with at most 64 KB per answer', () => {
    expect(maxTokenCacheBytes).toBe(8 * 1024 * 1024);
    expect(maxTokenCacheEntryBytes).toBe(64 * 1024);
  });

  it('keys by profile, audience and the scope as a set', () => {
    expect(tokenCacheKey('p', 'https://api/', 'b a a')).toBe(tokenCacheKey('p', 'https://api/', 'a b'));
    expect(tokenCacheKey('p', 'https://api/', 'a')).not.toBe(tokenCacheKey('p', undefined, 'a'));
    expect(tokenCacheKey('p', undefined, undefined)).not.toBe(tokenCacheKey('q', undefined, undefined));
  });

  it('keys by the extra token parameters too, whatever their order', () => {
    expect(tokenCacheKey('p', 'a', 's', {})).toBe(tokenCacheKey('p', 'a', 's'));
    expect(tokenCacheKey('p', 'a', 's', { user_id: 'alice' })).not.toBe(tokenCacheKey('p', 'a', 's'));
    expect(tokenCacheKey('p', 'a', 's', { user_id: 'alice' })).not.toBe(tokenCacheKey('p', 'a', 's', { user_id: 'bob' }));
    expect(tokenCacheKey('p', 'a', 's', { x: '1', user_id: 'alice' })).toBe(tokenCacheKey('p', 'a', 's', { user_id: 'alice', x: '1' }));
  });
});
