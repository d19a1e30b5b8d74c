import { describe, expect, it } from 'vitest';
import catalog from '../../lib/catalog/data/auth0-management-api.json';
import { clientGrantScopes, managementApiAudience, managementApiScopes, userContextScopes } from './tenant';

const issuer = 'http://127.0.0.1:4001/';

describe('demo tenant', () => {
  it('grants demo-m2m every scope any catalogued Management API operation needs', () => {
    const granted = new Set(clientGrantScopes('demo-m2m', managementApiAudience(issuer), issuer));
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
    expect(clientGrantScopes('demo-spa', managementApiAudience(issuer), issuer)).toEqual([]);
    expect(clientGrantScopes('demo-rs', managementApiAudience(issuer), issuer)).toEqual([]);
  });
});
