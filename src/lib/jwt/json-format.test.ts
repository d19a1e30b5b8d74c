import { describe, expect, it } from 'vitest';
import { formatJson } from './json-format';
import { minifyJson } from './sign';

describe('formatJson', () => {
  it('pretty-prints keeping numbers, order and escapes exactly', () => {
    const text = '{"b":12345678901234567890,"a":[1,{}],"s":"x,\\"{y}\\"","e":[]}';
    expect(formatJson(text)).toBe('{\n  "b": 12345678901234567890,\n  "a": [\n    1,\n    {}\n  ],\n  "s": "x,\\"{y}\\"",\n  "e": []\n}');
    expect(minifyJson(formatJson(text))).toBe(text);
  });

  it('re-indents the RFC 7515 claims with CRLFs', () => {
    expect(formatJson('{"iss":"joe",\r\n "exp":1300819380}')).toBe('{\n  "iss": "joe",\n  "exp": 1300819380\n}');
  });

  it('copies long strings whole, and survives an unterminated one', () => {
    const long = `{"a":"${'x\\"'.repeat(100000)}"}`;
    expect(formatJson(long)).toBe(`{\n  "a": "${'x\\"'.repeat(100000)}"\n}`);
    expect(formatJson('{"a":"unterminated')).toBe('{\n  "a": "unterminated');
  });
});
