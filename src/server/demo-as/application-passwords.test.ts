import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedProfile } from '../config';
import { startDemoTenant, testApp } from '../test-support';
import { hashApplicationPassword } from './application-passwords';
import { demoApiIdentifier, managementApiAudience } from './tenant';
import { testSigner, type TestSigner } from './test-bearer';
import { testManagementApi } from './test-management';

/** App-specific passwords: the Management API's legacy operations, and /oauth/introspect answering for them. */

const issuer = 'http://127.0.0.1:4001/';
const bobPasswords = '/api/v2/users/auth0%7Cbob/application-passwords';
type Json = Record<string, unknown>;

describe('the app-specific password store at the Management API', () => {
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await testSigner(issuer);
  });

  const setup = () => {
    const { tenant, call } = testManagementApi(signer);
    return { tenant, call: async (method: string, path: string, scope: string, body?: unknown) => (await call(method, path, scope, body)) as { status: number; body: Json | Json[] | undefined } };
  };
  const create = { label: 'Build job', audience: demoApiIdentifier, scope: ['read:appointments'] };

  it('creates one with its 16-letter value shown once; listing never returns the value', async () => {
    const { tenant, call } = setup();
    const created = await call('POST', bobPasswords, 'create:user_application_passwords', create);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ user_id: 'auth0|bob', label: 'Build job', audience: demoApiIdentifier, scope: ['read:appointments'], value: expect.stringMatching(/^[a-z]{16}$/) });
    const listed = await call('GET', bobPasswords, 'read:user_application_passwords');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([{ id: (created.body as Json).id, user_id: 'auth0|bob', label: 'Build job', audience: demoApiIdentifier, scope: ['read:appointments'], created_at: expect.any(String) }]);
    expect(JSON.stringify(listed.body)).not.toContain(String((created.body as Json).value));
    // Only a hash is kept.
    expect(JSON.stringify(tenant.applicationPasswords.list())).not.toContain(String((created.body as Json).value));
  });

  it("enforces each operation's scope from the catalog, before looking at the body", async () => {
    const { call } = setup();
    expect(await call('POST', bobPasswords, 'read:user_application_passwords', { nonsense: true })).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: create:user_application_passwords', errorCode: 'insufficient_scope' },
    });
    expect((await call('GET', bobPasswords, 'create:user_application_passwords')).body).toMatchObject({ message: 'Insufficient scope, expected any of: read:user_application_passwords' });
    expect((await call('DELETE', `${bobPasswords}/asp_1`, 'read:user_application_passwords')).body).toMatchObject({ message: 'Insufficient scope, expected any of: delete:user_application_passwords' });
  });

  it('refuses an unknown user, an audience that is no API, and scopes the API does not define', async () => {
    const { call } = setup();
    expect((await call('POST', '/api/v2/users/auth0%7Cnobody/application-passwords', 'create:user_application_passwords', create)).body).toMatchObject({ statusCode: 404, errorCode: 'inexistent_user' });
    expect((await call('GET', '/api/v2/users/auth0%7Cnobody/application-passwords', 'read:user_application_passwords')).status).toBe(404);
    const noApi = await call('POST', bobPasswords, 'create:user_application_passwords', { ...create, audience: 'https://no-such-api.test/' });
    expect(noApi).toMatchObject({ status: 400, body: { errorCode: 'invalid_body', message: 'Payload validation error: audience is not an API of this tenant: https://no-such-api.test/' } });
    const badScope = await call('POST', bobPasswords, 'create:user_application_passwords', { ...create, scope: ['read:appointments', 'fly:rockets'] });
    expect(badScope.body).toMatchObject({ message: `Payload validation error: scope not defined by ${demoApiIdentifier}: fly:rockets` });
    expect((await call('POST', bobPasswords, 'create:user_application_passwords', { label: 'x' })).status).toBe(400);
  });

  it("deletes one with 204, and only the user's own: another user's, or one that does not exist, is Auth0's 404", async () => {
    const { tenant, call } = setup();
    const created = (await call('POST', bobPasswords, 'create:user_application_passwords', create)).body as Json;
    const notFound = { statusCode: 404, error: 'Not Found', message: 'The application specific password does not exist.', errorCode: 'inexistent_application_password' };
    expect(await call('DELETE', `/api/v2/users/auth0%7Calice/application-passwords/${String(created.id)}`, 'delete:user_application_passwords')).toEqual({ status: 404, body: notFound });
    expect(tenant.applicationPasswords.list()).toHaveLength(1);
    expect((await call('DELETE', `${bobPasswords}/${String(created.id)}`, 'delete:user_application_passwords')).status).toBe(204);
    expect(tenant.applicationPasswords.list()).toHaveLength(0);
    expect(await call('DELETE', `${bobPasswords}/${String(created.id)}`, 'delete:user_application_passwords')).toEqual({ status: 404, body: notFound });
    expect(await call('DELETE', `${bobPasswords}/asp_never_made`, 'delete:user_application_passwords')).toEqual({ status: 404, body: notFound });
    expect((await call('DELETE', `/api/v2/users/auth0%7Cnobody/application-passwords/asp_x`, 'delete:user_application_passwords')).body).toMatchObject({ errorCode: 'inexistent_user' });
  });
});

