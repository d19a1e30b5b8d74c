import { describe, expect, it } from 'vitest';
import { MANAGEMENT_USER_CONTEXT_SCOPES } from './management-api';
import { diffScopes } from './scope-diff';
import type { ScopeDiffInput } from './scope-diff';

const MGMT = 'http://127.0.0.1:4001/api/v2/';
const base: ScopeDiffInput = {
  requestedScope: undefined,
  audience: undefined,
  responseScope: undefined,
  accessTokenClaims: undefined,
  managementApiIdentifier: MGMT,
  userContextScopes: MANAGEMENT_USER_CONTEXT_SCOPES,
  apiScopes: undefined,
};

function row(diff: ReturnType<typeof diffScopes>, scope: string) {
  return diff.rows.find((candidate) => candidate.scope === scope);
}

describe('diffScopes', () => {
  it('explains update:users dropped from a user token for the Management API by the user-context limit', () => {
    const diff = diffScopes({
      ...base,
      requestedScope: 'openid update:users read:current_user',
      audience: MGMT,
      responseScope: 'openid read:current_user',
      accessTokenClaims: { scope: 'openid read:current_user' },
    });
    expect(diff.dropped).toEqual(['update:users']);
    expect(row(diff, 'update:users')).toMatchObject({ status: 'dropped', reason: 'user-context-limit', inResponse: false, inAccessToken: false });
    expect(row(diff, 'read:current_user')).toMatchObject({ status: 'granted', inResponse: true, inAccessToken: true });
  });

  it('does not blame the user-context limit for words the Management API does not define', () => {
    const diff = diffScopes({
      ...base,
      requestedScope: 'openid roles update:users',
      audience: MGMT,
      responseScope: 'openid',
      accessTokenClaims: { scope: 'openid' },
      apiScopes: ['update:users', 'read:users'],
    });
    expect(row(diff, 'roles')).toMatchObject({ status: 'dropped', reason: 'not-defined-by-api' });
    expect(row(diff, 'update:users')).toMatchObject({ status: 'dropped', reason: 'user-context-limit' });
    expect(row(diffScopes({ ...base, requestedScope: 'roles', audience: MGMT, responseScope: '', accessTokenClaims: {} }), 'roles')?.reason).toBe('not-defined-or-rbac');
  });

  it('reads Auth0 RBAC permissions and tells an undefined scope from one RBAC removed', () => {
    const diff = diffScopes({
      ...base,
      requestedScope: 'openid read:appointments write:appointments delete:everything',
      audience: 'https://api.demo.test/',
      responseScope: 'openid read:appointments',
      accessTokenClaims: { scope: 'openid', permissions: ['read:appointments'] },
      apiScopes: ['read:appointments', 'write:appointments'],
    });
    expect(row(diff, 'read:appointments')?.status).toBe('granted');
    expect(row(diff, 'write:appointments')).toMatchObject({ status: 'dropped', reason: 'rbac' });
    expect(row(diff, 'delete:everything')).toMatchObject({ status: 'dropped', reason: 'not-defined-by-api' });
  });

  it('says "not defined or RBAC" when the API scopes are unknown', () => {
    const diff = diffScopes({ ...base, requestedScope: 'a:b', audience: 'https://x/', responseScope: '', accessTokenClaims: { scope: '' } });
    expect(row(diff, 'a:b')).toMatchObject({ status: 'dropped', reason: 'not-defined-or-rbac' });
  });

  it('treats an absent response scope as the requested one (RFC 6749 §5.1), for opaque tokens', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid profile' });
    expect(diff.accessTokenOpaque).toBe(true);
    expect(diff.dropped).toEqual([]);
    expect(row(diff, 'profile')?.inAccessToken).toBeUndefined();
  });

  it('does not call OIDC scopes dropped just because the access token omits them', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid email read:appointments', audience: 'https://api.demo.test/', responseScope: 'openid email read:appointments', accessTokenClaims: { scope: 'read:appointments' } });
    expect(diff.dropped).toEqual([]);
  });

  it('lists scopes granted without being requested as added', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid', responseScope: 'openid extra:scope' });
    expect(row(diff, 'extra:scope')).toMatchObject({ status: 'added', requested: false });
  });

  it('gives every row a reason', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid profile read:appointments nope', audience: 'https://api.demo.test/', responseScope: 'read:appointments extra', accessTokenClaims: { scope: 'read:appointments extra' }, idTokenClaims: { sub: 'u1', nickname: 'alice' } });
    for (const r of diff.rows) expect(r.explanation.length).toBeGreaterThan(20);
    expect(row(diff, 'read:appointments')).toMatchObject({ status: 'granted', reason: 'listed' });
    expect(row(diff, 'extra')).toMatchObject({ status: 'added', reason: 'added' });
    expect(row(diff, 'nope')).toMatchObject({ status: 'dropped' });
  });

  it('explains OIDC scopes the token response leaves out (oidc-provider with an API audience), from the ID token', () => {
    const diff = diffScopes({
      ...base,
      requestedScope: 'openid profile email read:appointments',
      audience: 'https://api.demo.test/',
      responseScope: 'read:appointments',
      accessTokenClaims: { scope: 'read:appointments' },
      idTokenClaims: { sub: 'u1', nickname: 'alice', updated_at: 1 },
    });
    expect(diff.dropped).toEqual([]);
    const openid = row(diff, 'openid');
    expect(openid).toMatchObject({ status: 'granted', reason: 'oidc-not-listed', inResponse: false });
    expect(openid?.explanation).toMatch(/oidc-provider .* leaves them out of the token response/);
    expect(openid?.explanation).toContain('The ID token that came back is its answer.');
    expect(row(diff, 'profile')?.explanation).toContain('The ID token carries its claims (nickname, updated_at).');
    // Claims of a scope may come from /userinfo only, when an access token came too.
    expect(row(diff, 'email')).toMatchObject({ status: 'granted', reason: 'oidc-not-listed' });
    expect(row(diff, 'email')?.explanation).toContain('/userinfo');
  });

  it('counts OIDC scopes carried by an Auth0-style access token, and offline_access by its refresh token', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid profile offline_access read:x', audience: 'https://api.demo.test/', responseScope: 'read:x', accessTokenClaims: { scope: 'openid profile read:x' }, refreshTokenIssued: true });
    expect(row(diff, 'profile')?.explanation).toContain('The access token’s scope carries it.');
    expect(row(diff, 'offline_access')?.explanation).toContain('refresh token that came back');
    expect(diff.dropped).toEqual([]);
  });

  it('calls an OIDC scope dropped when nothing that came back shows it', () => {
    const diff = diffScopes({ ...base, requestedScope: 'openid offline_access', responseScope: 'openid', accessTokenClaims: undefined, idTokenClaims: { sub: 'u1' } });
    expect(row(diff, 'offline_access')).toMatchObject({ status: 'dropped', reason: 'oidc-only' });
  });

  it('says why a scope counts as granted when the response omits scope, or the access token is opaque', () => {
    expect(row(diffScopes({ ...base, requestedScope: 'read:x' }), 'read:x')).toMatchObject({ status: 'granted', reason: 'response-omits-scope' });
    expect(row(diffScopes({ ...base, requestedScope: 'read:x', responseScope: 'read:x' }), 'read:x')).toMatchObject({ status: 'granted', reason: 'listed-opaque' });
  });
});
