import { describe, expect, it } from 'vitest';
import { UnsecuredJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { customApi, findOperation, managementApi } from '../catalog/test-fixtures';
import { readTokenFacts } from '../catalog/token-facts';
import { explainResponse } from './explain-response';
import type { ExplainContext, UpstreamAnswer } from './explain-response';

const NOW = new Date('2026-11-22T12:00:00Z');
const nowSeconds = NOW.getTime() / 1000;
const MGMT = 'http://127.0.0.1:4001/api/v2/';
const facts = (claims: JWTPayload) => readTokenFacts(new UnsecuredJWT({ exp: nowSeconds + 3600, ...claims }).encode());
const m2m = (scope: string) => facts({ aud: MGMT, sub: 'demo-m2m@clients', gty: 'client-credentials', azp: 'demo-m2m', scope });
const alice = (scope: string) => facts({ aud: [MGMT, 'http://127.0.0.1:4001/userinfo'], sub: 'auth0|alice', azp: 'demo-spa', scope: `openid ${scope}` });

const auth0 = (statusCode: number, error: string, message: string, extra: Record<string, unknown> = {}): UpstreamAnswer => ({
  status: statusCode,
  headers: { 'content-type': 'application/json' },
  body: { statusCode, error, message, ...extra },
});
const listClients = findOperation(managementApi, 'GET /api/v2/clients');
const patchUser = findOperation(managementApi, 'PATCH /api/v2/users/{id}');
const mgmt = (operation = listClients, tokenFacts: ExplainContext['facts'] = null): ExplainContext => ({ api: managementApi, operation, facts: tokenFacts, now: NOW });
const PATCH_USER_403 = auth0(403, 'Forbidden', 'Insufficient scope, expected any of: update:users,update:users_app_metadata,update:current_user_metadata', { errorCode: 'insufficient_scope' });

describe('explainResponse: the Auth0 Management API bodies', () => {
  it('400 Bad HTTP authentication header format: an opaque token', () => {
    const answer = auth0(400, 'Bad Request', 'Bad HTTP authentication header format', { errorCode: 'Bearer' });
    expect(explainResponse(answer, mgmt(listClients, readTokenFacts('Yq3mXRJ6Z0JvYxUoF7zLw1t8PqT5cN2b')))).toMatchObject({
      code: 'OPAQUE_TOKEN',
      fix: expect.stringContaining('audience'),
      upstreamMessage: 'Bad HTTP authentication header format',
      usedTokenFacts: true,
    });
    expect(explainResponse(answer, mgmt())).toMatchObject({ code: 'OPAQUE_TOKEN', usedTokenFacts: false });
  });

  it('401 Missing authentication and Invalid token', () => {
    expect(explainResponse(auth0(401, 'Unauthorized', 'Missing authentication'), mgmt())?.code).toBe('MISSING_AUTHENTICATION');
    const invalid = auth0(401, 'Unauthorized', 'Invalid token', { attributes: { error: 'Invalid token' } });
    expect(explainResponse(invalid, mgmt(listClients, m2m('read:clients')))).toMatchObject({ code: 'INVALID_TOKEN', usedTokenFacts: true, title: expect.stringContaining('another issuer') });
  });

  it('401 Bad audience: an ID token, told by the token facts or by the audience alone', () => {
    const answer = auth0(401, 'Unauthorized', 'Bad audience: demo-spa');
    const idToken = facts({ aud: 'demo-spa', sub: 'auth0|alice', nonce: 'n', at_hash: 'x' });
    expect(explainResponse(answer, mgmt(listClients, idToken))).toMatchObject({ code: 'ID_TOKEN', usedTokenFacts: true, title: expect.stringContaining('has "nonce"') });
    expect(explainResponse(answer, mgmt())).toMatchObject({ code: 'ID_TOKEN', usedTokenFacts: false, title: expect.stringContaining('ID token') });
  });

  it('401 Bad audience: a token for another API, and the missing trailing slash', () => {
    const other = explainResponse(auth0(401, 'Unauthorized', 'Bad audience: https://api.demo.test/'), mgmt());
    expect(other).toMatchObject({ code: 'WRONG_AUDIENCE', title: expect.stringContaining('https://api.demo.test/') });
    const slash = explainResponse(auth0(401, 'Unauthorized', 'Bad audience: http://127.0.0.1:4001/api/v2'), mgmt());
    expect(slash).toMatchObject({ code: 'WRONG_AUDIENCE', fix: expect.stringContaining('trailing slash') });
  });

  it('401 Expired token, with the expiry from the token facts', () => {
    const answer = auth0(401, 'Unauthorized', 'Expired token received for JSON Web Token validation');
    const expired = facts({ aud: MGMT, scope: 'read:clients', exp: nowSeconds - 60 });
    expect(explainResponse(answer, mgmt(listClients, expired))).toMatchObject({ code: 'TOKEN_EXPIRED', title: expect.stringContaining('2026-11-22T11:59:00') });
    expect(explainResponse(answer, mgmt())?.code).toBe('TOKEN_EXPIRED');
  });

  it('403 insufficient_scope on a client-credentials token: names the scopes and what to mint', () => {
    const answer = auth0(403, 'Forbidden', 'Insufficient scope, expected any of: read:clients,read:client_keys,read:client_credentials,read:client_summary', { errorCode: 'insufficient_scope' });
    const diagnosis = explainResponse(answer, mgmt(listClients, m2m('read:users')));
    expect(diagnosis).toMatchObject({
      code: 'MISSING_SCOPE',
      expectedScopes: ['read:clients', 'read:client_keys', 'read:client_credentials', 'read:client_summary'],
      mintScope: 'read:client_summary',
      usedTokenFacts: true,
    });
    expect(diagnosis?.title).toContain('read:clients');
    expect(diagnosis?.fix).toContain('mint one with these scopes and retry');
  });

  it('403 on a user token that asked for update:users: the scope was dropped; names the user-context scope', () => {
    const diagnosis = explainResponse(PATCH_USER_403, mgmt(patchUser, alice('read:current_user')));
    expect(diagnosis).toMatchObject({
      code: 'USER_SCOPE_UNAVAILABLE',
      userScopes: ['update:current_user_metadata'],
      // The body is unknown here: the scope to mint is the one that takes any body (issue 13 §4).
      mintScope: 'update:users',
      title: expect.stringContaining('update:users, update:users_app_metadata'),
      fix: expect.stringContaining('update:current_user_metadata'),
    });
  });

  it('403 on PATCH /users/{id}: the scope to mint covers the body that was sent, and no less', () => {
    const context = mgmt(patchUser, alice('read:current_user'));
    expect(explainResponse(PATCH_USER_403, { ...context, bodyFields: ['app_metadata'] })).toMatchObject({ mintScope: 'update:users_app_metadata' });
    expect(explainResponse(PATCH_USER_403, { ...context, bodyFields: ['app_metadata', 'email'] })).toMatchObject({ mintScope: 'update:users' });
    expect(explainResponse(PATCH_USER_403, { ...context, bodyFields: null })).toMatchObject({ mintScope: 'update:users' });
  });

  it('403 on a user token that holds update:current_user_metadata: own user, user_metadata only', () => {
    const diagnosis = explainResponse(PATCH_USER_403, mgmt(patchUser, alice('update:current_user_metadata')));
    expect(diagnosis).toMatchObject({ code: 'OWN_USER_ONLY', title: expect.stringContaining('own user'), fix: expect.stringContaining('user_metadata') });
  });

  it('403 on another user, or another field, where the API leaves update:current_user_metadata out of its list: still own user only', () => {
    const answer = auth0(403, 'Forbidden', 'Insufficient scope, expected any of: update:users,update:users_app_metadata', { errorCode: 'insufficient_scope' });
    expect(explainResponse(answer, mgmt(patchUser, alice('read:current_user update:current_user_metadata')))).toMatchObject({ code: 'OWN_USER_ONLY', fix: expect.stringContaining('user_metadata') });
  });

  it('403 on a client-credentials token for an endpoint only user tokens can call', () => {
    const op = findOperation(managementApi, 'POST /api/v2/device-credentials');
    const answer = auth0(403, 'Forbidden', 'Insufficient scope, expected any of: create:current_user_device_credentials', { errorCode: 'insufficient_scope' });
    expect(explainResponse(answer, mgmt(op, m2m('read:users')))).toMatchObject({ code: 'NEEDS_USER_TOKEN', mintScope: null });
  });

  it('429 rate limit, with the headers read', () => {
    const answer = { ...auth0(429, 'Too Many Requests', 'Global limit has been reached', { errorCode: 'too_many_requests' }) };
    answer.headers = { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowSeconds + 30) };
    expect(explainResponse(answer, mgmt())).toMatchObject({
      code: 'RATE_LIMITED',
      rateLimit: { limit: 10, remaining: 0, resetAt: nowSeconds + 30 },
      fix: 'Wait before retrying (0 of 10 left, resets in 30 s).',
    });
  });

  it('501 not_emulated: the demo tenant\'s limit', () => {
    const answer = auth0(501, 'Not Implemented', 'The demo tenant does not emulate GET /api/v2/logs', { errorCode: 'not_emulated' });
    expect(explainResponse(answer, mgmt())).toMatchObject({ code: 'NOT_EMULATED', title: expect.stringContaining('demo tenant') });
    expect(explainResponse({ status: 501, headers: {}, body: 'nope' }, mgmt())).toBeNull();
  });

  it('other 400s carry the API\'s message; successes and 404s need no explanation', () => {
    expect(explainResponse(auth0(400, 'Bad Request', 'Payload validation error: \'Missing required property: connection\'.'), mgmt())).toMatchObject({
      code: 'BAD_REQUEST',
      title: expect.stringContaining('Missing required property'),
    });
    expect(explainResponse({ status: 200, headers: {}, body: [] }, mgmt())).toBeNull();
    expect(explainResponse(auth0(404, 'Not Found', 'The user does not exist.', { errorCode: 'inexistent_user' }), mgmt())).toBeNull();
  });
});

