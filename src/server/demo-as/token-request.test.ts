import { describe, expect, it } from 'vitest';
import { testTenant } from './test-tenant';
import { rewriteTokenRequest } from './token-request';

const issuer = 'http://127.0.0.1:4001/';
const tenant = testTenant(issuer);
const basic = (id: string) => `Basic ${Buffer.from(`${id}:secret`).toString('base64')}`;

describe('rewriteTokenRequest (Auth0 token requests for oidc-provider)', () => {
  it('turns audience into resource for client credentials', () => {
    const out = rewriteTokenRequest('grant_type=client_credentials&audience=https%3A%2F%2Fapi.demo.test%2F&scope=read%3Aappointments', 'application/x-www-form-urlencoded', basic('demo-m2m'), tenant);
    const params = new URLSearchParams(out.body);
    expect(params.get('resource')).toBe('https://api.demo.test/');
    expect(params.has('audience')).toBe(false);
    expect(params.get('scope')).toBe('read:appointments');
  });

  it("grants every scope of the client's grant when no scope is asked for, as Auth0 does", () => {
    const out = rewriteTokenRequest('grant_type=client_credentials&audience=https%3A%2F%2Fapi.demo.test%2F', 'application/x-www-form-urlencoded', basic('demo-m2m'), tenant);
    expect(new URLSearchParams(out.body).get('scope')).toBe('read:appointments write:appointments');
  });

  it('accepts a JSON body, as Auth0 does', () => {
    const out = rewriteTokenRequest(JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-m2m', client_secret: 's', audience: `${issuer}api/v2/`, scope: 'read:users' }), 'application/json', undefined, tenant);
    const params = new URLSearchParams(out.body);
    expect(out.changed).toBe(true);
    expect(params.get('resource')).toBe(`${issuer}api/v2/`);
    expect(params.get('client_id')).toBe('demo-m2m');
  });

  it('leaves other grants and malformed JSON alone', () => {
    const code = 'grant_type=authorization_code&code=abc&audience=x';
    expect(rewriteTokenRequest(code, 'application/x-www-form-urlencoded', undefined, tenant)).toEqual({ body: code, changed: false });
    expect(rewriteTokenRequest('{oops', 'application/json', undefined, tenant)).toEqual({ body: '{oops', changed: false });
  });
});
