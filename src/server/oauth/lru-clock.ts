import type { Perf } from 'lru-cache';

/**
 * An injected clock (ms) as lru-cache's `perf`. Shifted by 1 ms: lru-cache takes an entry stored at time 0 for one
 * without a TTL, and tests start their clocks at 0. Use it with `ttlResolution: 0`, so that the clock is read on
 * every check and a test can move time.
 */
export const lruClock = (now: () => number): Perf => ({ now: () => now() + 1 });
