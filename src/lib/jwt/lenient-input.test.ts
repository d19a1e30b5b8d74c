import { describe, expect, it } from 'vitest';
import { cleanTokenInput } from './lenient-input';

const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc';

describe('cleanTokenInput', () => {
  it('leaves a clean token alone', () => {
    expect(cleanTokenInput(token)).toEqual({ token, fixes: [] });
  });

  it('strips a Bearer prefix, and reports it', () => {
    const result = cleanTokenInput(`Bearer ${token}`);
    expect(result.token).toBe(token);
    expect(result.fixes.map((f) => f.kind)).toEqual(['bearer-prefix']);
  });

  it('strips a whole Authorization header line', () => {
    expect(cleanTokenInput(`Authorization: Bearer ${token}`).token).toBe(token);
  });

  it('strips surrounding quotes, whitespace and line breaks', () => {
    const result = cleanTokenInput(`  "${token.slice(0, 10)}\n${token.slice(10, 30)}\r\n${token.slice(30)}"\n`);
    expect(result.token).toBe(token);
    expect(result.fixes.map((f) => f.kind)).toEqual(['whitespace', 'quotes', 'line-breaks']);
  });

  it('takes the token out of a URL fragment parameter', () => {
    expect(cleanTokenInput(`#access_token=${token}&token_type=Bearer`).token).toBe(token);
  });

  it('removes spaces inside the token', () => {
    expect(cleanTokenInput(`${token.slice(0, 5)} ${token.slice(5)}`).fixes.map((f) => f.kind)).toEqual(['whitespace']);
  });
});
