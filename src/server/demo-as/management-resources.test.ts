import { beforeAll, describe, expect, it } from 'vitest';
import { mergeMetadata } from './metadata-merge';
import { testSigner, type TestSigner } from './test-bearer';
import { testManagementApi } from './test-management';

const issuer = 'http://127.0.0.1:4001/';
let signer: TestSigner;

beforeAll(async () => {
  signer = await testSigner(issuer);
});

const setup = () => testManagementApi(signer);

const alice = '/api/v2/users/auth0%7Calice';
const bob = '/api/v2/users/auth0%7Cbob';
const aliceSpa = 'openid read:current_user update:current_user_metadata';

describe('user-context scopes act on the token own user, and only on the part they cover', () => {
  it('lets read:current_user read its own user only', async () => {
    const { call } = setup();
    expect((await call('GET', alice, aliceSpa, undefined, 'auth0|alice')).status).toBe(200);
    const other = await call('GET', bob, aliceSpa, undefined, 'auth0|alice');
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ errorCode: 'insufficient_scope', message: 'Insufficient scope, expected any of: read:users,read:user_idp_tokens' });
  });

  it('lets update:current_user_metadata change its own user_metadata, and nothing else', async () => {
    const { call } = setup();
    const own = await call('PATCH', alice, aliceSpa, { user_metadata: { theme: 'dark' } }, 'auth0|alice');
    expect(own).toMatchObject({ status: 200, body: { user_id: 'auth0|alice', user_metadata: { theme: 'dark' } } });
    const email = await call('PATCH', alice, aliceSpa, { email: 'mallory@demo.test' }, 'auth0|alice');
    expect(email.status).toBe(403);
    expect(email.body).toEqual({ statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: update:users', errorCode: 'insufficient_scope' });
    const appMetadata = await call('PATCH', alice, aliceSpa, { app_metadata: { plan: 'pro' } }, 'auth0|alice');
    expect(appMetadata.body).toMatchObject({ message: 'Insufficient scope, expected any of: update:users,update:users_app_metadata' });
    const onBob = await call('PATCH', bob, aliceSpa, { user_metadata: { theme: 'dark' } }, 'auth0|alice');
    expect(onBob.status).toBe(403);
  });

  it('lets update:users_app_metadata change app_metadata only, on any user', async () => {
    const { call } = setup();
    expect(await call('PATCH', bob, 'update:users_app_metadata', { app_metadata: { plan: 'pro' } })).toMatchObject({ status: 200, body: { app_metadata: { plan: 'pro' } } });
    expect((await call('PATCH', bob, 'update:users_app_metadata', { user_metadata: { a: 1 } })).status).toBe(403);
    expect((await call('PATCH', bob, 'update:users_app_metadata', { name: 'Robert' })).status).toBe(403);
    expect(await call('PATCH', bob, 'update:users', { name: 'Robert', user_metadata: { a: 1 } })).toMatchObject({ status: 200, body: { name: 'Robert' } });
  });
});

describe('metadata merge (Auth0: root properties merged, deeper ones replaced, null deletes, {} clears)', () => {
  it('merges at the root only', () => {
    const current = { hobby: 'surfing', addresses: { home: '1 Main St' }, color: 'red' };
    expect(mergeMetadata(current, { addresses: { work: '100 Industrial Way' }, color: null, size: 'M' })).toEqual({
      hobby: 'surfing',
      addresses: { work: '100 Industrial Way' },
      size: 'M',
    });
    expect(mergeMetadata(current, {})).toEqual({});
  });

  it('applies the merge through PATCH /api/v2/users/{id}', async () => {
    const { call } = setup();
    await call('PATCH', alice, 'update:users', { user_metadata: { hobby: 'surfing', addresses: { home: '1 Main St' } } });
    const res = await call('PATCH', alice, 'update:users', { user_metadata: { addresses: { work: '2 Side St' }, hobby: null } });
    expect(res.body).toMatchObject({ user_metadata: { addresses: { work: '2 Side St' } } });
    expect((res.body as { user_metadata: object }).user_metadata).not.toHaveProperty('hobby');
  });
});

