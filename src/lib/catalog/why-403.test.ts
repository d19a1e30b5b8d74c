import { beforeAll, describe, expect, it } from 'vitest';
import { CompactEncrypt, SignJWT, generateKeyPair } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { readTokenFacts } from './token-facts';
import { callableEndpoints, decisiveCauses, explainWhy403, expectedAudience } from './why-403';
import type { Why403Cause } from './why-403';
import { causeMessage } from './why-403-messages';
import { customApi, findOperation, managementApi } from './test-fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const TENANT_AUD = 'https://tenant.example.auth0.com/api/v2/';

let key: CryptoKey;
beforeAll(async () => {
  ({ privateKey: key } = await generateKeyPair('RS256'));
});

async function token(claims: JWTPayload, typ = 'at+jwt'): Promise<string> {
  return new SignJWT({ iat: nowSeconds - 60, exp: nowSeconds + 3600, ...claims }).setProtectedHeader({ alg: 'RS256', typ }).sign(key);
}

const m2mClaims = (scope: string, aud: string | string[] = TENANT_AUD): JWTPayload => ({
  iss: 'https://tenant.example.auth0.com/',
  sub: 'abc123@clients',
  aud,
  azp: 'abc123',
  gty: 'client-credentials',
  scope,
});
const userClaims = (scope: string): JWTPayload => ({
  iss: 'https://tenant.example.auth0.com/',
  sub: 'auth0|alice',
  aud: [TENANT_AUD, 'https://tenant.example.auth0.com/userinfo'],
  azp: 'spa-client',
  scope: `openid profile ${scope}`,
});

const getUser = findOperation(managementApi, 'GET /api/v2/users/{id}');
const patchUser = findOperation(managementApi, 'PATCH /api/v2/users/{id}');
const verdict = (op: typeof getUser, text: string) => explainWhy403(managementApi, op, readTokenFacts(text), { now: NOW });

