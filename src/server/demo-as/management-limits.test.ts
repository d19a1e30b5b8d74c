import { beforeAll, describe, expect, it } from 'vitest';
import { maxJsonDepth } from '../oauth/secret-scrubber';
import { maxUpstreamResponseBytes } from '../oauth/upstream-fetch';
import { bearerVerifier } from './bearer-token';
import { BurstLimiter, burstLimitCapacity } from './burst-limit';
import { nestedDeeperThan } from './json-depth';
import { managementApi } from './management-api';
import { maxJsonBodyDepth } from './management-context';
import { managementApiAudience } from './tenant';
import { TenantStore, TenantStoreLimitError, tenantLimits } from './tenant-store';
import { testSigner, type TestSigner } from './test-bearer';
import { testManagementApi } from './test-management';
import { testTenant } from './test-tenant';
import { userLimits } from './user-limits';

/** The demo Management API under abuse: a demo user's own token, or any client's, must not break it for everyone. */

const issuer = 'http://127.0.0.1:4001/';
const audience = managementApiAudience(issuer);
const bob = '/api/v2/users/auth0%7Cbob';
const bobOwn = 'openid read:current_user update:current_user_metadata';
let signer: TestSigner;

beforeAll(async () => {
  signer = await testSigner(issuer);
});

const nested = (levels: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
};
const newUser = (n: number, extra: Record<string, unknown> = {}) => ({ connection: 'Username-Password-Authentication', email: `user${n}@demo.test`, ...extra });

describe('a deeply nested JSON body', () => {
  it("is Auth0's 400 invalid_body, not a 500, on every body the API reads (3,000 levels, sent with bob's own token)", async () => {
    const { call } = testManagementApi(signer);
    const deep = { user_metadata: nested(3000) };
    expect(JSON.stringify(deep).length).toBeLessThan(64 * 1024);
    const refusal = { statusCode: 400, error: 'Bad Request', message: `Payload validation error: 'JSON nested deeper than ${maxJsonBodyDepth} levels'.`, errorCode: 'invalid_body' };
    expect(await call('PATCH', bob, bobOwn, deep, 'auth0|bob')).toEqual({ status: 400, body: refusal });
    expect(await call('POST', '/api/v2/users', 'create:users', newUser(1, deep))).toEqual({ status: 400, body: refusal });
    expect(await call('POST', '/api/v2/roles', 'create:roles', { name: 'x', description: nested(3000) })).toEqual({ status: 400, body: refusal });
    expect((await call('GET', '/api/v2/users', 'read:users')).status).toBe(200);
  });

  it('is refused just past the bound, and read at it', async () => {
    const { call } = testManagementApi(signer);
    // The body itself is one level: user_metadata's value sits at the second.
    expect((await call('PATCH', bob, bobOwn, { user_metadata: nested(maxJsonBodyDepth - 1) }, 'auth0|bob')).status).toBe(200);
    expect((await call('PATCH', bob, bobOwn, { user_metadata: nested(maxJsonBodyDepth) }, 'auth0|bob')).status).toBe(400);
  });

  it('counts arrays as levels, and measures without recursing', () => {
    expect(nestedDeeperThan([[[1]]], 3)).toBe(false);
    expect(nestedDeeperThan([[[[1]]]], 3)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 1 }], c: 'x' }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan(nested(100_000), 10)).toBe(true);
    expect(nestedDeeperThan('flat', 0)).toBe(false);
  });
});

