import { describe, expect, it } from 'vitest';
import { buildOwnApiRequest, ownApiDefinition } from './own-api';

describe('ownApiDefinition', () => {
  it('knows the demo appointments API by its identifier, and nothing of another API', () => {
    const demo = ownApiDefinition('https://api.demo.test/');
    expect(demo.audience).toEqual({ type: 'exact', identifier: 'https://api.demo.test/' });
    expect(demo.operations.find((op) => op.id === 'POST /appointments')?.alternatives).toEqual([['write:appointments']]);
    const other = ownApiDefinition('https://other.example/', 'Other');
    expect(other.name).toBe('Other');
    expect(other.operations).toEqual([]);
  });
});

describe('buildOwnApiRequest', () => {
  it('splits the query string, repeats names as arrays, and parses the JSON body', () => {
    expect(buildOwnApiRequest({ method: 'POST', path: '/appointments?a=1&b=2&a=3', bodyText: '{"at":"9:00"}' })).toEqual({
      ok: true,
      request: { method: 'POST', path: '/appointments', query: { a: ['1', '3'], b: '2' }, body: { at: '9:00' } },
    });
  });

  it('names the field of each problem, and keeps nothing half-built', () => {
    const result = buildOwnApiRequest({ method: 'GET', path: 'appointments', bodyText: '{' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => [e.field, e.code])).toEqual([['path', 'PATH_PARAM_MISSING'], ['body', 'BODY_ON_GET']]);
    const notJson = buildOwnApiRequest({ method: 'POST', path: '/x', bodyText: '{' });
    expect(!notJson.ok && notJson.errors[0]?.code).toBe('BODY_NOT_JSON');
  });
});
