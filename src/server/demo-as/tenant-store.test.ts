import { describe, expect, it } from 'vitest';
import { testTenant } from './test-tenant';

const api = 'https://api.example.test/';

describe('tenant store', () => {
  it('keeps a revoked JWT on its list until the token would have expired anyway', () => {
    const tenant = testTenant();
    tenant.revokeAccessToken('jti-1', 1_000, 500);
    tenant.revokeAccessToken('jti-old', 400, 500);
    expect(tenant.isAccessTokenRevoked('jti-1')).toBe(true);
    expect(tenant.isAccessTokenRevoked('jti-old')).toBe(false);
    tenant.revokeAccessToken('jti-2', 2_000, 1_000);
    expect(tenant.isAccessTokenRevoked('jti-1')).toBe(false);
    expect(tenant.isAccessTokenRevoked('jti-2')).toBe(true);
  });

  it('keeps a fresh store per tenant, so edits never leak between instances', () => {
    const a = testTenant();
    const b = testTenant();
    a.clientGrants.delete('cgr_demo_m2m_appointments');
    expect(a.grantedScopes('demo-m2m', 'https://api.demo.test/')).toEqual([]);
    expect(b.grantedScopes('demo-m2m', 'https://api.demo.test/')).toEqual(['read:appointments', 'write:appointments']);
  });

  it('copies records in, so a caller mutating its object does not change the store', () => {
    const tenant = testTenant();
    const grant = { id: 'cgr_new', client_id: 'demo-m2m', audience: api, scope: ['read:things'] };
    tenant.clientGrants.put(grant);
    grant.scope.push('delete:things');
    expect(tenant.grantedScopes('demo-m2m', api)).toEqual(['read:things']);
  });

  it("adds a user's direct permissions to their roles' ones, once each", () => {
    const tenant = testTenant();
    const alice = tenant.users.get('auth0|alice');
    if (!alice) throw new Error('alice is seeded');
    const direct = (permission_name: string) => ({ resource_server_identifier: 'https://api.demo.test/', permission_name });
    tenant.users.put({ ...alice, permissions: [direct('read:appointments'), direct('export:appointments')] });
    expect(tenant.userPermissions('auth0|alice', 'https://api.demo.test/')).toEqual(['read:appointments', 'export:appointments', 'write:appointments']);
    expect(tenant.userPermissions('auth0|nobody', 'https://api.demo.test/')).toEqual([]);
  });
});