describe("Auth0's limits on a user", () => {
  it("refuses a profile over 10 KB, however it would grow: bob's own metadata, a create, app_metadata", async () => {
    const { call, tenant } = testManagementApi(signer);
    const big = 'x'.repeat(userLimits.profileBytes);
    const own = await call('PATCH', bob, bobOwn, { user_metadata: { notes: big } }, 'auth0|bob');
    expect(own.status).toBe(400);
    expect(own.body).toMatchObject({ statusCode: 400, error: 'Bad Request', errorCode: 'user_profile_size_exceeded', message: expect.stringMatching(/^The user profile would be \d+ bytes: user profiles are limited to 10 KB \(10240 bytes\)/) });
    expect(tenant.users.get('auth0|bob')?.user_metadata).toEqual({});
    // Grown a little at a time, root property by root property (Auth0 merges the root): refused once it passes.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await call('PATCH', bob, bobOwn, { user_metadata: { [`k${i}`]: 'y'.repeat(1000) } }, 'auth0|bob')).status);
    expect(statuses.slice(0, 9).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(400);
    expect(Buffer.byteLength(JSON.stringify((await call('GET', bob, bobOwn, undefined, 'auth0|bob')).body))).toBeLessThanOrEqual(userLimits.profileBytes);

    expect((await call('POST', '/api/v2/users', 'create:users', newUser(1, { user_metadata: { notes: big } }))).body).toMatchObject({ errorCode: 'user_profile_size_exceeded' });
    expect((await call('PATCH', '/api/v2/users/auth0%7Calice', 'update:users_app_metadata', { app_metadata: { notes: big } })).body).toMatchObject({ errorCode: 'user_profile_size_exceeded' });
  });

  it("refuses the spec's field lengths with Auth0's payload-validation wording", async () => {
    const { call } = testManagementApi(signer);
    expect(await call('POST', '/api/v2/users', 'create:users', newUser(1, { name: 'n'.repeat(301) }))).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: "Payload validation error: 'String is too long (301 chars), maximum 300' on property name (The user's full name).", errorCode: 'invalid_body' },
    });
    expect((await call('PATCH', bob, 'update:users', { nickname: 'n'.repeat(301) })).body).toMatchObject({ message: "Payload validation error: 'String is too long (301 chars), maximum 300' on property nickname (The user's nickname)." });
    expect((await call('POST', '/api/v2/users', 'create:users', newUser(2, { user_id: 'u'.repeat(256) }))).body).toMatchObject({ errorCode: 'invalid_body', message: expect.stringContaining("maximum 255' on property user_id") });
    expect((await call('POST', '/api/v2/users', 'create:users', newUser(3, { user_id: 'has space' }))).body).toMatchObject({ errorCode: 'invalid_body', message: expect.stringContaining('does not match pattern') });
    expect((await call('POST', '/api/v2/users', 'create:users', { connection: 'x', email: `${'e'.repeat(250)}@d.test` })).status).toBe(400);
    expect((await call('POST', '/api/v2/users', 'create:users', newUser(4, { name: 'n'.repeat(300), user_id: 'u'.repeat(255) }))).status).toBe(201);
  });

  it('refuses more than 50 roles on a user', async () => {
    const { call, tenant } = testManagementApi(signer);
    const roles = Array.from({ length: userLimits.rolesPerUser + 1 }, (_, i) => tenant.roles.put({ id: `rol_${i}`, name: `r${i}`, description: '', permissions: [] }).id);
    expect((await call('POST', `${bob}/roles`, 'update:users', { roles: roles.slice(0, 49) })).status).toBe(204);
    const refused = await call('POST', `${bob}/roles`, 'update:users', { roles });
    expect(refused).toEqual({ status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'A user can have at most 50 roles.', errorCode: 'entity_limit_exceeded' } });
  });
});

