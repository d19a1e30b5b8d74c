import { describe, expect, it } from 'vitest';
import type { ApiOperation } from '../catalog/api-model';
import { explorerLink, parseEndpointParam } from './endpoint-param';

const op = (method: ApiOperation['method'], path: string): ApiOperation => ({
  id: `${method} ${path}`,
  method,
  path,
  tag: 'users',
  summary: '',
  alternatives: [],
  lifecycle: 'GA',
  docsUrl: null,
  legacy: false,
});
const operations = [op('GET', '/api/v2/users'), op('GET', '/api/v2/users/{id}'), op('PATCH', '/api/v2/users/{id}'), op('GET', '/api/v2/users/{id}/roles'), op('GET', '/api/v2/users/roles-x'), op('POST', '/api/v2/clients')];

describe('parseEndpointParam', () => {
  it('finds the operation the deep link names, method case-insensitive', () => {
    expect(parseEndpointParam('GET /api/v2/users', operations)).toEqual({ ok: true, operation: operations[0], pathParams: {} });
    expect(parseEndpointParam(' patch  /api/v2/users/{id} ', operations)).toMatchObject({ ok: true, operation: { id: 'PATCH /api/v2/users/{id}' } });
    expect(parseEndpointParam('GET /api/v2/users/', operations)).toMatchObject({ ok: true, operation: { id: 'GET /api/v2/users' } });
  });

  it('reads the values of a filled-in path, preferring literal segments over parameters', () => {
    expect(parseEndpointParam('GET /api/v2/users/auth0|alice', operations)).toEqual({ ok: true, operation: operations[1], pathParams: { id: 'auth0|alice' } });
    expect(parseEndpointParam('GET /api/v2/users/auth0%7Cbob/roles', operations)).toMatchObject({ ok: true, pathParams: { id: 'auth0|bob' } });
    expect(parseEndpointParam('GET /api/v2/users/roles-x', operations)).toMatchObject({ ok: true, operation: { id: 'GET /api/v2/users/roles-x' }, pathParams: {} });
  });

  it('says what is wrong: missing, malformed or unknown, with the methods the path does have', () => {
    expect(parseEndpointParam(null, operations)).toEqual({ ok: false, error: { code: 'ENDPOINT_MISSING' } });
    expect(parseEndpointParam('/api/v2/users', operations)).toEqual({ ok: false, error: { code: 'ENDPOINT_MALFORMED', value: '/api/v2/users' } });
    expect(parseEndpointParam('FETCH /api/v2/users', operations)).toMatchObject({ ok: false, error: { code: 'ENDPOINT_MALFORMED' } });
    expect(parseEndpointParam('DELETE /api/v2/users/{id}', operations)).toEqual({
      ok: false,
      error: { code: 'ENDPOINT_UNKNOWN', endpoint: 'DELETE /api/v2/users/{id}', otherMethods: ['GET', 'PATCH'] },
    });
    expect(parseEndpointParam('GET /api/v2/nothing', operations)).toEqual({ ok: false, error: { code: 'ENDPOINT_UNKNOWN', endpoint: 'GET /api/v2/nothing', otherMethods: [] } });
  });
});

describe('explorerLink', () => {
  it('writes the link of the issue, and round-trips through URLSearchParams', () => {
    expect(explorerLink('GET /api/v2/users')).toBe('/explorer?endpoint=GET%20%2Fapi%2Fv2%2Fusers');
    const link = explorerLink('PATCH /appointments/{id}', 'custom:demo');
    expect(link).toBe('/explorer?endpoint=PATCH%20%2Fappointments%2F%7Bid%7D&api=custom%3Ademo');
    const params = new URL(link, 'http://x').searchParams;
    expect([params.get('endpoint'), params.get('api')]).toEqual(['PATCH /appointments/{id}', 'custom:demo']);
  });
});
