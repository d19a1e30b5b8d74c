import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { explainClaims } from './claims';
import { decodeToken } from './decode';
import type { DecodedJws } from './decode';
import { DEEP_JSON_DEPTH, jsonDepth, stringifyJson } from './deep-json';
import { collectFindings } from './findings';
import { explainHeader } from './header-params';
import { formatJson } from './json-format';
import { parseKeyText } from './keys';
import { readJson } from './json-text';
import { buildShareToken } from './share';
import { signToken } from './sign';
import { tokenValidity } from './time';
import { validateAgainstProfile } from './validation';
import { verifyToken } from './verify';

// Issue 14 §4: 3,000 levels crashed the token editor. Every walk over claims must survive 5,000 (and far more).
const DEPTH = 5000;
const NOW = 1_700_000_000;
const nestedText = (depth: number) => `${'['.repeat(depth - 1)}{"leaf":true}${']'.repeat(depth - 1)}`;
const nestedValue = (depth: number) => JSON.parse(nestedText(depth)) as unknown;
const deepClaimsText = `{"sub":"alice","iss":${nestedText(DEPTH)},"aud":${nestedText(DEPTH)},"exp":${nestedText(DEPTH)},"blob":{"a":${nestedText(DEPTH)}}}`;
const deepToken = `${base64url.encode(`{"alg":"HS256","x":${nestedText(DEPTH)}}`)}.${base64url.encode(deepClaimsText)}.c2ln`;

describe('deep JSON (issue 14 §4)', () => {
  it('jsonDepth counts containers without recursion', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
    expect(jsonDepth(nestedValue(100_000))).toBe(100_000);
  });

  it('stringifyJson equals JSON.stringify where that works, and goes on where it overflows', () => {
    const sample = { a: [1, 'two', null, true, { b: undefined, c: -0.5 }], 'é"\\': {}, d: [undefined] };
    expect(stringifyJson(sample)).toBe(JSON.stringify(sample));
    expect(stringifyJson(undefined)).toBe('undefined');
    const text = `{"k":${nestedText(100_000)}}`;
    expect(stringifyJson(JSON.parse(text))).toBe(text);
  });

  it('readJson scans 100,000 levels and still reports errors and duplicate names at depth', () => {
    expect(readJson(nestedText(100_000)).ok).toBe(true);
    const broken = readJson(`${'['.repeat(DEPTH)}1,]${']'.repeat(DEPTH - 1)}`);
    expect(broken).toMatchObject({ ok: false, message: 'Unexpected character "]", expected a JSON value', line: 1, column: DEPTH + 3 });
    const duplicate = readJson(`${'['.repeat(DEPTH)}{"a":1,"a":2}${']'.repeat(DEPTH)}`);
    expect(duplicate).toMatchObject({ ok: true, duplicateKeys: ['a'] });
  });

  it('decodeToken decodes a 5,000-level header and payload', () => {
    const decoded = decodeToken(deepToken);
    expect(decoded.kind).toBe('jws');
    expect(jsonDepth((decoded as DecodedJws).claims)).toBe(DEPTH + 2); // claims → blob → the nested value
  });

  it('collectFindings reports deep-json for the header and the payload, and the time findings still work', () => {
    const findings = collectFindings({ decoded: decodeToken(deepToken), now: NOW });
    const deep = findings.filter((f) => f.id === 'deep-json');
    expect(deep.map((f) => f.message)).toEqual([
      `The header nests 5,001 levels deep: JSON libraries with a recursion limit reject it or fail on it. The editor stops indenting past level ${DEEP_JSON_DEPTH}.`,
      `The payload nests 5,002 levels deep: JSON libraries with a recursion limit reject it or fail on it. The editor stops indenting past level ${DEEP_JSON_DEPTH}.`,
    ]);
    expect(findings.map((f) => f.id)).toContain('invalid-claim');
    const shallow = `${base64url.encode('{"alg":"HS256"}')}.${base64url.encode(`{"a":${nestedText(DEEP_JSON_DEPTH - 1)}}`)}.c2ln`;
    expect(collectFindings({ decoded: decodeToken(shallow), now: NOW }).map((f) => f.id)).not.toContain('deep-json');
  });

  it('explainClaims and explainHeader render every value as text', () => {
    const decoded = decodeToken(deepToken) as DecodedJws;
    const rows = explainClaims(decoded.claims ?? {}, NOW);
    expect(rows.find((r) => r.name === 'iss')?.valueText).toBe(nestedText(DEPTH));
    expect(explainHeader(decoded.header).find((r) => r.name === 'x')?.valueText).toBe(nestedText(DEPTH));
  });

  it('formatJson pretty-prints 5,000 levels, indenting no further than DEEP_JSON_DEPTH', () => {
    const formatted = formatJson(`{"a":${nestedText(DEPTH)}}`);
    const widest = Math.max(...formatted.split('\n').map((line) => line.length - line.trimStart().length));
    expect(widest).toBe(DEEP_JSON_DEPTH * 2);
    expect(formatted.replace(/\s/g, '')).toBe(`{"a":${nestedText(DEPTH)}}`);
  });

  it('time, validation, verification and signing quote deep values instead of overflowing', async () => {
    const decoded = decodeToken(deepToken) as DecodedJws;
    expect(tokenValidity(decoded.claims, NOW).kind).toBe('no-expiry');
    const lines = validateAgainstProfile(decoded, undefined, { issuer: 'https://issuer/', audience: 'api', algorithms: ['HS256'], clockTolerance: 0 }, NOW);
    expect(lines.find((l) => l.check === 'iss')?.status).toBe('fail');
    expect((await verifyToken(decoded, 'secret')).kind).toBe('invalid');
    await expect(signToken({ headerText: `{"alg":${nestedText(DEPTH)}}`, payloadText: '{}', keyText: 'k', encoding: 'utf8' })).rejects.toThrow(/Cannot sign with "alg"/);
  });

  it('share masking re-encodes a 5,000-level payload', () => {
    const decoded = decodeToken(deepToken) as DecodedJws;
    const shared = decodeToken(buildShareToken(decoded, { maskClaims: ['sub'], stripSignature: true })) as DecodedJws;
    expect(shared.claims?.sub).toBe('***');
    expect(stringifyJson(shared.claims?.blob)).toBe(`{"a":${nestedText(DEPTH)}}`);
  });

  it('a JWKS entry with a 5,000-level "kty" is skipped as unsupported, not as a stack overflow', async () => {
    const parsed = await parseKeyText(`{"keys":[{"kty":${nestedText(DEPTH)}}]}`);
    expect(parsed.kind === 'set' && parsed.skipped[0]).toMatch(/^key 1: Unsupported JWK "kty": \[\[\[/);
  });
});
