import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, parseAuthorizeUrl, setParam } from './authorize-url';

// Issue 14 §8: building and parsing /authorize URLs are inverse functions, over thousands of generated URLs.

const RUNS = { numRuns: 2000 };
const endpoint = fc.webUrl({ validSchemes: ['https', 'http'], withQueryParameters: false, withFragments: false });
/** Query text as people paste it: any characters but '#', with the separators and escapes that make parsing hard. */
const queryText = fc.string({ unit: fc.oneof({ weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) }, { weight: 4, arbitrary: fc.constantFrom('&', '=', '+', '%', '%2', '%20', '%2B', '%E9', '%e9', '%C3%A9', '%ZZ', '?', '/') }) })
  .filter((text) => !text.includes('#'));
const fragmentText = fc.string({ unit: 'grapheme' });
/** Parameter names and values people type: any well-formed Unicode text, separators included. */
const typed = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), fc.constantFrom('&', '=', '+', '%', '#', ' ', '?')) });
const params = fc.array(fc.record({ name: typed, value: typed }), { maxLength: 8 });

describe('authorize URL properties', { timeout: 30_000 }, () => {
  it('build(parse(url)) gives the URL back, character for character (repeats, order, +, %XX case, bad escapes, a bare ?, the fragment)', () => {
    fc.assert(fc.property(endpoint, fc.option(queryText, { nil: undefined }), fc.option(fragmentText, { nil: undefined }), (base, query, fragment) => {
      const url = `${base}${query === undefined ? '' : `?${query}`}${fragment === undefined ? '' : `#${fragment}`}`;
      expect(buildAuthorizeUrl(parseAuthorizeUrl(url))).toBe(url.trim());
    }), RUNS);
  });

  it('parse(build(params)) gives the parameters back, in order, whatever characters they hold', () => {
    fc.assert(fc.property(endpoint, params, (base, list) => {
      const parsed = parseAuthorizeUrl(buildAuthorizeUrl({ endpoint: base, params: list }));
      expect(parsed.endpoint).toBe(base);
      expect(parsed.params.map(({ name, value }) => ({ name, value }))).toEqual(list);
    }), RUNS);
  });

  it('editing one parameter of a parsed URL changes only that parameter: every other segment keeps its raw text', () => {
    fc.assert(fc.property(endpoint, queryText, typed, (base, query, value) => {
      const request = parseAuthorizeUrl(`${base}?${query}`);
      const edited = parseAuthorizeUrl(buildAuthorizeUrl(setParam(request, 'state', value)));
      const others = (r: typeof request) => r.params.filter((p) => p.name !== 'state').map((p) => p.raw);
      expect(others(edited)).toEqual(others(request));
      expect(edited.params.find((p) => p.name === 'state')?.value).toBe(value);
    }), RUNS);
  });
});