describe('users', () => {
  it('lists with q and paging, creates, finds by email, deletes with 204 even when absent', async () => {
    const { call } = setup();
    const all = await call('GET', '/api/v2/users?include_totals=true&per_page=1&page=1', 'read:users');
    expect(all.body).toMatchObject({ start: 1, limit: 1, length: 1, total: 2 });
    expect(await call('GET', '/api/v2/users?q=email%3A%22bob%40demo.test%22', 'read:users')).toMatchObject({ body: [{ user_id: 'auth0|bob' }] });
    expect(await call('GET', '/api/v2/users?q=nickname%3Aal*', 'read:users')).toMatchObject({ body: [{ user_id: 'auth0|alice' }] });

    expect((await call('POST', '/api/v2/users', 'create:users', { email: 'carol@demo.test' })).body).toMatchObject({ statusCode: 400, errorCode: 'invalid_body' });
    const created = await call('POST', '/api/v2/users', 'create:users', { email: 'carol@demo.test', connection: 'Username-Password-Authentication', password: 'x' });
    expect(created).toMatchObject({ status: 201, body: { email: 'carol@demo.test', identities: [{ provider: 'auth0' }] } });
    expect(created.body).not.toHaveProperty('password');
    expect((await call('POST', '/api/v2/users', 'create:users', { email: 'carol@demo.test', connection: 'x' })).status).toBe(409);
    expect(await call('GET', '/api/v2/users-by-email?email=carol%40demo.test', 'read:users')).toMatchObject({ status: 200, body: [{ email: 'carol@demo.test' }] });

    const id = encodeURIComponent((created.body as { user_id: string }).user_id);
    expect((await call('DELETE', `/api/v2/users/${id}`, 'delete:users')).status).toBe(204);
    expect((await call('DELETE', `/api/v2/users/${id}`, 'delete:users')).status).toBe(204);
    expect((await call('GET', `/api/v2/users/${id}`, 'read:users')).status).toBe(404);
  });

  it('serves roles, their members and permissions, and each user roles and permissions', async () => {
    const { call } = setup();
    expect((await call('GET', '/api/v2/users/auth0%7Cbob/roles', 'read:users read:roles')).body).toEqual([{ id: 'rol_receptionist', name: 'Receptionist', description: 'reads appointments only' }]);
    expect((await call('POST', '/api/v2/roles/rol_clinic_admin/users', 'create:role_members', { users: ['auth0|bob'] })).status).toBe(200);
    expect((await call('GET', '/api/v2/roles/rol_clinic_admin/users', 'read:role_members')).body).toHaveLength(2);
    const permissions = (await call('GET', '/api/v2/users/auth0%7Cbob/permissions', 'read:users')).body as { permission_name: string }[];
    expect(permissions.map((p) => p.permission_name).sort()).toEqual(['read:appointments', 'write:appointments']);
    expect((await call('GET', '/api/v2/roles/rol_receptionist/permissions', 'read:roles')).body).toEqual([
      { permission_name: 'read:appointments', description: 'Read appointments', resource_server_name: 'Demo appointments API', resource_server_identifier: 'https://api.demo.test/' },
    ]);
  });
});

describe('clients, client grants and resource servers', () => {
  it('returns client_secret only with read:client_keys', async () => {
    const { call } = setup();
    expect((await call('GET', '/api/v2/clients/demo-m2m', 'read:clients')).body).not.toHaveProperty('client_secret');
    expect((await call('GET', '/api/v2/clients/demo-m2m', 'read:clients read:client_keys')).body).toHaveProperty('client_secret');
    const list = (await call('GET', '/api/v2/clients', 'read:clients')).body as object[];
    expect(list.some((c) => 'client_secret' in c)).toBe(false);
  });

  it('creates an API and a client grant for it in the store that token issuance reads', async () => {
    const { call, tenant } = setup();
    const api = await call('POST', '/api/v2/resource-servers', 'create:resource_servers', { identifier: 'https://new.test/', name: 'New', scopes: [{ value: 'read:new', description: 'Read' }] });
    expect(api.status).toBe(201);
    expect(tenant.resourceServer('https://new.test/')?.scopes).toEqual([{ value: 'read:new', description: 'Read' }]);
    expect((await call('POST', '/api/v2/client-grants', 'create:client_grants', { client_id: 'demo-m2m', audience: 'https://new.test/', scope: ['write:new'] })).status).toBe(400);
    const grant = await call('POST', '/api/v2/client-grants', 'create:client_grants', { client_id: 'demo-m2m', audience: 'https://new.test/', scope: ['read:new'] });
    expect(grant.status).toBe(201);
    expect(tenant.grantedScopes('demo-m2m', 'https://new.test/')).toEqual(['read:new']);
    expect((await call('DELETE', `/api/v2/client-grants/${(grant.body as { id: string }).id}`, 'delete:client_grants')).status).toBe(204);
    expect(tenant.grantedScopes('demo-m2m', 'https://new.test/')).toEqual([]);
    expect((await call('DELETE', '/api/v2/resource-servers/rs_management_api', 'delete:resource_servers')).status).toBe(400);
  });
});
