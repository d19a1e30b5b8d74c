import { describe, expect, it } from 'vitest';
import { operationRequest, requestSkeleton, shortDescription, SKELETON_MAX_DEPTH } from './request-shape';
import type { OpenApiComponents } from './request-shape';

const components: OpenApiComponents = {
  schemas: {
    Permission: {
      type: 'object',
      required: ['resource_server_identifier', 'permission_name'],
      properties: { resource_server_identifier: { type: 'string' }, permission_name: { type: 'string' }, description: { type: 'string' } },
    },
    AddPermissions: { type: 'object', required: ['permissions'], properties: { permissions: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Permission' } } } },
    Strategy: { type: 'string', enum: ['auth0', 'google-oauth2'] },
    Node: { type: 'object', required: ['child'], properties: { child: { $ref: '#/components/schemas/Node' } } },
    SearchEngine: { type: 'string', enum: ['v1', 'v2', 'v3'] },
  },
  parameters: { Page: { name: 'page', in: 'query', schema: { type: 'integer' } } },
};

describe('requestSkeleton', () => {
  it('keeps only required properties, resolving $ref, with placeholders by enum, format and type', () => {
    const schema = {
      type: 'object',
      required: ['name', 'strategy', 'email', 'created', 'homepage', 'count', 'enabled', 'tags', 'nested', 'kind'],
      properties: {
        name: { type: 'string' },
        strategy: { $ref: '#/components/schemas/Strategy' },
        email: { type: 'string', format: 'email' },
        created: { type: ['string', 'null'], format: 'date-time' },
        homepage: { type: 'string', format: 'absolute-https-uri-or-empty' },
        count: { type: 'integer', minimum: 1 },
        enabled: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        nested: { type: 'object', required: ['a'], properties: { a: { type: 'number' }, b: { type: 'string' } } },
        kind: { type: 'string', const: 'fixed' },
        optional: { type: 'string' },
      },
    };
    expect(requestSkeleton(schema, components)).toEqual({
      name: 'string',
      strategy: 'auth0',
      email: 'user@example.com',
      created: '2025-01-01T00:00:00.000Z',
      homepage: 'https://example.com',
      count: 1,
      enabled: false,
      tags: [],
      nested: { a: 0 },
      kind: 'fixed',
    });
  });

  it('puts one item in an array that needs at least one', () => {
    expect(requestSkeleton({ $ref: '#/components/schemas/AddPermissions' }, components)).toEqual({
      permissions: [{ resource_server_identifier: 'string', permission_name: 'string' }],
    });
  });

  it('uses a primitive default, merges allOf and takes the first non-null oneOf', () => {
    expect(requestSkeleton({ type: 'string', default: 'users_export' }, components)).toBe('users_export');
    expect(
      requestSkeleton({ allOf: [{ $ref: '#/components/schemas/Permission' }, { type: 'object', required: ['extra'], properties: { extra: { type: 'boolean' } } }] }, components),
    ).toEqual({ resource_server_identifier: 'string', permission_name: 'string', extra: false });
    expect(requestSkeleton({ oneOf: [{ type: 'null' }, { type: 'integer' }] }, components)).toBe(0);
  });

  it('stops at reference cycles and at the depth cap', () => {
    const value = requestSkeleton({ $ref: '#/components/schemas/Node' }, components);
    expect(value).toEqual({ child: null });
    let deep: Record<string, unknown> = { type: 'object', required: ['x'], properties: { x: { type: 'string' } } };
    for (let i = 0; i < SKELETON_MAX_DEPTH + 2; i += 1) deep = { type: 'object', required: ['x'], properties: { x: deep } };
    const text = JSON.stringify(requestSkeleton(deep, components));
    expect(text).toBe(`${'{"x":'.repeat(SKELETON_MAX_DEPTH)}{}${'}'.repeat(SKELETON_MAX_DEPTH)}`);
  });

  it('gives null for a reference it cannot resolve', () => {
    expect(requestSkeleton({ $ref: '#/components/schemas/Missing' }, components)).toBeNull();
    expect(requestSkeleton({ $ref: 'https://example.com/schema.json' }, components)).toBeNull();
  });
});

describe('shortDescription', () => {
  it('keeps the first sentence, without HTML, entities or backticks, capped', () => {
    expect(shortDescription('Field to sort by. Use <code>field:order</code> where order is 1.')).toBe('Field to sort by.');
    expect(shortDescription('Query in <a href="x">Lucene</a> &amp; `syntax`.\nMore.')).toBe('Query in Lucene & syntax.');
    expect(shortDescription('x'.repeat(300))).toHaveLength(140);
    expect(shortDescription('x'.repeat(300)).endsWith('\u2026')).toBe(true);
  });
});

describe('operationRequest', () => {
  it('reads path and query parameters (path-item ones too, $ref resolved, operation overrides) and the JSON body', () => {
    const operation = {
      parameters: [
        { name: 'id', in: 'path', description: 'ID of the role.', schema: { type: 'string' } },
        { name: 'search_engine', in: 'query', required: true, schema: { $ref: '#/components/schemas/SearchEngine' } },
        { name: 'fields', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
        { $ref: '#/components/parameters/Page' },
        { name: 'auth0-custom-domain', in: 'header', schema: { type: 'string' } },
      ],
      requestBody: {
        content: {
          'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/AddPermissions' } },
          'application/json': { schema: { $ref: '#/components/schemas/AddPermissions' } },
        },
      },
    };
    const shared = [{ name: 'id', in: 'path', description: 'overridden', schema: { type: 'string' } }, { name: 'tenant', in: 'query', schema: { type: 'string' } }];
    const request = operationRequest('/roles/{id}', operation, shared, components);
    expect(request.pathParams).toEqual([{ name: 'id', type: 'string', required: true, description: 'ID of the role.' }]);
    expect(request.queryParams).toEqual([
      { name: 'tenant', type: 'string', required: false },
      { name: 'search_engine', type: 'string', required: true, enum: ['v1', 'v2', 'v3'] },
      { name: 'fields', type: 'array', required: false },
      { name: 'page', type: 'integer', required: false },
    ]);
    expect(request.body).toEqual({ contentType: 'application/json', skeleton: { permissions: [{ resource_server_identifier: 'string', permission_name: 'string' }] } });
  });

  it('orders path parameters as the template does, and keeps a placeholder the spec forgot', () => {
    const operation = { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }, { name: 'actionId', in: 'path', schema: { type: 'string' } }] };
    expect(operationRequest('/actions/{actionId}/versions/{id}/x/{other}', operation, [], components).pathParams.map((p) => p.name)).toEqual(['actionId', 'id', 'other']);
  });

  it('names a non-JSON body by its content type, without a skeleton, and has no body when the spec has none', () => {
    expect(operationRequest('/jobs', { requestBody: { content: { 'multipart/form-data': { schema: { type: 'object' } } } } }, [], components).body).toEqual({
      contentType: 'multipart/form-data',
      skeleton: null,
    });
    expect(operationRequest('/x', {}, [], components)).toEqual({ pathParams: [], queryParams: [], body: null });
  });
});
