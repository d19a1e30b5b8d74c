import { describe, expect, it } from 'vitest';
import { APPOINTMENTS_EXAMPLE, customApiSchema, customApiToDefinition, formatEndpointLines, parseEndpointLines } from './custom-api';
import { resolveRequiredScopes } from './resolve-scopes';

describe('parseEndpointLines', () => {
  it('reads METHOD /path with any-of scopes, all-of with +, and no scope', () => {
    const { operations, errors } = parseEndpointLines('get /appointments read:appointments admin\n\n# comment\nPOST /appointments write:appointments+read:appointments\nGET /health');
    expect(errors).toEqual([]);
    expect(operations.map((o) => [o.method, o.path, o.anyOf])).toEqual([
      ['GET', '/appointments', [['read:appointments'], ['admin']]],
      ['POST', '/appointments', [['write:appointments', 'read:appointments']]],
      ['GET', '/health', [[]]],
    ]);
  });

  it('reports bad lines by number', () => {
    const { errors } = parseEndpointLines('GET /ok read:x\nFETCH /x\nGET nopath\nGET /x bad"scope');
    expect(errors.map((e) => [e.code, e.line])).toEqual([
      ['ERR_ENDPOINT_LINE_INVALID', 2],
      ['ERR_ENDPOINT_LINE_INVALID', 3],
      ['ERR_ENDPOINT_LINE_INVALID', 4],
    ]);
  });

  it('round-trips through formatEndpointLines', () => {
    const text = 'GET /appointments read:appointments\nPOST /appointments write:appointments+read:appointments\nGET /health';
    expect(formatEndpointLines(parseEndpointLines(text).operations)).toBe(text);
  });
});

describe('customApiToDefinition', () => {
  it('the appointments example resolves like the Management API does, without user-context limits', () => {
    const api = customApiToDefinition(customApiSchema.parse(APPOINTMENTS_EXAMPLE));
    expect(api.audience).toEqual({ type: 'exact', identifier: 'https://api.demo.test/' });
    expect(resolveRequiredScopes(api, api.operations, 'user').scopeString).toBe('read:appointments write:appointments');
    expect(api.operations[0]?.id).toBe('GET /appointments');
  });
});
