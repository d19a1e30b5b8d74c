import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test-support';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './provider';
import { managementApiAudience } from './tenant';

/** Token issuance reads the tenant store: what is added to it at runtime can be minted at once. */

let as: DemoAuthorizationServer;
let dataDir: string;
const newApi = 'https://api.runtime.test/';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tw-demo-as-issuance-'));
  as = await startDemoAuthorizationServer({ host: '127.0.0.1', port: await freePort(), appOrigins: ['http://127.0.0.1:4000'], dataDir });
});
afterAll(async () => {
  await as.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function clientCredentials(clientId: string, secret: string, audience: string, scope?: string) {
  const res = await fetch(`${as.issuer}oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', audience, ...(scope ? { scope } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('demo AS token issuance reads the tenant store', () => {
  it('mints for an API and a client grant added at runtime, and refuses once the grant is gone', async () => {
    const m2m = (scope?: string) => clientCredentials('demo-m2m', as.keys.demoM2mSecret, newApi, scope);
    expect(await m2m()).toEqual({ status: 403, body: { error: 'access_denied', error_description: `Service not found: ${newApi}` } });

    as.tenant.resourceServers.put({
      id: 'rs_runtime',
      identifier: newApi,
      name: 'Runtime API',
      scopes: [
        { value: 'read:things', description: 'Read things' },
        { value: 'delete:things', description: 'Delete things' },
      ],
      token_lifetime: 600,
      enforce_policies: false,
      token_dialect: 'access_token',
    });
    const ungranted = await m2m();
    expect(ungranted.status).toBe(403);
    expect(ungranted.body.error).toBe('access_denied');
    expect(ungranted.body.error_description).toMatch(/not authorized to access "https:\/\/api\.runtime\.test\/"/);

    as.tenant.clientGrants.put({ id: 'cgr_runtime', client_id: 'demo-m2m', audience: newApi, scope: ['read:things'] });
    const minted = await m2m();
    expect(minted.status).toBe(200);
    expect(minted.body.expires_in).toBe(600);
    const claims = decodeJwt(minted.body.access_token ?? '');
    expect(claims).toMatchObject({ aud: newApi, scope: 'read:things', gty: 'client-credentials', azp: 'demo-m2m', sub: 'demo-m2m@clients' });
    // A scope outside the grant is refused, as Auth0 does, not silently left out of the token.
    expect(await m2m('read:things delete:things')).toEqual({ status: 403, body: { error: 'access_denied', error_description: 'Client has not been granted scopes: delete:things' } });
    expect(decodeJwt((await m2m('read:things')).body.access_token ?? '').scope).toBe('read:things');

    as.tenant.clientGrants.delete('cgr_runtime');
    expect((await m2m()).status).toBe(403);
  });

  it('lets a client with no grant on the Management API mint for it once one is added', async () => {
    const mgmt = managementApiAudience(as.issuer);
    as.tenant.clients.put({
      client_id: 'runtime-m2m',
      name: 'Runtime machine client',
      app_type: 'non_interactive',
      token_endpoint_auth_method: 'client_secret_basic',
      client_secret: 'runtime-secret-0123456789abcdefghijklmnop',
      grant_types: ['client_credentials'],
      callbacks: [],
    });
    const mint = () => clientCredentials('runtime-m2m', 'runtime-secret-0123456789abcdefghijklmnop', mgmt);
    expect((await mint()).status).toBe(403);

    as.tenant.clientGrants.put({ id: 'cgr_runtime_mgmt', client_id: 'runtime-m2m', audience: mgmt, scope: ['read:users', 'update:users'] });
    const minted = await mint();
    expect(minted.status).toBe(200);
    expect(decodeJwt(minted.body.access_token ?? '')).toMatchObject({ aud: mgmt, scope: 'read:users update:users', sub: 'runtime-m2m@clients' });

    as.tenant.clients.delete('runtime-m2m');
    expect((await mint()).body.error).toBe('invalid_client');
  });
});

describe('the demo tenant Management API and token issuance share one store', () => {
  it('mints for a client grant created through the Management API', async () => {
    const mgmt = managementApiAudience(as.issuer);
    const admin = (await clientCredentials('demo-m2m', as.keys.demoM2mSecret, mgmt, 'create:resource_servers create:client_grants')).body.access_token ?? '';
    const post = (path: string, body: unknown) =>
      fetch(`${mgmt}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const api = 'https://api.created-by-mgmt.test/';
    expect((await post('resource-servers', { identifier: api, name: 'Created', scopes: [{ value: 'read:created', description: 'Read' }] })).status).toBe(201);
    expect((await clientCredentials('demo-m2m', as.keys.demoM2mSecret, api)).status).toBe(403);
    expect((await post('client-grants', { client_id: 'demo-m2m', audience: api, scope: ['read:created'] })).status).toBe(201);
    const minted = await clientCredentials('demo-m2m', as.keys.demoM2mSecret, api);
    expect(minted.status).toBe(200);
    expect(decodeJwt(minted.body.access_token ?? '')).toMatchObject({ aud: api, scope: 'read:created' });
  });

  it('serves the Management API over HTTP to the tokens it mints', async () => {
    const mgmt = managementApiAudience(as.issuer);
    const token = (await clientCredentials('demo-m2m', as.keys.demoM2mSecret, mgmt, 'read:users')).body.access_token ?? '';
    const res = await fetch(`${mgmt}users/${encodeURIComponent('auth0|alice')}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBe('10');
    expect(await res.json()).toMatchObject({ user_id: 'auth0|alice', email: 'alice@demo.test' });
    const opaque = (await clientCredentials('demo-m2m', as.keys.demoM2mSecret, '')).body.access_token ?? '';
    expect((await fetch(`${mgmt}users`, { headers: { authorization: `Bearer ${opaque}` } })).status).toBe(400);
  });

  it('refuses an unknown audience at /authorize as Auth0 does: access_denied, "Service not found"', async () => {
    const url = new URL('authorize', as.issuer);
    const redirect = 'http://127.0.0.1:4000/callback';
    url.search = new URLSearchParams({
      client_id: 'demo-spa',
      response_type: 'code',
      redirect_uri: redirect,
      scope: 'openid',
      audience: 'https://no-such-api.test/',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's1',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBe('Service not found: https://no-such-api.test/');
  });
});