describe('a bounded store', () => {
  it('keeps a full page of the largest users under the 1 MB answer cap and the 64-level nesting cap', async () => {
    const { call } = testManagementApi(signer);
    for (let n = 0; n < 100; n += 1) {
      const created = await call('POST', '/api/v2/users', 'create:users', newUser(n, { name: 'n'.repeat(300), nickname: 'k'.repeat(300), user_id: `${n}`.padEnd(255, 'u'), user_metadata: { deep: nested(maxJsonBodyDepth - 2), notes: '' } }));
      expect(created).toMatchObject({ status: 201 });
      // Filled to the byte: the largest profile the limit lets in.
      const room = userLimits.profileBytes - Buffer.byteLength(JSON.stringify(created.body));
      const path = `/api/v2/users/${encodeURIComponent(String((created.body as { user_id: string }).user_id))}`;
      const filled = await call('PATCH', path, 'update:users', { user_metadata: { notes: 'z'.repeat(room) } });
      expect(filled).toMatchObject({ status: 200 });
      expect((await call('PATCH', path, 'update:users', { user_metadata: { notes: 'z'.repeat(room + 1) } })).status).toBe(400);
    }
    const page = await call('GET', '/api/v2/users?per_page=100&include_totals=true', 'read:users');
    expect(page.status).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(page.body))).toBeLessThan(maxUpstreamResponseBytes);
    expect(nestedDeeperThan(page.body, maxJsonDepth)).toBe(false);
  }, 30_000);

  it("refuses a collection past its count with 403 entity_limit_exceeded, and lets a replace or a delete through", async () => {
    const { call, tenant } = testManagementApi(signer);
    const seeded = tenant.clients.list().length;
    for (let i = seeded; i < tenantLimits.clients; i += 1) expect((await call('POST', '/api/v2/clients', 'create:clients', { name: `c${i}` })).status).toBe(201);
    expect(await call('POST', '/api/v2/clients', 'create:clients', { name: 'one too many' })).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: `The demo tenant holds at most ${tenantLimits.clients} applications.`, errorCode: 'entity_limit_exceeded' },
    });
    expect((await call('PATCH', '/api/v2/clients/demo-m2m', 'update:clients', { name: 'Renamed' })).status).toBe(200);
    expect((await call('DELETE', '/api/v2/clients/demo-spa', 'delete:clients')).status).toBe(204);
    expect((await call('POST', '/api/v2/clients', 'create:clients', { name: 'fits again' })).status).toBe(201);
  });

  it('bounds users at 1,000 and the whole store by size, counting replaced and deleted records once', () => {
    const tenant = testTenant();
    const user = tenant.users.get('auth0|bob');
    if (!user) throw new Error('bob is seeded');
    for (let i = tenant.users.list().length; i < tenantLimits.users; i += 1) tenant.users.put({ ...user, user_id: `auth0|u${i}` });
    expect(() => tenant.users.put({ ...user, user_id: 'auth0|one-more' })).toThrow(new TenantStoreLimitError('users', 'count', tenantLimits.users));

    const small = new TenantStore({ ...tenantLimits, storeBytes: 4096 });
    const grant = (id: string, scope: string[]) => ({ id, client_id: 'c', audience: 'a', scope });
    small.clientGrants.put(grant('g1', ['x'.repeat(1500)]));
    small.clientGrants.put(grant('g1', ['x'.repeat(2500)]));
    expect(small.storedBytes).toBeLessThan(2700);
    expect(() => small.clientGrants.put(grant('g2', ['x'.repeat(2000)]))).toThrow(TenantStoreLimitError);
    expect(small.clientGrants.get('g2')).toBeUndefined();
    small.clientGrants.delete('g1');
    expect(small.storedBytes).toBe(0);
    small.clientGrants.put(grant('g2', ['x'.repeat(2000)]));
  });

  it('takes 1,000 creates of the largest users it allows up to its user count, then refuses, with the store under its size cap', async () => {
    const { call, tenant } = testManagementApi(signer);
    const statuses: number[] = [];
    for (let n = 0; n < 1000; n += 1) statuses.push((await call('POST', '/api/v2/users', 'create:users', newUser(n, { user_metadata: { blob: 'm'.repeat(userLimits.profileBytes - 600) } }))).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(tenantLimits.users - 2);
    expect(statuses.slice(tenantLimits.users - 2)).toEqual([403, 403]);
    expect(tenant.users.list()).toHaveLength(tenantLimits.users);
    expect(tenant.storedBytes).toBeLessThan(tenantLimits.storeBytes);
    // 60 KB users (the issue's) never get in at all.
    expect((await call('POST', '/api/v2/users', 'create:users', newUser(5000, { user_metadata: { blob: 'm'.repeat(60 * 1024) } }))).body).toMatchObject({ errorCode: 'user_profile_size_exceeded' });
  }, 60_000);
});

