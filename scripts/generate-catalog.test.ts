import { describe, expect, it } from 'vitest';
import { ARCHIVED_LEGACY_OPERATIONS, buildCatalog, buildCatalogRequests, firstDifference, serializeCatalog, CatalogSourceError } from './generate-catalog';
import type { CatalogSources } from './generate-catalog';

const anyOf = (...scopes: string[]) => [{ bearerAuth: [] }, { oAuth2ClientCredentials: scopes }];

const spec = {
  openapi: '3.1.0',
  info: { version: '2.0' },
  paths: {
    '/users/{id}': {
      get: { summary: 'Get a User', tags: ['users'], 'x-release-lifecycle': 'GA', security: anyOf('read:users', 'read:current_user', 'read:user_idp_tokens') },
      patch: {
        summary: 'Update a User',
        tags: ['users'],
        'x-release-lifecycle': 'GA',
        security: anyOf('update:users', 'update:users_app_metadata', 'update:current_user_metadata'),
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateUser' } } } },
      },
      delete: { summary: 'Delete a User', tags: ['users'], 'x-release-lifecycle': 'GA', security: anyOf('delete:users', 'delete:current_user') },
      parameters: [{ name: 'id', in: 'path' }],
    },
    '/connection-profiles': {
      get: { summary: ' Get Connection Profiles ', tags: ['connection-profiles'], security: anyOf('read:connection_profiles') },
    },
    '/actions/actions': {
      get: { summary: 'Get actions', tags: ['actions'], 'x-release-lifecycle': 'EA', security: anyOf('read:actions') },
    },
    '/users/{id}/tokensets': {
      get: { summary: 'Get tokensets', tags: ['users'], 'x-release-lifecycle': 'beta', security: anyOf('read:tokensets') },
    },
  },
  components: {
    schemas: {
      UpdateUser: { type: 'object', required: ['connection'], properties: { connection: { type: 'string' }, blocked: { type: 'boolean' } } },
    },
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer' },
      oAuth2ClientCredentials: {
        type: 'oauth2',
        flows: {
          clientCredentials: {
            tokenUrl: '/oauth/token/',
            scopes: {
              'update:users': 'Update Users',
              'read:users': 'Read Users',
              'read:current_user': 'Read Current User',
              'read:user_idp_tokens': 'Read User Idp Tokens',
              'update:users_app_metadata': 'Update Users App Metadata',
              'update:current_user_metadata': 'Update Current User Metadata',
              'delete:users': 'Delete Users',
              'delete:current_user': 'Delete Current User',
              'read:connection_profiles': 'Read Connection Profiles',
              'read:actions': 'Read Actions',
              'read:tokensets': 'Read Tokensets',
            },
          },
        },
      },
    },
  },
};

const page = (method: string, path: string, slug: string, scopes: string[], releaseLifecycle = 'GA') => ({
  method,
  path,
  docsUrl: `https://auth0.com/docs/api/management/v2/${slug}`,
  scopes,
  releaseLifecycle,
  deprecated: false,
  file: `main/docs/api/management/v2/${slug}.mdx`,
});

const snapshotPages = [
  page('GET', '/api/v2/users/{id}', 'users/get-users-by-id', ['read:users', 'read:current_user', 'read:user_idp_tokens']),
  page('PATCH', '/api/v2/users/{id}', 'users/patch-users-by-id', ['update:users', 'update:users_app_metadata', 'update:current_user_metadata']),
  page('DELETE', '/api/v2/users/{id}', 'users/delete-users-by-id', ['delete:users', 'delete:current_user']),
  page('GET', '/api/v2/connection-profiles', 'connection-profiles/get-connection-profiles', ['read:connection_profiles'], 'undefined'),
  page('GET', '/api/v2/actions/actions', 'actions/get-actions', ['read:actions'], 'EA'),
  page('GET', '/api/v2/users/{id}/tokensets', 'users/get-tokensets', ['read:tokensets'], 'beta'),
];

const docsIndex = {
  snapshot: { repo: 'auth0/docs-v2', commit: 'a'.repeat(40), oasVersion: '1.0.0', pages: snapshotPages },
  head: {
    repo: 'auth0/docs-v2',
    commit: 'b'.repeat(40),
    oasVersion: '1.1.0',
    pages: [
      // The head drops the tokensets page, promotes actions to GA and adds an agents page.
      ...snapshotPages.filter((p) => !p.path.endsWith('/tokensets')).map((p) => (p.path === '/api/v2/actions/actions' ? { ...p, releaseLifecycle: 'GA' } : p)),
      page('GET', '/api/v2/agents/{id}', 'agents/get-agent', ['read:agents'], 'EA'),
      page('GET', '/api/v2/users/{id}/sessions', 'users/get-user-sessions', ['read:sessions']),
    ],
  },
};