describe('introspecting an app-specific password at the demo tenant (demo-rs, private_key_jwt)', () => {
  let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
  beforeAll(async () => {
    tenant = await startDemoTenant();
  });
  afterAll(async () => {
    await tenant.stop();
  });
  const profile = (id: string): ResolvedProfile[] => tenant.profiles.filter((p) => p.id === id);

  it('answers active with its token_type, scope, sub, aud, iss, iat and username; inactive once deleted', async () => {
    const mgmt = managementApiAudience(tenant.as.issuer);
    const app = testApp(tenant.profiles);
    const admin = (await (await app.post('/api/token', { profile: 'demo', audience: mgmt, scope: 'create:user_application_passwords delete:user_application_passwords' })).json()) as Json;
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${mgmt}${path}`, { method, headers: { authorization: `Bearer ${String(admin.access_token)}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const created = (await (await send('POST', 'users/auth0%7Cbob/application-passwords', { label: 'CI', audience: demoApiIdentifier, scope: ['read:appointments'] })).json()) as Json;
    const value = String(created.value);

    const introspect = async (profileId: string) => (await (await testApp(profile(profileId)).post('/api/introspect', { profile: profileId, token: value })).json()) as Json;
    const answer = await introspect('demo-rs');
    const { meta, ...fields } = answer;
    expect(fields).toEqual({
      active: true,
      token_type: 'application_specific_password_token',
      scope: 'read:appointments',
      sub: 'auth0|bob',
      aud: demoApiIdentifier,
      iss: tenant.as.issuer,
      iat: Math.floor(Date.parse(String(created.created_at)) / 1000),
      username: 'bob@demo.test',
    });
    expect(meta).toMatchObject({ authMethod: 'private_key_jwt', upstreamStatus: 200 });
    // A public client may not introspect, as for oidc-provider's own tokens.
    expect((await introspect('demo-spa')).active).toBe(false);

    expect((await send('DELETE', `users/auth0%7Cbob/application-passwords/${String(created.id)}`)).status).toBe(204);
    const after = await introspect('demo-rs');
    expect(after).toMatchObject({ active: false });
    expect(after.token_type).toBeUndefined();
  });

  it('answers nothing about a password to a client that fails authentication', async () => {
    const value = 'abcdefghijklmnop';
    tenant.as.tenant.applicationPasswords.put({
      id: 'asp_fixed', user_id: 'auth0|bob', label: 'x', audience: demoApiIdentifier, scope: ['read:appointments'], created_at: new Date().toISOString(), value_sha256: hashApplicationPassword(value),
    });
    const res = await fetch(`${tenant.as.issuer}oauth/introspect`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: value, client_id: 'demo-rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: 'e30.e30.forged' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as Json;
    expect(body.error).toBe('invalid_client');
    expect(JSON.stringify(body)).not.toContain('auth0|bob');
  });
});
