import { describe, expect, it } from 'vitest';
import { importOpenApi, OpenApiImportError } from './openapi-import';
import { customApiToDefinition } from './custom-api';
import { resolveRequiredScopes } from './resolve-scopes';
import { explainWhy403 } from './why-403';
import { readTokenFacts } from './token-facts';

const yamlDoc = `
openapi: 3.0.3
info:
  title: Appointments API
servers:
  - url: https://api.demo.test/
security:
  - oauth: [read:appointments]
paths:
  /appointments:
    get:
      summary: List appointments
      tags: [appointments]
    post:
      summary: Book an appointment
      tags: [appointments]
      security:
        - oauth: [write:appointments, read:appointments]
  /appointments/{id}:
    parameters:
      - name: id
        in: path
    delete:
      operationId: cancelAppointment
      security:
        - oauth: [write:appointments]
        - oauth: [admin:appointments]
    options:
      summary: CORS
  /health:
    get:
      summary: Health
      security: []
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: https://tenant/oauth/token
          scopes:
            read:appointments: Read appointments
            write:appointments: Write appointments
            admin:appointments: Administer appointments
`;

const op = (result: Awaited<ReturnType<typeof importOpenApi>>, method: string, path: string) => result.api.operations.find((o) => o.method === method && o.path === path);

describe('importOpenApi', () => {
  it('imports a YAML document: operations, scopes with descriptions, identifier from servers', async () => {
    const result = await importOpenApi(yamlDoc);
    expect(result.api.name).toBe('Appointments API');
    expect(result.api.identifier).toBe('https://api.demo.test/');
    expect(result.api.scopes).toEqual([
      { name: 'read:appointments', description: 'Read appointments' },
      { name: 'write:appointments', description: 'Write appointments' },
      { name: 'admin:appointments', description: 'Administer appointments' },
    ]);
    expect(result.api.operations.map((o) => `${o.method} ${o.path}`)).toEqual([
      'GET /appointments',
      'POST /appointments',
      'DELETE /appointments/{id}',
      'GET /health',
    ]);
    expect(result.warnings).toEqual(['Skipped OPTIONS /appointments/{id}: only GET, POST, PUT, PATCH, DELETE are supported.']);
  });

  it('applies the global security, operation overrides, and an empty override as "no scope needed"', async () => {
    const result = await importOpenApi(yamlDoc);
    expect(op(result, 'GET', '/appointments')?.anyOf).toEqual([['read:appointments']]);
    expect(op(result, 'GET', '/health')?.anyOf).toEqual([[]]);
    expect(op(result, 'DELETE', '/appointments/{id}')).toMatchObject({ summary: 'cancelAppointment', tag: 'default', anyOf: [['write:appointments'], ['admin:appointments']] });
  });

  it('reads several scopes in one requirement as all-of (OpenAPI), or any-of on request (Auth0 style)', async () => {
    expect(op(await importOpenApi(yamlDoc), 'POST', '/appointments')?.anyOf).toEqual([['write:appointments', 'read:appointments']]);
    expect(op(await importOpenApi(yamlDoc, { semantics: 'any-of' }), 'POST', '/appointments')?.anyOf).toEqual([['write:appointments'], ['read:appointments']]);
  });

  it('imports JSON (without loading the YAML parser) and takes an explicit identifier', async () => {
    const json = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Billing' },
      paths: { '/invoices': { get: { security: [{ auth: ['read:invoices'] }, { key: [] }] } } },
      components: { securitySchemes: { auth: { type: 'oauth2', flows: {} }, key: { type: 'apiKey', in: 'header', name: 'x-key' } } },
    });
    const result = await importOpenApi(json, { identifier: 'urn:billing', loadYaml: () => Promise.reject(new Error('JSON needs no YAML parser')) });
    expect(result.api.identifier).toBe('urn:billing');
    // The API-key alternative needs no OAuth scope.
    expect(result.api.operations[0]?.anyOf).toEqual([['read:invoices'], []]);
  });

  it('works end to end: picking and why-403 on the imported API', async () => {
    const api = customApiToDefinition((await importOpenApi(yamlDoc)).api);
    const [list, book] = api.operations;
    expect(resolveRequiredScopes(api, [list!, book!], 'user').scopeString).toBe('read:appointments write:appointments');
    const verdict = explainWhy403(api, book!, readTokenFacts('read:appointments'));
    expect(verdict.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: [['write:appointments']] }]);
  });

  it('refuses what it cannot import, with a stable code', async () => {
    const codeOf = async (text: string) => {
      try {
        await importOpenApi(text);
      } catch (error) {
        return error instanceof OpenApiImportError ? error.code : 'other';
      }
      return 'none';
    };
    expect(await codeOf('openapi: [unclosed')).toBe('ERR_IMPORT_PARSE_FAILED');
    expect(await codeOf('{"swagger":"2.0","paths":{}}')).toBe('ERR_IMPORT_NOT_OPENAPI3');
    expect(await codeOf('openapi: 2.5.0\ninfo: {title: x}\npaths: {}')).toBe('ERR_IMPORT_NOT_OPENAPI3');
    expect(await codeOf('just a string')).toBe('ERR_IMPORT_INVALID');
    expect(await codeOf('openapi: 3.0.0\ninfo: {title: x}\npaths: {}')).toBe('ERR_IMPORT_NO_OPERATIONS');
  });

  it('warns about undeclared security schemes', async () => {
    const doc = 'openapi: 3.0.0\ninfo: {title: x}\npaths:\n  /a:\n    get:\n      security:\n        - ghost: [read:a]\n';
    const result = await importOpenApi(doc);
    expect(result.warnings).toEqual(['GET /a refers to an undeclared security scheme "ghost".']);
    // Undeclared schemes are not known to be OAuth2, so they add no scope.
    expect(result.api.operations[0]?.anyOf).toEqual([[]]);
  });
});
