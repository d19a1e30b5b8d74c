import { describe, expect, it } from 'vitest';
import { readJson } from './json-text';

describe('readJson', () => {
  it('parses valid JSON and reports no duplicates', () => {
    expect(readJson('{"a":[1,2,{"b":null}],"c":"x"}')).toEqual({ ok: true, value: { a: [1, 2, { b: null }], c: 'x' }, duplicateKeys: [] });
  });

  it('lists duplicate member names', () => {
    const result = readJson('{"alg":"HS256","alg":"none"}');
    expect(result.ok && result.duplicateKeys).toEqual(['alg']);
  });

  it('reports line and column of the first error', () => {
    const result = readJson('{\n  "a": 1,\n  "b": }');
    expect(result).toMatchObject({ ok: false, line: 3, column: 8 });
  });

  it('rejects trailing commas, single quotes and trailing garbage', () => {
    expect(readJson('[1,]').ok).toBe(false);
    expect(readJson("{'a':1}").ok).toBe(false);
    expect(readJson('{} x').ok).toBe(false);
    expect(readJson('"unterminated').ok).toBe(false);
  });

  it('scans strings with escapes, and rejects bad escapes and raw control characters', () => {
    expect(readJson('{"a":"x\\"y\\u00e9\\n","b":"' + 'z'.repeat(100000) + '"}').ok).toBe(true);
    expect(readJson('"bad \\x escape"')).toMatchObject({ ok: false, column: 6 });
    expect(readJson('"bad \\u12 escape"').ok).toBe(false);
    expect(readJson('"raw\ttab"').ok).toBe(false);
  });

  it('finds duplicates written with escapes', () => {
    const result = readJson('{"alg":1,"\\u0061lg":2}');
    expect(result.ok && result.duplicateKeys).toEqual(['alg']);
  });

  it('finds duplicates when strings also hold name-like `":`, and at any depth', () => {
    expect(readJson('{"note":"a\\":b","x":{"y":1,"y" :2}}')).toEqual({ ok: true, value: { note: 'a":b', x: { y: 2 } }, duplicateKeys: ['y'] });
    expect(readJson('{"a":[{"b":1},{"b":2}],"s":"\\":"}')).toEqual({ ok: true, value: { a: [{ b: 1 }, { b: 2 }], s: '":' }, duplicateKeys: [] });
    expect(readJson('{"__proto__":1,"__proto__":2}')).toMatchObject({ ok: true, duplicateKeys: ['__proto__'] });
  });
});