const userContext = {
  meta: {},
  scopes: [
    { scope: 'read:current_user', declaredInSpec: true, specDescription: 'Read Current User', endpointsPerSpec: ['GET /api/v2/users/{id}'], endpointsPerDocs: ['GET /api/v2/users/{id}'], docsEvidence: ['D1'], grantableToEndUsers: true, note: null },
    { scope: 'update:current_user_metadata', declaredInSpec: true, specDescription: 'x', endpointsPerSpec: ['PATCH /api/v2/users/{id}'], endpointsPerDocs: ['PATCH /api/v2/users/{id}'], docsEvidence: ['D1'], grantableToEndUsers: true, note: null },
    { scope: 'create:current_user_metadata', declaredInSpec: false, specDescription: null, endpointsPerSpec: [], endpointsPerDocs: ['PATCH /api/v2/users/{id}'], docsEvidence: ['D1'], grantableToEndUsers: true, note: null },
    { scope: 'delete:current_user', declaredInSpec: true, specDescription: 'Delete Current User', endpointsPerSpec: ['DELETE /api/v2/users/{id}'], endpointsPerDocs: [], docsEvidence: [], grantableToEndUsers: null, note: 'Only in the OAS' },
  ],
  legacyNotInSpec: [
    { method: 'GET', path: '/api/v2/blacklists/tokens', scopesListed: ['blacklist:tokens'], scopes: { anyOf: [['blacklist:tokens']] }, evidence: [], note: 'legacy' },
  ],
};

const sources = (overrides: Partial<CatalogSources> = {}): CatalogSources => ({
  specText: JSON.stringify(spec),
  docsIndex,
  userContext,
  ...overrides,
});

const byId = (id: string) => {
  const op = buildCatalog(sources()).operations.find((o) => o.id === id);
  if (!op) throw new Error(`no ${id}`);
  return op;
};

