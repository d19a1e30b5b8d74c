import { describe, expect, it } from 'vitest';
import { resolveRequiredScopes } from './resolve-scopes';
import { customApi, findOperation, managementApi } from './test-fixtures';

const mgmt = (...ids: string[]) => ids.map((id) => findOperation(managementApi, id));
const resolve = (ids: string[], kind: 'm2m' | 'user') => resolveRequiredScopes(managementApi, mgmt(...ids), kind);

describe('resolveRequiredScopes on the Management API', () => {
  it('M2M: reading and updating a user needs read:users and the narrowest update scope', () => {
    const result = resolve(['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'], 'm2m');
    expect(result.scopeString).toBe('read:users update:users_app_metadata');
    expect(result.unavailable).toEqual([]);
    expect(result.exact).toBe(true);
  });

  it('User: the same selection resolves to the current_user scopes (the update:users trap)', () => {
    const result = resolve(['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'], 'user');
    expect(result.scopeString).toBe('read:current_user update:current_user_metadata');
    expect(result.scopes).not.toContain('update:users');
  });

  it('never picks read:user_idp_tokens when read:users also works', () => {
    expect(resolve(['GET /api/v2/users'], 'm2m').scopes).toEqual(['read:users']);
    expect(resolve(['GET /api/v2/users/{id}'], 'm2m').scopes).toEqual(['read:users']);
  });

  it('prefers the summary scope over the secret-returning client scopes', () => {
    expect(resolve(['GET /api/v2/clients'], 'm2m').scopes).toEqual(['read:client_summary']);
    expect(resolve(['PATCH /api/v2/clients/{id}'], 'm2m').scopes).toEqual(['update:clients']);
  });

  it('picks one scope that covers several endpoints over one narrower scope each', () => {
    // read:client_summary covers both client reads; read:connections covers the connections list and one client read.
    const result = resolve(['GET /api/v2/clients', 'GET /api/v2/clients/{id}/connections', 'GET /api/v2/connections'], 'm2m');
    expect(result.scopes).toEqual(['read:client_summary', 'read:connections']);
  });

  it('prefers a read scope to a write scope for reading (jobs accept create:users or read:users)', () => {
    expect(resolve(['GET /api/v2/jobs/{id}'], 'm2m').scopes).toEqual(['read:users']);
  });

  it('is deterministic and sorted by name', () => {
    const ids = ['POST /api/v2/roles/{id}/users', 'GET /api/v2/logs', 'DELETE /api/v2/users/{id}', 'GET /api/v2/users/{id}'];
    const a = resolve(ids, 'm2m');
    const b = resolve([...ids].reverse(), 'm2m');
    expect(a.scopes).toEqual(b.scopes);
    expect(a.scopes).toEqual([...a.scopes].sort());
  });

  it('User mode: an endpoint that no user-context scope satisfies is unavailable, with the client-credentials fix', () => {
    const result = resolve(['GET /api/v2/users/{id}', 'GET /api/v2/clients'], 'user');
    expect(result.scopeString).toBe('read:current_user');
    expect(result.unavailable.map((r) => r.operation.id)).toEqual(['GET /api/v2/clients']);
    expect(result.unavailable[0]?.fix).toBe('m2m');
    // delete:current_user is listed by the spec, but end users cannot get it.
    expect(resolve(['DELETE /api/v2/users/{id}'], 'user').unavailable).toHaveLength(1);
  });

  it('M2M mode: an endpoint that only a current_user scope satisfies needs a user token', () => {
    const result = resolve(['POST /api/v2/device-credentials'], 'm2m');
    expect(result.scopes).toEqual([]);
    expect(result.unavailable[0]?.fix).toBe('user');
    expect([...(result.unavailable[0]?.blocked.values() ?? [])]).toEqual(['needs-user-token']);
  });

  it('M2M mode never uses current_user alternatives', () => {
    expect(resolve(['DELETE /api/v2/device-credentials/{id}'], 'm2m').scopes).toEqual(['delete:device_credentials']);
    expect(resolve(['DELETE /api/v2/device-credentials/{id}'], 'user').scopes).toEqual(['delete:current_user_device_credentials']);
  });

  it('records the alternative used for each endpoint', () => {
    const result = resolve(['GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'], 'user');
    expect(result.operations.map((r) => r.chosen)).toEqual([['read:current_user'], ['update:current_user_metadata']]);
  });
});

