import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeToken } from './decode';
import type { DecodeResult, MalformedToken } from './decode';
import { RFC7515_A1, RFC7515_A4 } from './fixtures/rfc-vectors';

const b64 = (value: unknown) => base64url.encode(typeof value === 'string' ? value : JSON.stringify(value));
const malformed = (result: DecodeResult): MalformedToken => {
  if (result.kind !== 'malformed') throw new Error(`expected malformed, got ${result.kind}`);
  return result;
};

describe('decodeToken: well-formed tokens', () => {
  it('decodes RFC 7515 A.1 without checking anything', () => {
    const result = decodeToken(RFC7515_A1.token);
    expect(result.kind).toBe('jws');
    if (result.kind !== 'jws') return;
    expect(result.unverified).toBe(true);
    expect(result.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(result.claims).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(result.signature).toHaveLength(32);
  });

  it('shows a non-JSON payload as text (RFC 7515 A.4)', () => {
    const result = decodeToken(RFC7515_A4.token);
    expect(result.kind === 'jws' && result.payload).toEqual({ kind: 'text', text: 'Payload' });
    expect(result.kind === 'jws' && result.claims).toBeUndefined();
  });

  it('shows a binary payload as base64url', () => {
    const token = `${b64({ alg: 'HS256' })}.${base64url.encode(new Uint8Array([0xff, 0x00, 0x81]))}.${'A'.repeat(43)}`;
    const result = decodeToken(token);
    expect(result.kind === 'jws' && result.payload).toMatchObject({ kind: 'binary', byteLength: 3 });
  });

  it('recognises a JWE by its five segments and decodes its protected header', () => {
    const token = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXYtaXYtaXYtaXY.Y2lwaGVy.dGFnLXRhZy10YWctdGFn`;
    const result = decodeToken(token);
    expect(result.kind).toBe('jwe');
    expect(result.kind === 'jwe' && result.header).toEqual({ alg: 'dir', enc: 'A256GCM' });
  });

  it('calls a dotless string an opaque token', () => {
    expect(decodeToken('8xLOxBtZp8').kind).toBe('opaque');
  });
});

describe('decodeToken: malformed tokens say what and where', () => {
  const [h, p, s] = RFC7515_A1.token.split('.') as [string, string, string];

  it('rejects "=" padding in the signature with its position', () => {
    const result = malformed(decodeToken(`${h}.${p}.${s}=`));
    expect(result.error.location).toMatchObject({ segment: 2, segmentName: 'signature', positionInSegment: s.length + 1, positionInToken: h.length + p.length + s.length + 3 });
    expect(result.error.message).toMatch(/padding/);
    expect(result.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(result.claims).toMatchObject({ iss: 'joe' });
  });

  it('rejects standard-base64 "+" and "/" characters', () => {
    const plus = malformed(decodeToken(`${h}.${p}.${s.replace('-', '+')}`));
    expect(plus.error.message).toMatch(/standard base64/);
    expect(plus.error.location?.positionInSegment).toBe(s.indexOf('-') + 1);
    expect(malformed(decodeToken(`${h}.${p.slice(0, 4)}/${p.slice(5)}.${s}`)).error.location?.segmentName).toBe('payload');
  });

  it('rejects an impossible segment length', () => {
    expect(malformed(decodeToken(`${h}.${p}.${s}AA`)).error.message).toMatch(/no base64url encoding has that length/);
  });

  it('rejects a non-canonical last character', () => {
    // "dBjf…jXk" ends in k (36 = 100100b): 43 chars leave 2 unused bits, which must be zero. "l" (37) sets one.
    expect(malformed(decodeToken(`${h}.${p}.${s.slice(0, -1)}l`)).error.message).toMatch(/non-canonical/);
  });

  it('rejects a wrong number of segments, and hints at the trailing dot', () => {
    expect(malformed(decodeToken(`${h}.${p}`)).error.message).toMatch(/trailing dot/);
    const four = malformed(decodeToken(`${h}.${p}.${s}.x`));
    expect(four.error.message).toMatch(/4 dot-separated segments/);
    expect(four.header).toMatchObject({ alg: 'HS256' });
  });

  it('rejects a header that is not JSON, not an object, or has no alg', () => {
    expect(malformed(decodeToken(`${b64('{"alg":')}.${p}.${s}`)).error.message).toMatch(/not valid JSON.*line 1, column 8/);
    expect(malformed(decodeToken(`${b64('[1]')}.${p}.${s}`)).error.message).toMatch(/JSON object/);
    expect(malformed(decodeToken(`${b64({ typ: 'JWT' })}.${p}.${s}`)).error.message).toMatch(/"alg"/);
    expect(malformed(decodeToken(`.${p}.${s}`)).error.message).toMatch(/empty/);
  });

  it('rejects duplicate header parameters and duplicate claims', () => {
    expect(malformed(decodeToken(`${b64('{"alg":"HS256","alg":"none"}')}.${p}.${s}`)).error.message).toMatch(/repeats "alg"/);
    expect(malformed(decodeToken(`${h}.${b64('{"sub":"a","sub":"b"}')}.${s}`)).error.location?.segmentName).toBe('payload');
  });

  it('rejects a header that is not UTF-8', () => {
    expect(malformed(decodeToken(`${base64url.encode(new Uint8Array([0x7b, 0xff, 0x7d]))}.${p}.${s}`)).error.message).toMatch(/UTF-8/);
  });

  it('rejects invalid crit values (RFC 7515 §4.1.11)', () => {
    for (const header of [{ alg: 'HS256', crit: [] }, { alg: 'HS256', crit: ['alg'] }, { alg: 'HS256', crit: ['missing'] }, { alg: 'HS256', crit: 'x' }]) {
      expect(decodeToken(`${b64(header)}.${p}.${s}`).kind).toBe('malformed');
    }
  });

  it('checks the JWE encrypted-key segment against "alg"', () => {
    expect(decodeToken(`${b64({ alg: 'dir', enc: 'A256GCM' })}.ZWs.aXY.Y2k.dGFn`).kind).toBe('malformed');
    expect(decodeToken(`${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}..aXY.Y2k.dGFn`).kind).toBe('malformed');
    expect(decodeToken(`${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.ZWs.aXY.Y2k.dGFn`).kind).toBe('jwe');
  });

  it('rejects a JWE header without "enc"', () => {
    expect(decodeToken(`${b64({ alg: 'dir' })}..aXY.Y2k.dGFn`).kind).toBe('malformed');
  });
});
