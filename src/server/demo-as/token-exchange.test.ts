import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test-support';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './provider';
import { demoApiIdentifier, managementApiAudience, tokenExchangeGrantType, userIdClaim } from './tenant';
import { userAccessToken } from './test-login';
import { accessTokenType, maxAccessTokenLifetime } from './token-exchange';

/** RFC 8693 token exchange and the user_id claim rule at the demo tenant, over HTTP, with tokens the tenant issued. */

let as: DemoAuthorizationServer;
let dataDir: string;
let alice: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tw-demo-as-exchange-'));
  as = await startDemoAuthorizationServer({ host: '127.0.0.1', port: await freePort(), appOrigins: ['http://127.0.0.1:4000'], dataDir });
  alice = await userAccessToken(as, 'auth0|alice', demoApiIdentifier, 'openid profile read:appointments write:appointments');
});
afterAll(async () => {
  await as.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const basic = (clientId: string, secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

async function tokenRequest(params: Record<string, string>, clientId = 'demo-m2m', secret = as.keys.demoM2mSecret) {
  const res = await fetch(`${as.issuer}oauth/token`, {
    method: 'POST',
    headers: { authorization: basic(clientId, secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const exchange = (subject: string, extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: tokenExchangeGrantType, subject_token: subject, subject_token_type: accessTokenType, ...extra });

async function revoke(token: string, clientId: string) {
  const res = await fetch(`${as.issuer}oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: clientId }),
  });
  return res.status;
}

describe('token exchange (RFC 8693) at the demo tenant', () => {
  it("re-issues alice's token with a subset of its scopes: same sub, act names the client, the API's lifetime", async () => {
    const subject = decodeJwt(alice);
    expect(subject.scope).toBe('openid profile read:appointments write:appointments');
    const { status, body } = await exchange(alice, { scope: 'write:appointments', audience: demoApiIdentifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ issued_token_type: accessTokenType, token_type: 'Bearer', scope: 'write:appointments', expires_in: 86_400 });
    const issued = decodeJwt(String(body.access_token));
    expect(issued).toMatchObject({ sub: 'auth0|alice', scope: 'write:appointments', act: { sub: 'demo-m2m@clients' }, azp: 'demo-m2m', aud: demoApiIdentifier, permissions: ['write:appointments'] });
    expect(issued.gty).toBeUndefined();
    expect(issued.jti).not.toBe(subject.jti);
  });

  it('keeps every scope of the subject when none is asked for, and its audience by default', async () => {
    const { status, body } = await exchange(alice);
    expect(status).toBe(200);
    expect(decodeJwt(String(body.access_token))).toMatchObject({ sub: 'auth0|alice', scope: 'openid profile read:appointments write:appointments' });
  });

  it('refuses a scope the subject token does not hold, naming it', async () => {
    expect(await exchange(alice, { scope: 'write:appointments delete:appointments read:users' })).toEqual({
      status: 400,
      body: { error: 'invalid_scope', error_description: "scope must be a subset of the subject token's: it does not hold delete:appointments read:users", scope: 'delete:appointments read:users' },
    });
  });

  it("accepts an audience the client has a grant for, and refuses any other with invalid_target", async () => {
    const mgmt = managementApiAudience(as.issuer);
    const granted = await exchange(alice, { scope: 'read:appointments', audience: mgmt });
    expect(granted.status).toBe(200);
    expect(decodeJwt(String(granted.body.access_token)).aud).toBe(mgmt);

    as.tenant.resourceServers.put({ id: 'rs_ungranted', identifier: 'https://ungranted.test/', name: 'Ungranted', scopes: [], token_lifetime: 60, enforce_policies: false, token_dialect: 'access_token' });
    for (const audience of ['https://ungranted.test/', 'https://no-such-api.test/']) {
      const refused = await exchange(alice, { scope: 'read:appointments', audience });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ error: 'invalid_target', error_description: expect.stringContaining(audience) });
    }
  });

  it("takes the lifetime from the API in the tenant store, capped at Auth0's 30 days, whatever is left of the subject", async () => {
    const api = as.tenant.resourceServer(demoApiIdentifier);
    if (!api) throw new Error('no demo API');
    try {
      as.tenant.resourceServers.put({ ...api, token_lifetime: 7 * 86_400 });
      const week = await exchange(alice, { scope: 'write:appointments' });
      expect(week.body.expires_in).toBe(7 * 86_400);
      const issued = decodeJwt(String(week.body.access_token));
      expect((issued.exp ?? 0) - (issued.iat ?? 0)).toBe(7 * 86_400);
      expect(issued.exp).toBeGreaterThan(decodeJwt(alice).exp ?? 0);

      as.tenant.resourceServers.put({ ...api, token_lifetime: 10 * maxAccessTokenLifetime });
      expect((await exchange(alice, { scope: 'write:appointments' })).body.expires_in).toBe(maxAccessTokenLifetime);
    } finally {
      as.tenant.resourceServers.put(api);
    }
  });

  it('refuses a revoked subject token; only the client it was issued to can revoke it', async () => {
    const bob = await userAccessToken(as, 'auth0|bob', demoApiIdentifier, 'openid read:appointments');
    expect((await exchange(bob, { scope: 'read:appointments' })).status).toBe(200);
    // demo-web is not the token's client: RFC 7009's 200, but nothing is revoked.
    const other = await fetch(`${as.issuer}oauth/revoke`, {
      method: 'POST',
      headers: { authorization: basic('demo-web', as.keys.demoWebSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: bob }),
    });
    expect(other.status).toBe(200);
    expect((await exchange(bob, { scope: 'read:appointments' })).status).toBe(200);

    expect(await revoke(bob, 'demo-spa')).toBe(200);
    expect(await exchange(bob, { scope: 'read:appointments' })).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'subject_token has been revoked' } });
  });

  it('refuses subject tokens this tenant did not issue as access tokens, or that have expired', async () => {
    const key = await importJWK(as.keys.signingKey, 'RS256');
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: as.issuer, sub: 'auth0|alice', aud: demoApiIdentifier, scope: 'read:appointments', jti: 'x1' };
    const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 }).setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: as.keys.signingKey.kid }).sign(key);
    expect(await exchange(expired)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'subject_token has expired' } });
    const idToken = await new SignJWT({ ...claims, iat: now, exp: now + 3600 }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: as.keys.signingKey.kid }).sign(key);
    expect((await exchange(idToken)).body.error).toBe('invalid_grant');
    expect((await exchange(`${alice.slice(0, -4)}AAAA`)).body.error).toBe('invalid_grant');
    const m2m = String((await tokenRequest({ grant_type: 'client_credentials', audience: demoApiIdentifier })).body.access_token);
    expect(await exchange(m2m)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'subject_token does not name a user' } });
  });

  it('refuses other subject token types, and clients the tenant does not allow to exchange', async () => {
    const wrongType = await exchange(alice, { subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' });
    expect(wrongType.body).toMatchObject({ error: 'invalid_request', error_description: `subject_token_type must be ${accessTokenType}` });
    const web = await tokenRequest({ grant_type: tokenExchangeGrantType, subject_token: alice, subject_token_type: accessTokenType }, 'demo-web', as.keys.demoWebSecret);
    expect(web.body).toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });
  });
});

describe('client credentials with a user claim (the tenant rule user_id → https://demo.test/user_id)', () => {
  it('puts the user in the namespaced claim; the token still belongs to the client; scope narrows to a subset of the grant', async () => {
    const { status, body } = await tokenRequest({ grant_type: 'client_credentials', audience: demoApiIdentifier, scope: 'write:appointments', user_id: 'auth0|alice' });
    expect(status).toBe(200);
    expect(decodeJwt(String(body.access_token))).toMatchObject({ sub: 'demo-m2m@clients', gty: 'client-credentials', scope: 'write:appointments', [userIdClaim]: 'auth0|alice' });
  });

  it('refuses a user that does not exist, and any client but demo-m2m', async () => {
    expect(await tokenRequest({ grant_type: 'client_credentials', audience: demoApiIdentifier, user_id: 'auth0|mallory' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'user_id names no user of this tenant: auth0|mallory' },
    });
    const rs = await fetch(`${as.issuer}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-web', client_secret: as.keys.demoWebSecret, audience: demoApiIdentifier, user_id: 'auth0|alice' }),
    });
    // demo-web has no client-credentials grant at all; the rule is checked for a client that may mint.
    expect(rs.status).toBe(400);
    as.tenant.clientGrants.put({ id: 'cgr_web_tmp', client_id: 'demo-web', audience: demoApiIdentifier, scope: ['read:appointments'] });
    as.tenant.clients.put({ ...as.tenant.clients.get('demo-web')!, grant_types: ['authorization_code', 'refresh_token', 'client_credentials'] });
    const web = await tokenRequest({ grant_type: 'client_credentials', audience: demoApiIdentifier, user_id: 'auth0|alice' }, 'demo-web', as.keys.demoWebSecret);
    expect(web.body).toMatchObject({ error: 'invalid_request', error_description: "user_id is not accepted from demo-web: the tenant's rule runs for demo-m2m only" });
  });

  it('leaves a request without user_id as it was', async () => {
    const { body } = await tokenRequest({ grant_type: 'client_credentials', audience: demoApiIdentifier });
    expect(decodeJwt(String(body.access_token))[userIdClaim]).toBeUndefined();
  });
});