describe('resolveRequiredScopes: scopes asked for on purpose', () => {
  it('a requested privileged scope is included and satisfies what it can', () => {
    const result = resolveRequiredScopes(managementApi, mgmt('GET /api/v2/users/{id}', 'PATCH /api/v2/users/{id}'), 'm2m', { requested: ['read:user_idp_tokens'] });
    expect(result.scopeString).toBe('read:user_idp_tokens update:users_app_metadata');
    expect(result.operations[0]?.chosen).toEqual(['read:user_idp_tokens']);
    expect(result.requested).toEqual(['read:user_idp_tokens']);
  });

  it('a requested scope the token kind cannot carry is refused, with the reason', () => {
    const result = resolveRequiredScopes(managementApi, mgmt('GET /api/v2/users/{id}'), 'user', { requested: ['update:users'] });
    expect(result.scopeString).toBe('read:current_user');
    expect(result.refused).toEqual([{ scope: 'update:users', block: 'not-grantable-to-users' }]);
  });
});

describe('resolveRequiredScopes: minimal set cover', () => {
  it('finds the smallest set where a greedy choice per endpoint would take more', () => {
    // Per endpoint the narrowest is a, b, c; but x alone covers all three.
    const api = customApi([
      { method: 'GET', path: '/a', alternatives: [['a'], ['x']] },
      { method: 'GET', path: '/b', alternatives: [['b'], ['x']] },
      { method: 'GET', path: '/c', alternatives: [['c'], ['x']] },
      { method: 'GET', path: '/d', alternatives: [['a']] },
    ]);
    expect(resolveRequiredScopes(api, api.operations.slice(0, 3), 'm2m').scopes).toEqual(['x']);
  });

  it('breaks ties between equal-size sets by narrowness, then by name', () => {
    const api = customApi([
      { method: 'GET', path: '/one', alternatives: [['read:wide'], ['read:narrow']] },
      { method: 'GET', path: '/two', alternatives: [['read:wide']] },
      { method: 'GET', path: '/three', alternatives: [['read:wide']] },
      { method: 'GET', path: '/four', alternatives: [['read:b'], ['read:a']] },
    ]);
    const [one, , , four] = api.operations;
    expect(resolveRequiredScopes(api, [one!], 'm2m').scopes).toEqual(['read:narrow']);
    expect(resolveRequiredScopes(api, [four!], 'm2m').scopes).toEqual(['read:a']);
  });

  it('handles all-of alternatives (OpenAPI semantics) and endpoints that need no scope', () => {
    const api = customApi([
      { method: 'POST', path: '/x', alternatives: [['write:x', 'read:x']] },
      { method: 'GET', path: '/x', alternatives: [['read:x']] },
      { method: 'GET', path: '/health', alternatives: [[]] },
    ]);
    const result = resolveRequiredScopes(api, api.operations, 'm2m');
    expect(result.scopes).toEqual(['read:x', 'write:x']);
    expect(result.operations[2]?.status).toBe('no-scope-needed');
  });

  it('stays bounded on a huge selection and still covers every endpoint', () => {
    const all = managementApi.operations;
    const result = resolveRequiredScopes(managementApi, all, 'm2m', { maxBranches: 500 });
    const set = new Set(result.scopes);
    for (const r of result.operations) {
      if (r.status === 'satisfied') expect(r.chosen?.every((s) => set.has(s))).toBe(true);
    }
    expect(result.operations.filter((r) => r.status === 'satisfied')).toHaveLength(all.length - result.unavailable.length);
  });

  it('custom APIs have no user-context restriction', () => {
    const api = customApi([{ method: 'GET', path: '/appointments', alternatives: [['read:appointments']] }]);
    expect(resolveRequiredScopes(api, api.operations, 'user').scopes).toEqual(['read:appointments']);
  });
});
