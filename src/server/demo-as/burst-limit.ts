import { createHash } from 'node:crypto';

/**
 * The demo Management API's burst limit, per token: a bucket of `burstLimitCapacity` requests that refills at
 * `burstLimitRefillPerSecond`, as Auth0's rate limits work (a burst, then a steady rate). Small on purpose, so a
 * 429 can be shown: the 11th request within the same half second is refused.
 */
export const burstLimitCapacity = 10;
export const burstLimitRefillPerSecond = 2;

export interface RateLimitState {
  allowed: boolean;
  /** `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (epoch seconds when the bucket is full again). */
  headers: Record<string, string>;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class BurstLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    private readonly capacity = burstLimitCapacity,
    private readonly refillPerSecond = burstLimitRefillPerSecond,
  ) {}

  /** Takes one request from the bucket of `credential` (kept only as a fingerprint, never the token itself). */
  take(credential: string, nowMs = Date.now()): RateLimitState {
    const key = createHash('sha256').update(credential).digest('base64url');
    const previous = this.#buckets.get(key) ?? { tokens: this.capacity, updatedMs: nowMs };
    const refilled = Math.min(this.capacity, previous.tokens + ((nowMs - previous.updatedMs) / 1000) * this.refillPerSecond);
    const allowed = refilled >= 1;
    const tokens = allowed ? refilled - 1 : refilled;
    this.#buckets.set(key, { tokens, updatedMs: nowMs });
    this.#forgetFullBuckets(nowMs);
    const secondsToFull = (this.capacity - tokens) / this.refillPerSecond;
    return {
      allowed,
      headers: {
        'x-ratelimit-limit': String(this.capacity),
        'x-ratelimit-remaining': String(Math.floor(tokens)),
        'x-ratelimit-reset': String(Math.ceil(nowMs / 1000 + secondsToFull)),
      },
    };
  }

  /** Buckets that have refilled carry no state worth keeping. */
  #forgetFullBuckets(nowMs: number) {
    if (this.#buckets.size < 1000) return;
    const fullAfterMs = (this.capacity / this.refillPerSecond) * 1000;
    for (const [key, bucket] of this.#buckets) if (nowMs - bucket.updatedMs > fullAfterMs) this.#buckets.delete(key);
  }
}
