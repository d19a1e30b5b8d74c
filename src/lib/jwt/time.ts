import type { JsonObject } from './decode';

const UNITS: ReadonlyArray<readonly [string, number]> = [['d', 86400], ['h', 3600], ['min', 60], ['s', 1]];

/** "3 h 12 min": the two largest non-zero units. */
export function humanizeDuration(seconds: number): string {
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0 && parts.length < 2) {
      parts.push(`${count} ${unit}`);
      rest -= count * size;
    } else if (parts.length > 0) {
      break;
    }
  }
  return parts.join(' ');
}

/** "in 3 h 12 min" or "3 h 12 min ago". */
export function relativeTime(target: number, now: number): string {
  const delta = target - now;
  if (Math.abs(delta) < 1) return 'now';
  return delta > 0 ? `in ${humanizeDuration(delta)}` : `${humanizeDuration(delta)} ago`;
}

export function isoTime(numericDate: number): string {
  const date = new Date(numericDate * 1000);
  return Number.isNaN(date.getTime()) ? 'not a valid date' : date.toISOString().replace('.000Z', 'Z');
}

export function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export type ValidityKind = 'valid' | 'expired' | 'not-yet-valid' | 'no-expiry';

export interface Validity {
  kind: ValidityKind;
  /** Begins with exactly "Valid now", "Expired", "Not yet valid" or "No expiry". */
  text: string;
}

/** RFC 7519 §4.1.4 / §4.1.5: exp and nbf against now, with a clock tolerance in seconds. */
export function tokenValidity(claims: JsonObject | undefined, now: number, toleranceSeconds = 0): Validity {
  if (!claims) return { kind: 'no-expiry', text: 'No expiry: the payload is not a JWT claims set.' };
  const { exp, nbf } = claims;
  if (isNumericDate(exp) && now - toleranceSeconds >= exp) {
    return { kind: 'expired', text: `Expired ${humanizeDuration(now - exp)} ago (at ${isoTime(exp)}).` };
  }
  if (isNumericDate(nbf) && now + toleranceSeconds < nbf) {
    return { kind: 'not-yet-valid', text: `Not yet valid: becomes valid ${relativeTime(nbf, now)} (at ${isoTime(nbf)}).` };
  }
  if (exp === undefined) return { kind: 'no-expiry', text: 'No expiry: the token has no "exp" claim, so it never expires by itself.' };
  if (!isNumericDate(exp)) return { kind: 'no-expiry', text: `No expiry: "exp" is ${JSON.stringify(exp)}, not a NumericDate (seconds since 1970), so no verifier can enforce it.` };
  return { kind: 'valid', text: `Valid now: expires ${relativeTime(exp, now)} (at ${isoTime(exp)}).` };
}

export const TIMELINE_CLAIMS = ['iat', 'nbf', 'auth_time', 'exp'] as const;

export interface TimelinePoint {
  /** The claims at this instant, e.g. ["iat", "nbf"]. */
  claims: (typeof TIMELINE_CLAIMS)[number][];
  time: number;
  /** 0..1 along the timeline. */
  position: number;
  relative: string;
}

export interface Timeline {
  start: number;
  end: number;
  now: number;
  nowPosition: number;
  points: TimelinePoint[];
}

/** Places iat/nbf/auth_time/exp and "now" (shifted by a clock skew) on one axis. */
export function buildTimeline(claims: JsonObject | undefined, now: number): Timeline | undefined {
  if (!claims) return undefined;
  const present = TIMELINE_CLAIMS.flatMap((claim) => (isNumericDate(claims[claim]) ? [{ claim, time: claims[claim] as number }] : []));
  if (present.length === 0) return undefined;
  const times = [...present.map((p) => p.time), now];
  const min = Math.min(...times);
  const max = Math.max(...times);
  const pad = Math.max((max - min) * 0.05, 30);
  const start = min - pad;
  const end = max + pad;
  const at = (t: number) => (t - start) / (end - start);
  return {
    start, end, now, nowPosition: at(now),
    points: [...new Set(present.map((p) => p.time))]
      .sort((a, b) => a - b)
      .map((time) => ({ claims: present.filter((p) => p.time === time).map((p) => p.claim), time, position: at(time), relative: relativeTime(time, now) })),
  };
}
