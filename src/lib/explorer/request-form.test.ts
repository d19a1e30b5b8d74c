import { describe, expect, it } from 'vitest';
import { findOperation, managementApi } from '../catalog/test-fixtures';
import { buildFormRequest, encodePathSegment, endpointShape, initialRequestInputs } from './request-form';
import type { EndpointShape, RequestInputs } from './request-form';

const patchUser: EndpointShape = {
  method: 'PATCH',
  path: '/api/v2/users/{id}',
  request: { pathParams: [{ name: 'id', type: 'string', required: true }], queryParams: [], body: { contentType: 'application/json', skeleton: {} } },
};
const listUsers: EndpointShape = {
  method: 'GET',
  path: '/api/v2/users',
  request: {
    pathParams: [],
    queryParams: [
      { name: 'page', type: 'integer', required: false },
      { name: 'include_totals', type: 'boolean', required: false },
      { name: 'search_engine', type: 'string', required: false, enum: ['v1', 'v2', 'v3'] },
      { name: 'fields', type: 'array', required: false },
      { name: 'q', type: 'string', required: true },
    ],
    body: null,
  },
};
const inputs = (overrides: Partial<RequestInputs> = {}): RequestInputs => ({ pathParams: {}, query: {}, bodyText: '', ...overrides });

describe('encodePathSegment', () => {
  it('keeps Auth0 user ids readable: encodeURIComponent would write auth0%7Calice', () => {
    expect(encodeURIComponent('auth0|alice')).toBe('auth0%7Calice');
    expect(encodePathSegment('auth0|alice')).toBe('auth0|alice');
    expect(encodePathSegment('email|user@example.com')).toBe('email|user@example.com');
    expect(encodePathSegment('waad|x:y')).toBe('waad|x:y');
  });

  it('encodes what would change the URL: ?, #, %, spaces', () => {
    expect(encodePathSegment('a?b#c d%')).toBe('a%3Fb%23c%20d%25');
  });
});

describe('endpointShape', () => {
  it('takes the catalog details of the operation when the request forms know it', () => {
    const op = findOperation(managementApi, 'PATCH /api/v2/users/{id}');
    const requests = { schemaVersion: 1 as const, specSha256: '0'.repeat(64), operations: { [op.id]: patchUser.request! } };
    expect(endpointShape(op, requests)).toEqual(patchUser);
    expect(endpointShape(op, null)).toEqual({ method: 'PATCH', path: '/api/v2/users/{id}', request: null });
  });
});

describe('initialRequestInputs', () => {
  it('starts with empty path parameters and the pretty body skeleton', () => {
    const start = initialRequestInputs({ ...patchUser, request: { ...patchUser.request!, body: { contentType: 'application/json', skeleton: { connection: 'string' } } } });
    expect(start).toEqual({ pathParams: { id: '' }, query: {}, bodyText: '{\n  "connection": "string"\n}' });
    expect(initialRequestInputs(listUsers).bodyText).toBe('');
    expect(initialRequestInputs({ method: 'PATCH', path: '/appointments/{id}', request: null })).toEqual({ pathParams: { id: '' }, query: {}, bodyText: '' });
  });
});

