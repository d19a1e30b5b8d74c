import { describe, expect, it } from 'vitest';
import { stubProfile } from '../test-support';
import { managementApiIdentifier, resolveCallTarget } from './call-target';

const demo = stubProfile('http://127.0.0.1:4001/', {
  demo: true,
  apis: [{ identifier: 'https://api.demo.test/', scopes: [], baseUrl: 'http://127.0.0.1:4001/demo-api/' }, { identifier: 'https://bare.test/', scopes: [] }],
});
const ownApi = 'https://api.demo.test/';

const refusalOf = (path: string, api?: string) => {
  try {
    resolveCallTarget(demo, { path, ...(api ? { api } : {}) });
    return 'allowed';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('resolveCallTarget: where POST /api/call may send a request', () => {
  it('puts a catalog path under the Management API at {issuer}api/v2/, its parameters as they are', () => {
    const target = resolveCallTarget(demo, { path: '/api/v2/users/auth0|alice', query: { fields: ['email', 'name'], q: 'a b&c' } });
    expect(target.url.href).toBe('http://127.0.0.1:4001/api/v2/users/auth0|alice?fields=email&fields=name&q=a+b%26c');
    expect(target.audience).toBe('http://127.0.0.1:4001/api/v2/');
    expect(resolveCallTarget(demo, { api: managementApiIdentifier(demo), path: '/api/v2/clients' }).url.href).toBe('http://127.0.0.1:4001/api/v2/clients');
    expect(resolveCallTarget(demo, { path: '/api/v2/users/samlp|corp|alice@corp.test' }).url.pathname).toBe('/api/v2/users/samlp|corp|alice@corp.test');
  });

  it('puts a path relative to an own API baseUrl under it, with that API as the audience', () => {
    const target = resolveCallTarget(demo, { api: ownApi, path: '/appointments/apt_1' });
    expect(target.url.href).toBe('http://127.0.0.1:4001/demo-api/appointments/apt_1');
    expect(target.audience).toBe(ownApi);
  });

  it('keeps the issuer path: a tenant at a sub-path has its Management API under it', () => {
    const tenant = stubProfile('https://idp.example.test/tenant-a/', { apis: [{ identifier: 'https://idp.example.test/tenant-a/api/v2/', scopes: [] }] });
    expect(resolveCallTarget(tenant, { path: '/api/v2/users' }).url.href).toBe('https://idp.example.test/tenant-a/api/v2/users');
  });

  it('knows the Management API of demo profiles, *.auth0.com issuers and profiles that list it, and of no other', () => {
    expect(resolveCallTarget(stubProfile('https://acme.eu.auth0.com/'), { path: '/api/v2/users' }).url.href).toBe('https://acme.eu.auth0.com/api/v2/users');
    expect(() => resolveCallTarget(stubProfile('https://login.acme.test/'), { path: '/api/v2/users' })).toThrow(expect.objectContaining({ code: 'unknown_api', status: 404 }));
    const moved = stubProfile('https://login.acme.test/', { apis: [{ identifier: 'https://login.acme.test/api/v2/', scopes: [], baseUrl: 'https://acme.eu.auth0.com/api/v2' }] });
    expect(resolveCallTarget(moved, { path: '/api/v2/users' }).url.href).toBe('https://acme.eu.auth0.com/api/v2/users');
  });

  it('refuses an API the profile does not list, or one without a baseUrl', () => {
    expect(refusalOf('/x', 'https://elsewhere.test/')).toBe('unknown_api');
    expect(refusalOf('/x', 'https://bare.test/')).toBe('unknown_api');
    expect(refusalOf('/x', 'http://127.0.0.2/')).toBe('unknown_api');
  });

  it('refuses a Management API path outside /api/v2/', () => {
    for (const path of ['/api/v1/users', '/api/v2', '/api/v2x/users', '/oauth/token', '/demo-api/appointments', '/']) expect(refusalOf(path), path).toBe('path_not_allowed');
  });

  const escapes = [
    // dot segments, raw and encoded once or more, any case
    '/api/v2/../../etc/passwd',
    '/api/v2/users/..',
    '/api/v2/users/../clients',
    '/api/v2/./users',
    '/api/v2/users/%2e%2e/clients',
    '/api/v2/users/%2E%2E/clients',
    '/api/v2/users/.%2e/clients',
    '/api/v2/users/%2e./clients',
    '/api/v2/users/%252e%252e/clients',
    '/api/v2/users/%25252E%25252E/x',
    '/api/v2/%2e',
    // encoded slashes and backslashes
    '/api/v2/users%2f..%2f..%2fadmin',
    '/api/v2/users%2F..',
    '/api/v2/users%252f..',
    '/api/v2/users%5c..%5cadmin',
    '/api/v2/users%5C',
    // backslashes
    '/api/v2/users\\..\\admin',
    '/api/v2\\@127.0.0.2/',
    '/\\127.0.0.2/api/v2/users',
    // another host
    '//127.0.0.2/api/v2/users',
    '/api/v2//127.0.0.2/x',
    '/api/v2/users//x',
    // control characters and whitespace, which the URL parser drops or keeps
    '/api/v2/users/.\t./clients',
    '/api/v2/users/.\n./x',
    '/api/v2/users\r\nHost: 127.0.0.2',
    '/api/v2/users x',
    '/api/v2/users\u0000',
    '/api/v2/users\u0085',
    '/api/v2/users/%00',
    '/api/v2/users/%0d%0aHost:%20evil',
    '/api/v2/users/%7F',
    // a query or fragment in the path, malformed escapes
    '/api/v2/users?per_page=1',
    '/api/v2/users#x',
    '/api/v2/users/%zz',
    '/api/v2/users/%',
    '/api/v2/users/%2',
  ];
  it.each(escapes)('refuses %j with path_not_allowed', (path) => {
    expect(refusalOf(path)).toBe('path_not_allowed');
    expect(refusalOf(path.replace('/api/v2', ''), ownApi)).toBe('path_not_allowed');
  });

  it('refuses absolute URLs and @-tricks: the final URL keeps the base origin and path', () => {
    for (const path of ['/api/v2/@127.0.0.2', '/api/v2/users@127.0.0.2:80/x']) {
      const { url } = resolveCallTarget(demo, { path });
      expect(url.origin).toBe('http://127.0.0.1:4001');
      expect(url.pathname.startsWith('/api/v2/')).toBe(true);
    }
    for (const path of ['http://127.0.0.2/', 'https:127.0.0.2', '//user@127.0.0.2/']) expect(refusalOf(path)).not.toBe('allowed');
  });

  it('does not let a baseUrl without a trailing slash reach a sibling path', () => {
    const sibling = stubProfile('https://t.test/', { apis: [{ identifier: 'a', scopes: [], baseUrl: 'https://api.test/v1' }] });
    expect(resolveCallTarget(sibling, { api: 'a', path: '/items' }).url.href).toBe('https://api.test/v1/items');
    expect(resolveCallTarget(sibling, { api: 'a', path: '/' }).url.href).toBe('https://api.test/v1/');
  });

  it('allows ordinary encoded characters in a segment', () => {
    expect(resolveCallTarget(demo, { path: '/api/v2/users/email%7Calice%40x.test' }).url.pathname).toBe('/api/v2/users/email%7Calice%40x.test');
    expect(resolveCallTarget(demo, { path: '/api/v2/roles/rol_1%20x' }).url.pathname).toBe('/api/v2/roles/rol_1%20x');
    expect(resolveCallTarget(demo, { path: '/api/v2/users/a..b' }).url.pathname).toBe('/api/v2/users/a..b');
  });
});
