import { describe, expect, it } from 'vitest';
import { callRequestSchema, callResponseSchema } from './call-contract';

describe('callRequestSchema', () => {
  it('accepts a Management API call with a pasted token, query and body', () => {
    const request = {
      profile: 'demo',
      method: 'PATCH',
      path: '/api/v2/users/auth0|alice',
      query: { fields: ['email', 'name'], include_fields: 'true' },
      body: { user_metadata: { theme: 'dark' } },
      token: 'eyJ.a.b',
    };
    expect(callRequestSchema.parse(request)).toEqual(request);
  });

  it('accepts a least-privilege mint for a custom API, and no credential at all', () => {
    expect(callRequestSchema.safeParse({ profile: 'demo', api: 'https://api.demo.test/', method: 'GET', path: '/appointments', mintScope: 'read:appointments' }).success).toBe(true);
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'GET', path: '/api/v2/users' }).success).toBe(true);
  });

  it('refuses both a token and a mint, unknown fields, other methods and relative paths', () => {
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'GET', path: '/x', token: 't', mintScope: 'read:users' }).success).toBe(false);
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'GET', path: '/x', baseUrl: 'http://evil' }).success).toBe(false);
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'HEAD', path: '/x' }).success).toBe(false);
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'GET', path: 'http://evil/x' }).success).toBe(false);
    expect(callRequestSchema.safeParse({ profile: 'demo', method: 'GET', path: '/x', mintScope: 'read:users "x"' }).success).toBe(false);
  });
});

describe('callResponseSchema', () => {
  it('carries the upstream status, headers, body and meta', () => {
    const answer = { status: 403, headers: { 'x-ratelimit-limit': '10' }, body: { statusCode: 403 }, meta: { elapsedMs: 12, url: 'http://127.0.0.1:4001/api/v2/clients' } };
    expect(callResponseSchema.parse(answer)).toEqual(answer);
    expect(callResponseSchema.safeParse({ ...answer, meta: { elapsedMs: -1, url: '' } }).success).toBe(false);
  });
});