describe('buildFormRequest', () => {
  it('fills the path, parses the JSON body and keeps the method', () => {
    const result = buildFormRequest(patchUser, inputs({ pathParams: { id: 'auth0|alice' }, bodyText: '{"user_metadata":{"theme":"dark"}}' }));
    expect(result).toEqual({ ok: true, request: { method: 'PATCH', path: '/api/v2/users/auth0|alice', body: { user_metadata: { theme: 'dark' } } } });
  });

  it('names a missing path parameter', () => {
    expect(buildFormRequest(patchUser, inputs({ pathParams: { id: '  ' } }))).toEqual({
      ok: false,
      errors: [{ code: 'PATH_PARAM_MISSING', field: 'path.id', message: 'id is required.' }],
    });
  });

  it('refuses a path parameter that would leave its segment, which the companion server would refuse too', () => {
    for (const value of ['a/b', '../x', 'a\\b']) {
      const result = buildFormRequest(patchUser, inputs({ pathParams: { id: value } }));
      expect(result.ok ? [] : result.errors.map((e) => e.code), value).toEqual(['PATH_PARAM_HAS_SEPARATOR']);
    }
    for (const value of ['.', '..']) {
      const result = buildFormRequest(patchUser, inputs({ pathParams: { id: value } }));
      expect(result.ok ? [] : result.errors.map((e) => e.code)).toEqual(['PATH_PARAM_DOT_SEGMENT']);
    }
    // A typed %2F is taken literally: its % is encoded, so it cannot become a slash.
    expect(buildFormRequest(patchUser, inputs({ pathParams: { id: '..%2F' } }))).toMatchObject({ ok: true, request: { path: '/api/v2/users/..%252F' } });
    // A dot inside a value is fine.
    expect(buildFormRequest(patchUser, inputs({ pathParams: { id: 'con_a.b' } }))).toMatchObject({ ok: true, request: { path: '/api/v2/users/con_a.b' } });
  });

  it('sends only the query parameters that have a value, checking types and enums, repeating array ones', () => {
    const result = buildFormRequest(listUsers, inputs({ query: { q: 'email:"a@b.c"', page: '2', include_totals: 'true', search_engine: 'v3', fields: ['email'], sort: '' } }));
    expect(result).toEqual({ ok: true, request: { method: 'GET', path: '/api/v2/users', query: { q: 'email:"a@b.c"', page: '2', include_totals: 'true', search_engine: 'v3', fields: ['email'] } } });
  });

  it('reports every bad field at once, required ones by name', () => {
    const result = buildFormRequest(listUsers, inputs({ query: { page: 'two', include_totals: 'yes', search_engine: 'v4' } }));
    expect(result.ok ? [] : result.errors).toEqual([
      { code: 'QUERY_PARAM_INVALID', field: 'query.page', message: 'page must be a whole number.' },
      { code: 'QUERY_PARAM_INVALID', field: 'query.include_totals', message: 'include_totals must be true or false.' },
      { code: 'QUERY_PARAM_INVALID', field: 'query.search_engine', message: 'search_engine must be one of v1, v2, v3.' },
      { code: 'QUERY_PARAM_MISSING', field: 'query.q', message: 'q is required.' },
    ]);
  });

  it('passes query parameters the catalog does not know, for custom APIs', () => {
    expect(buildFormRequest({ method: 'GET', path: '/appointments', request: null }, inputs({ query: { day: 'monday' } }))).toEqual({
      ok: true,
      request: { method: 'GET', path: '/appointments', query: { day: 'monday' } },
    });
  });

  it('refuses a body that is not JSON, a body on GET, and a non-JSON content type', () => {
    const notJson = buildFormRequest(patchUser, inputs({ pathParams: { id: 'x' }, bodyText: '{"a":' }));
    expect(notJson.ok ? null : notJson.errors[0]).toMatchObject({ code: 'BODY_NOT_JSON', field: 'body' });
    const onGet = buildFormRequest({ ...listUsers, request: null }, inputs({ bodyText: '{}' }));
    expect(onGet.ok ? null : onGet.errors[0]?.code).toBe('BODY_ON_GET');
    const multipart: EndpointShape = { method: 'POST', path: '/api/v2/jobs/users-imports', request: { pathParams: [], queryParams: [], body: { contentType: 'multipart/form-data', skeleton: null } } };
    const upload = buildFormRequest(multipart, inputs({ bodyText: '{}' }));
    expect(upload.ok ? null : upload.errors[0]?.code).toBe('BODY_CONTENT_TYPE_UNSUPPORTED');
  });

  it('sends no body when the editor is empty, and keeps a JSON null or array', () => {
    expect(buildFormRequest(patchUser, inputs({ pathParams: { id: 'x' }, bodyText: ' \n' }))).toEqual({ ok: true, request: { method: 'PATCH', path: '/api/v2/users/x' } });
    expect(buildFormRequest(patchUser, inputs({ pathParams: { id: 'x' }, bodyText: '[1]' }))).toMatchObject({ ok: true, request: { body: [1] } });
  });
});
