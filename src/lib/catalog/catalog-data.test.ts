import { describe, expect, it } from 'vitest';
import { catalogRequestsSchema, catalogSchema } from './schema';
import rawCatalog from './data/auth0-management-api.json';
import rawRequests from './data/auth0-management-api-requests.json';

// The committed file, not ../shared: a fresh clone must pass. `npm run catalog:check` guards drift.
const catalog = catalogSchema.parse(rawCatalog);
const op = (id: string) => catalog.operations.find((o) => o.id === id);

describe('committed Management API catalog', () => {
  it('has the 452 spec operations, the 19 head additions and the 5 legacy endpoints', () => {
    expect(catalog.operations.filter((o) => o.source === 'spec')).toHaveLength(452);
    expect(catalog.operations.filter((o) => o.source === 'head')).toHaveLength(19);
    const legacy = catalog.operations.filter((o) => o.legacy);
    expect(legacy.map((o) => o.id)).toEqual([
      'GET /api/v2/blacklists/tokens',
      'POST /api/v2/blacklists/tokens',
      'GET /api/v2/users/{id}/application-passwords',
      'POST /api/v2/users/{id}/application-passwords',
      'DELETE /api/v2/users/{id}/application-passwords/{asp_id}',
    ]);
    // Each legacy endpoint names where it is documented, since no current spec has it.
    expect(legacy.every((o) => o.legacySource)).toBe(true);
    expect(op('POST /api/v2/users/{id}/application-passwords')).toMatchObject({ scopes: ['create:user_application_passwords'], legacySource: expect.stringMatching(/archived docs on app-specific passwords/) });
    expect(catalog.counts.operations).toBe(catalog.operations.length);
    expect(new Set(catalog.operations.map((o) => o.id)).size).toBe(catalog.operations.length);
  });

  it('declares the 242 spec scopes, sorted, with descriptions', () => {
    expect(catalog.scopes).toHaveLength(242);
    const names = catalog.scopes.map((s) => s.name);
    expect(names).toEqual([...names].sort());
    expect(catalog.scopes.find((s) => s.name === 'read:users')?.description).toBe('Read Users');
  });

  it('knows the any-of alternatives of the user endpoints and their user-context scopes', () => {
    expect(op('GET /api/v2/users/{id}')?.scopes).toEqual(['read:users', 'read:current_user', 'read:user_idp_tokens']);
    expect(op('PATCH /api/v2/users/{id}')?.userContextScopes).toContain('update:current_user_metadata');
    expect(catalog.userContextScopes).toContain('read:current_user');
    expect(catalog.userContextScopes).not.toContain('update:users');
    expect(catalog.userContextScopes).not.toContain('delete:current_user');
  });

  it('has 33 spec operations with more than one accepted scope', () => {
    expect(catalog.operations.filter((o) => o.source === 'spec' && o.scopes.length > 1)).toHaveLength(33);
  });

  it('marks the two operations that head dropped, and keeps every other one in head', () => {
    expect(catalog.operations.filter((o) => !o.inHead && !o.legacy).map((o) => o.id)).toEqual([
      'GET /api/v2/users/{id}/federated-connections-tokensets',
      'DELETE /api/v2/users/{id}/federated-connections-tokensets/{tokenset_id}',
    ]);
  });

  it('names only known scopes: every accepted scope is declared, or listed as an extra scope with its source', () => {
    const known = new Set([...catalog.scopes.map((s) => s.name), ...catalog.extraScopes.map((s) => s.name)]);
    for (const o of catalog.operations) {
      for (const scope of [...o.scopes, ...o.userContextScopes]) expect(known, `${o.id} ${scope}`).toContain(scope);
      for (const scope of o.userContextScopes) expect(catalog.userContextScopes).toContain(scope);
    }
    expect(catalog.tags).toEqual([...new Set(catalog.operations.map((o) => o.tag))].sort());
  });
});

describe('committed request forms', () => {
  const requests = catalogRequestsSchema.parse(rawRequests);

  it('has one per spec operation and per archived legacy one, whose path parameters are exactly the path template\'s', () => {
    const spec = catalog.operations.filter((o) => o.source === 'spec' || o.id.includes('/application-passwords'));
    expect(Object.keys(requests.operations)).toEqual(spec.map((o) => o.id));
    for (const op of spec) {
      const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(requests.operations[op.id]?.pathParams.map((p) => p.name), op.id).toEqual(names);
    }
  });

  it('pre-fills the bodies the explorer journeys use', () => {
    expect(requests.operations['POST /api/v2/client-grants']?.body).toMatchObject({ contentType: 'application/json', skeleton: { audience: 'string' } });
    expect(requests.operations['POST /api/v2/users/{id}/roles']?.body?.skeleton).toEqual({ roles: ['string'] });
    expect(requests.operations['GET /api/v2/users']?.queryParams.find((p) => p.name === 'search_engine')?.enum).toEqual(['v1', 'v2', 'v3']);
  });
});