describe('explainResponse: RFC 6750 challenges of a custom API', () => {
  const api = customApi([
    { method: 'GET', path: '/appointments', alternatives: [['read:appointments']] },
    { method: 'POST', path: '/appointments', alternatives: [['write:appointments']] },
  ]);
  const post = findOperation(api, 'POST /appointments');
  const bob = facts({ aud: 'https://api.demo.test/', sub: 'auth0|bob', scope: 'read:appointments' });
  const custom = (tokenFacts: ExplainContext['facts']): ExplainContext => ({ api, operation: post, facts: tokenFacts, now: NOW });

  it('insufficient_scope names the scope from the challenge', () => {
    const answer = { status: 403, headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="write:appointments"' }, body: { error: 'insufficient_scope' } };
    expect(explainResponse(answer, custom(bob))).toMatchObject({
      code: 'MISSING_SCOPE',
      expectedScopes: ['write:appointments'],
      mintScope: 'write:appointments',
      title: 'Insufficient scope: the API needs write:appointments.',
    });
  });

  it('invalid_token is refined by the token facts, else reported as is', () => {
    const header = { 'www-authenticate': 'Bearer error="invalid_token", error_description="jwt expired"' };
    const expired = facts({ aud: 'https://api.demo.test/', sub: 'auth0|bob', scope: 'read:appointments', exp: nowSeconds - 5 });
    expect(explainResponse({ status: 401, headers: header, body: '' }, custom(expired))?.code).toBe('TOKEN_EXPIRED');
    expect(explainResponse({ status: 401, headers: header, body: '' }, custom(bob))).toMatchObject({ code: 'INVALID_TOKEN', upstreamMessage: 'jwt expired' });
    const wrongAud = facts({ aud: MGMT, sub: 'auth0|bob', scope: 'read:appointments' });
    expect(explainResponse({ status: 401, headers: header, body: '' }, custom(wrongAud))?.code).toBe('WRONG_AUDIENCE');
  });

  it('a bare challenge means no token was sent', () => {
    expect(explainResponse({ status: 401, headers: { 'www-authenticate': 'Bearer realm="api"' }, body: '' }, custom(null))?.code).toBe('MISSING_AUTHENTICATION');
  });
});