describe('readTokenFacts', () => {
  it('decodes a JWT access token locally and marks it unverified', async () => {
    const facts = readTokenFacts(`Bearer ${await token(m2mClaims('read:users update:users'))}`);
    expect(facts).toMatchObject({ verified: false, kind: 'jwt', use: 'access', userBound: false, scopes: ['read:users', 'update:users'], audiences: [TENANT_AUD] });
  });

  it('reads a plain scope string', () => {
    expect(readTokenFacts('read:users  update:users')).toMatchObject({ kind: 'scope-string', scopes: ['read:users', 'update:users'] });
    expect(readTokenFacts('read:users').kind).toBe('scope-string');
  });

  it('recognises opaque, encrypted, malformed and empty input', async () => {
    expect(readTokenFacts('Yq3mXRJ6Z0JvYxUoF7zLw1t8PqT5cN2b').kind).toBe('opaque');
    const { publicKey } = await generateKeyPair('RSA-OAEP-256');
    const jwe = await new CompactEncrypt(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM' }).encrypt(publicKey);
    expect(readTokenFacts(jwe).kind).toBe('encrypted');
    expect(readTokenFacts('eyJhbGciOi.eyJzdWIi.abc').kind).toBe('malformed');
    expect(readTokenFacts('   ').kind).toBe('empty');
  });

  it('tells an ID token from an access token', async () => {
    const id = await token({ iss: 'https://tenant.example.auth0.com/', sub: 'auth0|alice', aud: 'spa-client', nonce: 'n-0S6', auth_time: nowSeconds - 100 }, 'JWT');
    expect(readTokenFacts(id)).toMatchObject({ use: 'id', userBound: true });
    expect(readTokenFacts(id).useEvidence).toContain('has "nonce"');
  });

  it('reads Auth0 RBAC permissions and scp arrays as scopes', async () => {
    const facts = readTokenFacts(await token({ sub: 'auth0|bob', aud: 'https://api.demo.test/', scp: ['read:appointments'], permissions: ['write:appointments'] }));
    expect(facts.scopes).toEqual(['read:appointments', 'write:appointments']);
  });
});

describe('expectedAudience', () => {
  it('names the issuer’s Management API audience, else the configured tenant’s, else the pattern', () => {
    expect(expectedAudience(managementApi, 'https://tenant.example.auth0.com/')).toBe(TENANT_AUD);
    expect(expectedAudience(managementApi, 'http://127.0.0.1:4101')).toBe('http://127.0.0.1:4101/api/v2/');
    expect(expectedAudience(managementApi, 'http://tenant.example.com/')).toBe('https://{tenant}/api/v2/');
    expect(expectedAudience(managementApi, 'not a url')).toBe('https://{tenant}/api/v2/');
    expect(expectedAudience(managementApi)).toBe('https://{tenant}/api/v2/');
    const configured = { ...managementApi, audience: { type: 'auth0-management' as const, tenantDomain: 'acme.eu.auth0.com' } };
    expect(expectedAudience(configured, 'https://tenant.example.auth0.com/')).toBe('https://acme.eu.auth0.com/api/v2/');
    expect(expectedAudience(customApi([]), 'https://tenant.example.auth0.com/')).toBe('https://api.demo.test/');
  });
});

describe('explainWhy403: each cause', () => {
  it('passes when one accepted scope is present', async () => {
    const result = verdict(getUser, await token(m2mClaims('read:users')));
    expect(result).toMatchObject({ outcome: 'passes', causes: [], satisfiedBy: ['read:users'] });
    expect(result.notes).toContainEqual({ code: 'UNVERIFIED' });
  });

  it('missing scopes: lists the alternatives a client-credentials token could use', async () => {
    const result = verdict(getUser, await token(m2mClaims('read:clients')));
    expect(result.outcome).toBe('fails');
    expect(result.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: [['read:users'], ['read:user_idp_tokens']] }]);
  });

  it('an audience that is not a Management API audience, spotting a missing trailing slash', async () => {
    const other = verdict(getUser, await token(m2mClaims('read:users', 'https://api.demo.test/')));
    // The token's iss names its tenant: the expected audience is that tenant's, not a placeholder.
    expect(other.causes).toEqual([
      { code: 'WRONG_AUDIENCE', audiences: ['https://api.demo.test/'], expected: TENANT_AUD, fromIssuer: true, missingTrailingSlash: false },
    ]);
    expect(causeMessage(other.causes[0]!).title).toBe(`The audience https://api.demo.test/ is not ${TENANT_AUD}.`);
    expect(causeMessage(other.causes[0]!).fix).toContain(`audience=${TENANT_AUD}`);
    const noSlash = verdict(getUser, await token(m2mClaims('read:users', 'https://tenant.example.auth0.com/api/v2')));
    expect(noSlash.causes[0]).toMatchObject({ code: 'WRONG_AUDIENCE', missingTrailingSlash: true });
  });

  it('accepts the demo server\u2019s loopback Management API audience', async () => {
    expect(verdict(getUser, await token(m2mClaims('read:users', 'http://127.0.0.1:4101/api/v2/'))).outcome).toBe('passes');
  });

  it('an ID token instead of an access token', async () => {
    const id = await token({ iss: 'https://tenant.example.auth0.com/', sub: 'auth0|alice', aud: 'spa-client', nonce: 'abc' }, 'JWT');
    const result = verdict(getUser, id);
    expect(result.outcome).toBe('fails');
    expect(result.causes[0]).toEqual({
      code: 'ID_TOKEN',
      evidence: ['has "nonce"', '"aud" is a client id (spa-client), not an API identifier', 'no "scope"'],
      audience: TENANT_AUD,
    });
  });

  it('an ID token gets one verdict: not an access token, get one for the API', async () => {
    const id = await token({ iss: 'https://tenant.example.auth0.com/', sub: 'auth0|alice', aud: 'spa-client', nonce: 'abc' }, 'JWT');
    const result = explainWhy403(managementApi, patchUser, readTokenFacts(id), { now: NOW, assumedKind: 'user' });
    // The data keeps every cause (the explorer reads them); what the user is shown is the one that matters.
    expect(result.causes.length).toBeGreaterThan(1);
    const shown = decisiveCauses(result.causes);
    expect(shown.map((c) => c.code)).toEqual(['ID_TOKEN']);
    const message = causeMessage(shown[0]!);
    expect(message.fix).toBe(
      `An ID token is not an access token. Get an access token for the API: request it with audience=${TENANT_AUD}, and send the access_token of the token response.`,
    );
    expect(`${message.title} ${message.fix}`).not.toContain('update:current_user_metadata');
  });

  it('keeps every cause of an access token', () => {
    const causes: Why403Cause[] = [{ code: 'TOKEN_EXPIRED', expiredAt: NOW }, { code: 'MISSING_SCOPE', anyOf: [['read:users']] }];
    expect(decisiveCauses(causes)).toEqual(causes);
  });

  it('an opaque token', () => {
    expect(verdict(getUser, 'Yq3mXRJ6Z0JvYxUoF7zLw1t8PqT5cN2b').causes).toEqual([{ code: 'OPAQUE_TOKEN' }]);
  });

  it('an expired token', async () => {
    const expired = await token({ ...m2mClaims('read:users'), exp: nowSeconds - 5 });
    expect(verdict(getUser, expired).causes).toEqual([{ code: 'TOKEN_EXPIRED', expiredAt: new Date((nowSeconds - 5) * 1000) }]);
    expect(explainWhy403(managementApi, getUser, readTokenFacts(expired), { now: NOW, clockTolerance: 10 }).outcome).toBe('passes');
  });

  it('a user token for an endpoint that needs a scope users cannot get', async () => {
    const result = verdict(findOperation(managementApi, 'GET /api/v2/clients'), await token(userClaims('read:current_user')));
    expect(result.causes).toEqual([{ code: 'USER_SCOPE_UNAVAILABLE', scopes: ['read:clients', 'read:client_keys', 'read:client_credentials', 'read:client_summary'] }]);
  });

  it('a user token missing the user-context scope is told which one to request', async () => {
    const result = verdict(patchUser, await token(userClaims('read:current_user')));
    expect(result.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: [['update:current_user_metadata'], ['create:current_user_metadata']] }]);
  });

  it('a user token with update:current_user_metadata passes, for its own user only', async () => {
    const result = verdict(patchUser, await token(userClaims('update:current_user_metadata')));
    expect(result.outcome).toBe('passes');
    expect(result.notes).toContainEqual({ code: 'OWN_USER_ONLY', scope: 'update:current_user_metadata' });
  });

  it('a client-credentials token for an endpoint only users can call', async () => {
    const result = verdict(findOperation(managementApi, 'POST /api/v2/device-credentials'), await token(m2mClaims('create:current_user_device_credentials')));
    expect(result.causes).toEqual([{ code: 'NEEDS_USER_TOKEN', scopes: ['create:current_user_device_credentials'] }]);
  });

  it('a scope string skips the token checks and says so', () => {
    const result = verdict(getUser, 'read:users');
    expect(result.outcome).toBe('passes');
    expect(result.notes).toContainEqual({ code: 'SCOPE_STRING_ONLY' });
  });

  it('a scope string is judged as the chosen token kind', () => {
    const asUser = explainWhy403(managementApi, patchUser, readTokenFacts('read:current_user'), { now: NOW, assumedKind: 'user' });
    expect(asUser.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: [['update:current_user_metadata'], ['create:current_user_metadata']] }]);
    const asMachine = explainWhy403(managementApi, patchUser, readTokenFacts('read:users'), { now: NOW, assumedKind: 'm2m' });
    expect(asMachine.causes).toEqual([{ code: 'MISSING_SCOPE', anyOf: [['update:users'], ['update:users_app_metadata']] }]);
    const userOnly = explainWhy403(managementApi, findOperation(managementApi, 'GET /api/v2/clients'), readTokenFacts('read:clients'), { now: NOW, assumedKind: 'user' });
    expect(userOnly.causes[0]?.code).toBe('USER_SCOPE_UNAVAILABLE');
  });

  it('notes the feature flag of early-access endpoints', async () => {
    const ea = findOperation(managementApi, 'GET /api/v2/agents');
    expect(verdict(ea, await token(m2mClaims('read:agents'))).notes).toContainEqual({ code: 'FEATURE_FLAG', lifecycle: 'EA' });
  });

  it('for a custom API, the audience is the API identifier', async () => {
    const api = customApi([{ method: 'GET', path: '/appointments', alternatives: [['read:appointments']] }]);
    const op = api.operations[0]!;
    const good = await token({ sub: 'auth0|bob', aud: 'https://api.demo.test/', scope: 'read:appointments' });
    expect(explainWhy403(api, op, readTokenFacts(good), { now: NOW }).outcome).toBe('passes');
    const bad = await token({ sub: 'auth0|bob', aud: TENANT_AUD, scope: 'read:appointments' });
    expect(explainWhy403(api, op, readTokenFacts(bad), { now: NOW }).causes[0]).toMatchObject({ code: 'WRONG_AUDIENCE', expected: 'https://api.demo.test/' });
  });
});

