import { describe, expect, it } from 'vitest';
import { buildTimeline, humanizeDuration, relativeTime, tokenValidity } from './time';

const NOW = 1_700_000_000;

describe('time', () => {
  it('humanizes durations with the two largest units', () => {
    expect(humanizeDuration(3 * 3600 + 12 * 60 + 5)).toBe('3 h 12 min');
    expect(humanizeDuration(2 * 86400 + 4 * 3600)).toBe('2 d 4 h');
    expect(humanizeDuration(45)).toBe('45 s');
    expect(relativeTime(NOW + 11520, NOW)).toBe('in 3 h 12 min');
    expect(relativeTime(NOW - 90, NOW)).toBe('1 min 30 s ago');
  });

  it('says Valid now, Expired, Not yet valid or No expiry', () => {
    expect(tokenValidity({ exp: NOW + 11520 }, NOW).text).toMatch(/^Valid now: expires in 3 h 12 min \(at 2023-11-1/);
    expect(tokenValidity({ exp: NOW - 60 }, NOW).text).toMatch(/^Expired 1 min ago/);
    expect(tokenValidity({ exp: NOW }, NOW).kind).toBe('expired');
    expect(tokenValidity({ nbf: NOW + 300, exp: NOW + 600 }, NOW).text).toMatch(/^Not yet valid: becomes valid in 5 min/);
    expect(tokenValidity({ sub: 'x' }, NOW).text).toMatch(/^No expiry/);
    expect(tokenValidity({ exp: '2030-01-01' }, NOW).text).toMatch(/^No expiry: "exp" is "2030-01-01", not a NumericDate/);
  });

  it('applies clock tolerance', () => {
    expect(tokenValidity({ exp: NOW - 20 }, NOW, 30).kind).toBe('valid');
    expect(tokenValidity({ nbf: NOW + 20 }, NOW, 30).kind).toBe('no-expiry');
  });

  it('places time claims and now on a timeline', () => {
    const timeline = buildTimeline({ exp: NOW + 100, iat: NOW - 100, nbf: NOW - 100, auth_time: NOW - 200, sub: 'x' }, NOW);
    expect(timeline?.points.map((p) => p.claims)).toEqual([['auth_time'], ['iat', 'nbf'], ['exp']]);
    // 30 s padding each side: the axis runs from NOW - 230 to NOW + 130.
    expect(timeline?.nowPosition).toBeCloseTo(230 / 360);
    expect(buildTimeline({ sub: 'x' }, NOW)).toBeUndefined();
  });
});
