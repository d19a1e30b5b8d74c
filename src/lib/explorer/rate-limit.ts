import { relativeTime } from '../jwt/time';
import { headerValue } from './response-headers';

/** Auth0's rate-limit headers on a Management API answer: the bucket size, what is left, and when it refills. */
export interface RateLimit {
  limit: number;
  remaining: number;
  /** Seconds since the epoch. */
  resetAt: number;
}

// Below this, a reset value reads as seconds from now (as draft-ietf-httpapi-ratelimit-headers has it), not as an epoch time.
const EPOCH_THRESHOLD = 1_000_000_000;

const wholeNumber = (value: string | undefined): number | null => (value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : null);

/** Reads `x-ratelimit-limit`, `-remaining` and `-reset` (epoch seconds); null unless all three are numbers. */
export function readRateLimit(headers: Readonly<Record<string, string>>, now: Date = new Date()): RateLimit | null {
  const limit = wholeNumber(headerValue(headers, 'x-ratelimit-limit'));
  const remaining = wholeNumber(headerValue(headers, 'x-ratelimit-remaining'));
  const reset = wholeNumber(headerValue(headers, 'x-ratelimit-reset'));
  if (limit === null || remaining === null || reset === null) return null;
  return { limit, remaining, resetAt: reset < EPOCH_THRESHOLD ? Math.floor(now.getTime() / 1000) + reset : reset };
}

/** "9 of 10 left, resets in 42 s". */
export function describeRateLimit(rate: RateLimit, now: Date = new Date()): string {
  const when = relativeTime(rate.resetAt, now.getTime() / 1000);
  return `${rate.remaining} of ${rate.limit} left, ${when.endsWith(' ago') ? 'reset' : 'resets'} ${when}`;
}
