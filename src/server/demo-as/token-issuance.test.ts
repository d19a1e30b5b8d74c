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
    expect((await m2m()).body.error_description).toBe(`Service not found: ${newApi}`);

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
    expect(ungranted.status).toBe(400);
    expect(ungranted.body.error_description).toMatch(/not authorized to access "https:\/\/api\.runtime\.test\/"/);

    as.tenant.clientGrants.put({ id: 'cgr_runtime', client_id: 'demo-m2m', audience: newApi, scope: ['read:things'] });
    const minted = await m2m();
    expect(minted.status).toBe(200);
    expect(minted.body.expires_in).toBe(600);
    const claims = decodeJwt(minted.body.access_token ?? '');
    expect(claims).toMatchObject({ aud: newApi, scope: 'read:things', gty: 'client-credentials', azp: 'demo-m2m', sub: 'demo-m2m@clients' });
    // A scope outside the grant is left out of the token (oidc-provider's behaviour; Auth0 would refuse the request).
    expect(decodeJwt((await m2m('delete:things')).body.access_token ?? '').scope).toBeUndefined();

    as.tenant.clientGrants.delete('cgr_runtime');
    expect((await m2m()).status).toBe(400);
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
    expect((await mint()).status).toBe(400);

    as.tenant.clientGrants.put({ id: 'cgr_runtime_mgmt', client_id: 'runtime-m2m', audience: mgmt, scope: ['read:users', 'update:users'] });
    const minted = await mint();
    expect(minted.status).toBe(200);
    expect(decodeJwt(minted.body.access_token ?? '')).toMatchObject({ aud: mgmt, scope: 'read:users update:users', sub: 'runtime-m2m@clients' });

    as.tenant.clients.delete('runtime-m2m');
    expect((await mint()).body.error).toBe('invalid_client');
  });
});
