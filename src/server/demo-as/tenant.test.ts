import { describe, expect, it } from 'vitest';
import catalog from '../../lib/catalog/data/auth0-management-api.json';
import { demoApiIdentifier, managementApiAudience, managementApiScopes, userContextScopes } from './tenant';
import { testTenant } from './test-tenant';

const issuer = 'http://127.0.0.1:4001/';

describe('demo tenant', () => {
  it('grants demo-m2m every scope any catalogued Management API operation needs', () => {
    const granted = new Set(testTenant(issuer).grantedScopes('demo-m2m', managementApiAudience(issuer)));
    const missing = catalog.operations.flatMap((op) => op.scopes).filter((s) => !granted.has(s));
    expect(missing).toEqual([]);
    expect(granted.has('update:users')).toBe(true);
  });

  it('gives users only the user-context scopes of the catalog', () => {
    expect(userContextScopes).toContain('read:current_user');
    expect(userContextScopes).toContain('update:current_user_metadata');
    expect(userContextScopes).not.toContain('update:users');
    expect(managementApiScopes).toEqual(expect.arrayContaining([...userContextScopes]));
  });

  it('gives clients without a grant nothing', () => {
    const tenant = testTenant(issuer);
    expect(tenant.grantedScopes('demo-spa', managementApiAudience(issuer))).toEqual([]);
    expect(tenant.grantedScopes('demo-rs', managementApiAudience(issuer))).toEqual([]);
  });

  it('seeds the demo API with RBAC: alice reads and writes, bob only reads', () => {
    const tenant = testTenant(issuer);
    expect(tenant.resourceServer(demoApiIdentifier)).toMatchObject({ enforce_policies: true, token_dialect: 'access_token_authz' });
    expect(tenant.resourceServer(managementApiAudience(issuer))).toMatchObject({ is_system: true });
    expect(tenant.userPermissions('auth0|alice', demoApiIdentifier)).toEqual(['read:appointments', 'write:appointments']);
    expect(tenant.userPermissions('auth0|bob', demoApiIdentifier)).toEqual(['read:appointments']);
    expect(tenant.userPermissions('auth0|bob', managementApiAudience(issuer))).toEqual([]);
  });
});