describe('callableEndpoints', () => {
  it('lists every endpoint a client-credentials token can call', async () => {
    const { operations, problems } = callableEndpoints(managementApi, readTokenFacts(await token(m2mClaims('read:users read:clients'))), { now: NOW });
    expect(problems).toEqual([]);
    const ids = operations.map((op) => op.id);
    expect(ids).toContain('GET /api/v2/users/{id}');
    expect(ids).toContain('GET /api/v2/clients');
    expect(ids).toContain('GET /api/v2/jobs/{id}');
    expect(ids).not.toContain('PATCH /api/v2/users/{id}');
    expect(ids).toHaveLength(new Set(ids).size);
  });

  it('a user token reaches only what its user-context scopes unlock', async () => {
    const { operations } = callableEndpoints(managementApi, readTokenFacts(await token(userClaims('read:current_user update:current_user_metadata'))), { now: NOW });
    expect(operations.map((op) => op.id).sort()).toEqual(['GET /api/v2/users/{id}', 'GET /api/v2/users/{id}/enrollments', 'PATCH /api/v2/users/{id}']);
  });

  it('an ID token can call nothing, and says why', async () => {
    const id = await token({ sub: 'auth0|alice', aud: 'spa-client', nonce: 'abc' }, 'JWT');
    const result = callableEndpoints(managementApi, readTokenFacts(id), { now: NOW });
    expect(result.operations).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(['ID_TOKEN', 'WRONG_AUDIENCE']);
  });
});