describe('store integrity', () => {
  it("answers POST /api/v2/users with an existing user_id with Auth0's 409, leaving the user as it was", async () => {
    const { call, tenant } = testManagementApi(signer);
    const before = tenant.users.get('auth0|bob');
    const again = await call('POST', '/api/v2/users', 'create:users', { connection: 'Username-Password-Authentication', email: 'mallory@demo.test', user_id: 'bob', name: 'Mallory' });
    expect(again).toEqual({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'The user already exists.', errorCode: 'auth0_idp_error' } });
    expect(tenant.users.get('auth0|bob')).toEqual(before);
  });

  it("answers PATCH giving a user another user's email (in any case) with Auth0's 400, and lets a user keep its own", async () => {
    const { call, tenant } = testManagementApi(signer);
    const taken = await call('PATCH', bob, 'update:users', { email: 'ALICE@demo.test' });
    expect(taken).toEqual({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'The specified new email already exists', errorCode: 'auth0_idp_error' } });
    expect(tenant.users.get('auth0|bob')?.email).toBe('bob@demo.test');
    expect((await call('PATCH', bob, 'update:users', { email: 'Bob@demo.test' })).status).toBe(200);
    expect((await call('GET', '/api/v2/users-by-email?email=alice%40demo.test', 'read:users')).body).toHaveLength(1);
  });
});

describe("the rate limit keys on the token's client and user, not on the header's text", () => {
  const setup = () => {
    const stopped = new Date();
    const app = managementApi({ tenant: testTenant(issuer), verifier: bearerVerifier(issuer, signer.signingKey), audience, limiter: new BurstLimiter(), now: () => stopped });
    return (authorization: string) => app.request(`${issuer}api/v2/users`, { headers: { authorization } });
  };

  it('gives bearer, BEARER and extra spaces the same bucket', async () => {
    const get = setup();
    const token = await signer.sign({ aud: audience, sub: 'demo-m2m@clients', azp: 'demo-m2m', scope: 'read:users' });
    const spellings = ['Bearer', 'bearer', 'BEARER', 'bEaReR'].flatMap((scheme) => [`${scheme} ${token}`, `${scheme}  ${token}`, `${scheme}   ${token}  `]);
    const statuses = [];
    for (const header of spellings) statuses.push((await get(header)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(burstLimitCapacity);
    expect(statuses.filter((s) => s === 429)).toHaveLength(spellings.length - burstLimitCapacity);
  });

  it('gives a freshly minted token of the same client and user the same bucket, and another client or user its own', async () => {
    const get = setup();
    const mint = (claims: Record<string, unknown>, n: number) => signer.sign({ aud: audience, scope: 'read:users', jti: `t${n}`, ...claims });
    const m2m = { sub: 'demo-m2m@clients', azp: 'demo-m2m' };
    for (let n = 0; n < burstLimitCapacity; n += 1) expect((await get(`Bearer ${await mint(m2m, n)}`)).status).toBe(200);
    expect((await get(`Bearer ${await mint(m2m, 99)}`)).status).toBe(429);
    expect((await get(`Bearer ${await mint({ sub: 'other@clients', azp: 'other' }, 100)}`)).status).toBe(200);
    expect((await get(`Bearer ${await mint({ sub: 'auth0|bob', azp: 'demo-m2m' }, 101)}`)).status).toBe(200);
  });

  it('puts every request without an accepted token in one shared bucket', async () => {
    const get = setup();
    const statuses = [];
    for (let n = 0; n < burstLimitCapacity + 2; n += 1) statuses.push((await get(`Bearer not-a-jwt-${n}`)).status);
    expect(statuses.slice(0, burstLimitCapacity).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(burstLimitCapacity)).toEqual([429, 429]);
  });
});
