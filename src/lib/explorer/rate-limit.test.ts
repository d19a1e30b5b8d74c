import { describe, expect, it } from 'vitest';
import { describeRateLimit, readRateLimit } from './rate-limit';

const now = new Date('2025-06-01T12:00:00Z');
const epoch = now.getTime() / 1000;

describe('readRateLimit', () => {
  it('reads the three headers, reset in epoch seconds, whatever the header case', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': String(epoch + 42) }, now)).toEqual({ limit: 10, remaining: 9, resetAt: epoch + 42 });
    expect(readRateLimit({ 'X-RateLimit-Limit': '50', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(epoch + 1) }, now)).toEqual({ limit: 50, remaining: 0, resetAt: epoch + 1 });
  });

  it('reads a small reset value as seconds from now', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '30' }, now)?.resetAt).toBe(epoch + 30);
  });

  it('gives null when a header is missing or not a number', () => {
    expect(readRateLimit({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '9' }, now)).toBeNull();
    expect(readRateLimit({ 'x-ratelimit-limit': 'ten', 'x-ratelimit-remaining': '9', 'x-ratelimit-reset': '1' }, now)).toBeNull();
    expect(readRateLimit({}, now)).toBeNull();
  });
});

describe('describeRateLimit', () => {
  it('says how many calls are left and when the bucket refills', () => {
    expect(describeRateLimit({ limit: 10, remaining: 9, resetAt: epoch + 42 }, now)).toBe('9 of 10 left, resets in 42 s');
    expect(describeRateLimit({ limit: 10, remaining: 0, resetAt: epoch + 125 }, now)).toBe('0 of 10 left, resets in 2 min 5 s');
    expect(describeRateLimit({ limit: 10, remaining: 0, resetAt: epoch - 5 }, now)).toBe('0 of 10 left, reset 5 s ago');
    expect(describeRateLimit({ limit: 10, remaining: 10, resetAt: epoch }, now)).toBe('10 of 10 left, resets now');
  });
});
