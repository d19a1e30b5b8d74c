import fc from 'fast-check';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import type { DecodedJws } from './decode';
import { cleanTokenInput } from './lenient-input';

// Issue 14 §8: properties of the token decoder and of the lenient-input cleaner, over thousands of generated inputs.

const RUNS = { numRuns: 2000 };
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** One character of `chars` (much faster to generate than constantFrom over 65 values). */
const charFrom = (chars: string) => fc.nat(chars.length - 1).map((i) => chars[i] as string);
const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));
/** Strings close to tokens: base64url characters, dots, and now and then a character that does not belong. */
const tokenish = fc.string({ unit: fc.oneof({ weight: 20, arbitrary: charFrom(`${B64URL}.`) }, { weight: 1, arbitrary: charFrom('=+/ {\u00e9') }) });
/** What `JSON.stringify` then `JSON.parse` makes of a value (-0 becomes 0). */
const viaJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const jsonObject = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const header = fc.record({ alg: fc.string({ minLength: 1 }), typ: fc.option(fc.string(), { nil: undefined }), kid: fc.option(fc.string(), { nil: undefined }) }, { requiredKeys: ['alg'] });
/** Tokens as people find them: base64url segments joined by dots. */
const cleanToken = fc.array(fc.string({ unit: charFrom(B64URL), minLength: 1 }), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));

describe('decodeToken properties', { timeout: 30_000 }, () => {
  it('never throws, on any string: every input gives a result object', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), tokenish), (text) => {
      expect(['jws', 'jwe', 'malformed', 'opaque', 'empty']).toContain(decodeToken(text).kind);
    }), RUNS);
  });

  it('never throws on three segments of arbitrary bytes, and every defect position it reports lies inside the token', () => {
    const segment = fc.oneof(fc.uint8Array({ maxLength: 40 }).map((bytes) => base64url.encode(bytes)), tokenish);
    fc.assert(fc.property(segment, segment, segment, (h, p, s) => {
      const token = `${h}.${p}.${s}`;
      const result = decodeToken(token);
      if (result.kind !== 'malformed') return;
      const position = result.error.location?.positionInToken;
      if (position === undefined) return;
      expect(position).toBeGreaterThanOrEqual(1);
      expect(position).toBeLessThanOrEqual(token.length);
    }), RUNS);
  });

  it('round-trips: encoding a JSON header and claims set, then decoding, gives back the same header, claims and signature bytes', () => {
    fc.assert(fc.property(header, jsonObject, fc.uint8Array({ minLength: 1, maxLength: 64 }), (h, claims, signature) => {
      const token = `${encodeJson(h)}.${encodeJson(claims)}.${base64url.encode(signature)}`;
      const decoded = decodeToken(token) as DecodedJws;
      expect(decoded.kind).toBe('jws');
      expect(decoded.unverified).toBe(true);
      expect(decoded.header).toEqual(viaJson(h));
      expect(decoded.headerText).toBe(JSON.stringify(h));
      expect(decoded.claims).toEqual(viaJson(claims));
      expect([...decoded.signature]).toEqual([...signature]);
    }), RUNS);
  });

  it('a payload that is JSON but not an object is kept as JSON with no claims set; any other text is kept as text', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue({ maxDepth: 2 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v)), fc.string()), (payload) => {
      const decoded = decodeToken(`${encodeJson({ alg: 'HS256' })}.${base64url.encode(payload)}.c2ln`);
      if (decoded.kind !== 'jws') return; // control characters make it binary; duplicate names make it malformed
      expect(decoded.claims === undefined || (typeof decoded.claims === 'object' && !Array.isArray(decoded.claims))).toBe(true);
      if (decoded.payload.kind !== 'binary') expect(decoded.payload.text).toBe(payload);
    }), RUNS);
  });
});

describe('cleanTokenInput properties', { timeout: 30_000 }, () => {
  it('never throws on any string, and what it returns holds no whitespace', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(cleanTokenInput(text).token).not.toMatch(/\s/);
    }), RUNS);
  });

  it('a clean token is a fixed point: returned unchanged, with no fixes', () => {
    fc.assert(fc.property(cleanToken, (token) => {
      expect(cleanTokenInput(token)).toEqual({ token, fixes: [] });
    }), RUNS);
  });

  it('whatever people paste around a token (header, Bearer, quotes, URL parameter, line breaks, spaces) is removed, and each removal is reported', () => {
    const wrap = fc.record({
      header: fc.boolean(),
      bearer: fc.constantFrom('', 'Bearer ', 'bearer  ', 'BEARER\t'),
      quote: fc.constantFrom<[string, string]>(['', ''], ['"', '"'], ["'", "'"], ['`', '`'], ['\u201c', '\u201d']),
      param: fc.constantFrom('', '#access_token=', '?id_token=', 'token='),
      breakAt: fc.option(fc.nat(), { nil: undefined }),
      padding: fc.constantFrom('', ' ', '\n\t '),
    });
    fc.assert(fc.property(cleanToken, wrap, (token, w) => {
      const broken = w.breakAt === undefined ? token : `${token.slice(0, w.breakAt % (token.length + 1))}\r\n${token.slice(w.breakAt % (token.length + 1))}`;
      const inner = w.param ? `${w.param}${broken}&state=xyz` : broken;
      const pasted = `${w.padding}${w.header ? 'Authorization: ' : ''}${w.bearer}${w.quote[0]}${inner}${w.quote[1]}${w.padding}`;
      const cleaned = cleanTokenInput(pasted);
      expect(cleaned.token).toBe(token);
      const kinds = cleaned.fixes.map((f) => f.kind);
      if (w.header) expect(kinds).toContain('authorization-header');
      if (w.bearer) expect(kinds).toContain('bearer-prefix');
      if (w.quote[0]) expect(kinds).toContain('quotes');
      if (w.param) expect(kinds).toContain('url-parameter');
      if (pasted === token) expect(kinds).toEqual([]);
    }), RUNS);
  });

  it('regression (found by the property above): a URL parameter whose token is broken across lines', () => {
    const cleaned = cleanTokenInput('token=\r\nA&state=xyz');
    expect(cleaned.token).toBe('A');
    expect(cleaned.fixes.map((f) => f.kind)).toEqual(['url-parameter', 'line-breaks']);
  });
});
