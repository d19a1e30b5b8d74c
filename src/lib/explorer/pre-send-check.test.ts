import { describe, expect, it } from 'vitest';
import { UnsecuredJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { customApi, findOperation, managementApi } from '../catalog/test-fixtures';
import { leastPrivilegeMint, preSendCheck } from './pre-send-check';

const NOW = new Date('2026-11-22T12:00:00Z');
const AUD = 'http://127.0.0.1:4001/api/v2/';
const jwt = (claims: JWTPayload) => new UnsecuredJWT({ exp: NOW.getTime() / 1000 + 3600, ...claims }).encode();

const listClients = findOperation(managementApi, 'GET /api/v2/clients');
const patchUser = findOperation(managementApi, 'PATCH /api/v2/users/{id}');
// The one Management API operation that only a user token can call.
const createDeviceCredential = findOperation(managementApi, 'POST /api/v2/device-credentials');

describe('preSendCheck', () => {
  it('passes a pasted token whose audience and scope fit, and names the missing scope otherwise', () => {
    const good = preSendCheck(managementApi, listClients, { type: 'token', token: jwt({ aud: AUD, sub: 'm2m@clients', gty: 'client-credentials', scope: 'read:clients' }) }, { now: NOW });
    expect(good.verdict.outcome).toBe('passes');
    expect(good.facts.verified).toBe(false);
    const lacking = preSendCheck(managementApi, listClients, { type: 'token', token: jwt({ aud: AUD, sub: 'm2m@clients', gty: 'client-credentials', scope: 'read:users' }) }, { now: NOW });
    expect(lacking.verdict.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: expect.arrayContaining([['read:clients']]) }]);
  });

  it('catches the token-level problems before any request: ID token, other audience, expiry', () => {
    const idToken = preSendCheck(managementApi, listClients, { type: 'token', token: jwt({ aud: 'spa-client', sub: 'auth0|alice', nonce: 'n' }) }, { now: NOW });
    // A user's token, too: no user token may carry the client scopes.
    expect(idToken.verdict.causes.map((c) => c.code)).toEqual(['ID_TOKEN', 'WRONG_AUDIENCE', 'USER_SCOPE_UNAVAILABLE']);
    const expired = preSendCheck(managementApi, listClients, { type: 'token', token: jwt({ aud: AUD, scope: 'read:clients', exp: NOW.getTime() / 1000 - 1 }) }, { now: NOW });
    expect(expired.verdict.causes.map((c) => c.code)).toEqual(['TOKEN_EXPIRED']);
  });

  it('judges a mint as a client-credentials token: the scopes count, a current_user scope does not', () => {
    expect(preSendCheck(managementApi, patchUser, { type: 'mint', scope: 'update:users' }).verdict.outcome).toBe('passes');
    const currentUserOnly = preSendCheck(managementApi, patchUser, { type: 'mint', scope: 'update:current_user_metadata' });
    expect(currentUserOnly.facts).toMatchObject({ kind: 'scope-string', userBound: false });
    expect(currentUserOnly.verdict.outcome).toBe('fails');
  });
});

describe('leastPrivilegeMint', () => {
  it('mints the narrowest scopes for one endpoint or a selection that work for any body', () => {
    expect(leastPrivilegeMint(managementApi, [listClients])).toEqual({ ok: true, scope: 'read:client_summary', scopes: ['read:client_summary'] });
    expect(leastPrivilegeMint(managementApi, [listClients, patchUser])).toEqual({
      ok: true,
      scope: 'read:client_summary update:users',
      scopes: ['read:client_summary', 'update:users'],
    });
  });

  it('mints a scope narrower than the endpoint only when the body it will send lies within it (the update:users_app_metadata trap)', () => {
    const scopeFor = (fields: readonly string[] | null) => {
      const plan = leastPrivilegeMint(managementApi, [patchUser], [], fields);
      return plan.ok ? plan.scope : null;
    };
    expect(scopeFor(['app_metadata'])).toBe('update:users_app_metadata');
    expect(scopeFor(['app_metadata', 'email'])).toBe('update:users');
    expect(scopeFor(['user_metadata'])).toBe('update:users');
    expect(scopeFor([])).toBe('update:users');
    expect(scopeFor(null)).toBe('update:users');
  });

  it('says when no client-credentials token can call an endpoint', () => {
    expect(leastPrivilegeMint(managementApi, [createDeviceCredential])).toEqual({ ok: false, unavailable: [createDeviceCredential] });
  });

  it('works for a custom API', () => {
    const api = customApi([{ method: 'POST', path: '/appointments', alternatives: [['write:appointments']] }]);
    expect(leastPrivilegeMint(api, api.operations)).toMatchObject({ ok: true, scope: 'write:appointments' });
  });
});
