import { createHash } from 'node:crypto';
import type { BearerCheck } from './bearer-token';

/**
 * Whose bucket a request takes from: the client and the user its verified token names (`azp`, `sub`), so that the
 * header's spelling (`bearer`, extra spaces) or a freshly minted token of the same client never buys a new bucket.
 * Every request without a token the tenant accepts shares one bucket.
 */
export function rateLimitKey(check: BearerCheck): string {
  if (!check.ok) return 'unverified';
  const { azp, sub, client_id: clientId } = check.claims;
  return JSON.stringify(['verified', typeof azp === 'string' ? azp : typeof clientId === 'string' ? clientId : null, sub ?? null]);
}

/**
 * The demo Management API's burst limit, per client and user: a bucket of `burstLimitCapacity` requests that refills at
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

  /** Takes one request from the bucket of `bucketKey` (kept only as a fingerprint). */
  take(bucketKey: string, nowMs = Date.now()): RateLimitState {
    const key = createHash('sha256').update(bucketKey).digest('base64url');
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