describe('buildCatalog', () => {
  it('lists every spec operation, the head additions and the legacy endpoints, with counts', () => {
    const catalog = buildCatalog(sources());
    expect(catalog.counts).toEqual({
      operations: 9,
      specOperations: 6,
      headOperations: 2,
      legacyOperations: 1,
      removedAtHead: 1,
      tags: 5,
      scopes: 11,
    });
    expect(catalog.operations.map((op) => op.id)).toEqual([
      'GET /api/v2/actions/actions',
      'GET /api/v2/agents/{id}',
      'GET /api/v2/blacklists/tokens',
      'GET /api/v2/connection-profiles',
      'GET /api/v2/users/{id}',
      'PATCH /api/v2/users/{id}',
      'DELETE /api/v2/users/{id}',
      'GET /api/v2/users/{id}/sessions',
      'GET /api/v2/users/{id}/tokensets',
    ]);
  });

  it('keeps the accepted scopes as an any-of list in the spec order', () => {
    expect(byId('GET /api/v2/users/{id}').scopes).toEqual(['read:users', 'read:current_user', 'read:user_idp_tokens']);
  });

  it('records method, path, tag, summary, lifecycle and docs URL of a spec operation', () => {
    expect(byId('PATCH /api/v2/users/{id}')).toMatchObject({
      method: 'PATCH',
      path: '/api/v2/users/{id}',
      tag: 'users',
      summary: 'Update a User',
      lifecycle: 'GA',
      docsUrl: 'https://auth0.com/docs/api/management/v2/users/patch-users-by-id',
      source: 'spec',
      legacy: false,
    });
    expect(byId('GET /api/v2/connection-profiles')).toMatchObject({ summary: 'Get Connection Profiles', lifecycle: null, lifecycleAtHead: null });
    expect(byId('GET /api/v2/actions/actions')).toMatchObject({ lifecycle: 'EA', lifecycleAtHead: 'GA' });
  });

  it('adds the user-context scopes that satisfy an operation, from the spec and the docs, but only grantable ones', () => {
    expect(byId('PATCH /api/v2/users/{id}').userContextScopes).toEqual(['update:current_user_metadata', 'create:current_user_metadata']);
    expect(byId('GET /api/v2/users/{id}').userContextScopes).toEqual(['read:current_user']);
    // delete:current_user is in the spec, but nothing says end users may request it.
    expect(byId('DELETE /api/v2/users/{id}').userContextScopes).toEqual([]);
    expect(buildCatalog(sources()).userContextScopes).toEqual(['create:current_user_metadata', 'read:current_user', 'update:current_user_metadata']);
  });

  it('takes operations that only head has from its reference pages, tagged by docs section', () => {
    expect(byId('GET /api/v2/agents/{id}')).toMatchObject({ source: 'head', tag: 'agents', summary: 'Get agent', scopes: ['read:agents'], lifecycle: 'EA', inHead: true });
    expect(byId('GET /api/v2/users/{id}/sessions')).toMatchObject({ source: 'head', tag: 'users' });
  });

  it('marks spec operations that head dropped', () => {
    expect(byId('GET /api/v2/users/{id}/tokensets')).toMatchObject({ source: 'spec', inHead: false, lifecycle: 'beta' });
  });

  it('flags legacy endpoints', () => {
    expect(byId('GET /api/v2/blacklists/tokens')).toMatchObject({ legacy: true, deprecated: true, source: 'legacy', scopes: ['blacklist:tokens'], docsUrl: null });
  });

  it('adds the legacy operations declared in the generator (app-specific passwords), naming their source, with request forms', () => {
    const withArchived = sources({ archivedLegacy: ARCHIVED_LEGACY_OPERATIONS });
    const catalog = buildCatalog(withArchived);
    expect(catalog.counts.legacyOperations).toBe(4);
    expect(catalog.operations.find((o) => o.id === 'DELETE /api/v2/users/{id}/application-passwords/{asp_id}')).toMatchObject({
      legacy: true, deprecated: true, source: 'legacy', tag: 'users', scopes: ['delete:user_application_passwords'], legacySource: expect.stringContaining("Auth0's archived docs on app-specific passwords"),
    });
    expect(catalog.extraScopes).toContainEqual({ name: 'create:user_application_passwords', sources: ['legacy'] });
    expect(buildCatalogRequests(withArchived).operations['POST /api/v2/users/{id}/application-passwords']?.body?.skeleton).toEqual({ label: 'string', audience: 'string', scope: ['string'] });
  });

  it('lists declared scopes sorted by name with their short descriptions, and the undeclared ones apart', () => {
    const catalog = buildCatalog(sources());
    expect(catalog.scopes.slice(0, 3)).toEqual([
      { name: 'delete:current_user', description: 'Delete Current User' },
      { name: 'delete:users', description: 'Delete Users' },
      { name: 'read:actions', description: 'Read Actions' },
    ]);
    expect(catalog.scopes.map((s) => s.name)).toEqual([...catalog.scopes.map((s) => s.name)].sort());
    expect(catalog.extraScopes).toEqual([
      { name: 'blacklist:tokens', sources: ['legacy'] },
      { name: 'create:current_user_metadata', sources: ['user-context-docs'] },
      { name: 'read:agents', sources: ['head'] },
      { name: 'read:sessions', sources: ['head'] },
    ]);
  });

  it('records where the data comes from, with the spec digest', () => {
    const catalog = buildCatalog(sources());
    expect(catalog.source.docsHead).toEqual({ commit: 'b'.repeat(40), oasVersion: '1.1.0' });
    expect(catalog.source.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(buildCatalog(sources({ specText: `${JSON.stringify(spec)} ` })).source.spec.sha256).not.toBe(catalog.source.spec.sha256);
  });

  it('is deterministic: same input, same bytes, trailing newline', () => {
    const a = serializeCatalog(buildCatalog(sources()));
    const b = serializeCatalog(buildCatalog(sources()));
    expect(a).toBe(b);
    expect(a.endsWith('}\n')).toBe(true);
  });

  it('rejects source data of an unexpected shape with a stable code', () => {
    expect(() => buildCatalog(sources({ specText: '{' }))).toThrow(CatalogSourceError);
    try {
      buildCatalog(sources({ docsIndex: { snapshot: {} } }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogSourceError);
      expect((error as CatalogSourceError).code).toBe('CATALOG_SOURCE_INVALID');
    }
  });
});

describe('buildCatalogRequests', () => {
  it('carries the request form of every spec operation, keyed by id in catalog order, tied to the spec digest', () => {
    const requests = buildCatalogRequests(sources());
    expect(Object.keys(requests.operations)).toEqual(buildCatalog(sources()).operations.filter((op) => op.source === 'spec').map((op) => op.id));
    expect(requests.specSha256).toBe(buildCatalog(sources()).source.spec.sha256);
    expect(requests.operations['PATCH /api/v2/users/{id}']).toEqual({
      pathParams: [{ name: 'id', type: 'string', required: true }],
      queryParams: [],
      body: { contentType: 'application/json', skeleton: { connection: 'string' } },
    });
    expect(requests.operations['GET /api/v2/actions/actions']).toEqual({ pathParams: [], queryParams: [], body: null });
  });

  it('is deterministic', () => {
    expect(serializeCatalog(buildCatalogRequests(sources()))).toBe(serializeCatalog(buildCatalogRequests(sources())));
  });
});

describe('firstDifference', () => {
  it('names the first line that differs, for the --check message', () => {
    expect(firstDifference('a\nb\nc\n', 'a\nb\nc\n')).toBeNull();
    expect(firstDifference('a\nb\nc\n', 'a\nX\nc\n')).toEqual({ line: 2, expected: 'b', actual: 'X' });
    expect(firstDifference('a\n', 'a\nb\n')).toEqual({ line: 2, expected: '', actual: 'b' });
  });
});
