import { describe, expect, it } from 'vitest';
import { CLAIM_REGISTRY, explainClaims, isNamespacedClaim } from './claims';

describe('explainClaims', () => {
  it('explains registered, OIDC and Auth0 claims with a spec link', () => {
    for (const name of ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'nonce', 'auth_time', 'acr', 'amr', 'at_hash', 'azp', 'gty', 'scope', 'permissions', 'org_id', 'org_name', 'email', 'sid']) {
      const info = CLAIM_REGISTRY[name];
      expect(info, name).toBeDefined();
      expect(info?.specUrl).toMatch(/^https:\/\//);
    }
  });

  it('shows ISO and relative time for time claims', () => {
    const [row] = explainClaims({ exp: 1_700_011_520 }, 1_700_000_000);
    expect(row?.time).toEqual({ iso: '2023-11-15T01:25:20Z', relative: 'in 3 h 12 min' });
  });

  it('recognises namespaced custom claims', () => {
    const rows = explainClaims({ 'https://example.com/user_id': 'u1', tenant: 't' }, 0);
    expect(rows[0]?.kind).toBe('namespaced');
    expect(rows[1]?.kind).toBe('custom');
    expect(isNamespacedClaim('urn:example:claim')).toBe(true);
    expect(isNamespacedClaim('http_status')).toBe(false);
  });

  it('keeps hostile values as plain JSON text', () => {
    const [row] = explainClaims({ name: '<img src=x onerror=alert(1)>' }, 0);
    expect(row?.valueText).toBe('"<img src=x onerror=alert(1)>"');
  });

  it('does not treat inherited property names as claims it knows', () => {
    expect(explainClaims({ constructor: 1 }, 0)[0]?.kind).toBe('custom');
  });
});
