import { createPublicKey } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedProfile } from '../config';
import { oauthRoutes } from './oauth-routes';
import { recordingFetch, startDemoTenant, startFaultServer, stubProfile, testApp, testDeps } from '../test-support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- upstream JSON of any shape, read member by member in assertions

let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
let faults: Awaited<ReturnType<typeof startFaultServer>>;
const demoApi = 'https://api.demo.test/';

beforeAll(async () => {
  tenant = await startDemoTenant();
  faults = await startFaultServer();
});
afterAll(async () => {
  await tenant.stop();
  await faults.stop();
});

const demoProfile = (id: string): ResolvedProfile => {
  const found = tenant.profiles.find((p) => p.id === id);
  if (!found) throw new Error(`no demo profile ${id}`);
  return found;
};

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

/** An opaque client-credentials token for demo-m2m (no audience), minted through the route. */
async function opaqueToken(app: ReturnType<typeof testApp>, scope?: string): Promise<string> {
  const res = await app.post('/api/token', { profile: 'demo', ...(scope ? { scope } : {}) });
  expect(res.status).toBe(200);
  return (await json(res)).access_token as string;
}

describe('POST /api/token (client credentials)', () => {
  it('mints a JWT for an audience with client_secret_basic, and says how', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const res = await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'read:appointments' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'read:appointments', expires_in: 86_400 });
    expect(body.access_token.split('.')).toHaveLength(3);
    expect(body.meta).toMatchObject({ cached: false, upstreamStatus: 200, endpoint: `${tenant.as.issuer}oauth/token`, authMethod: 'client_secret_basic', audience: demoApi, scope: 'read:appointments' });
    const tokenCall = recorder.calls.find((c) => c.url.endsWith('/oauth/token'));
    const basic = Buffer.from((tokenCall?.headers.get('authorization') ?? '').replace(/^Basic /, ''), 'base64').toString();
    // RFC 6749 §2.3.1: both halves are form-urlencoded before Base64.
    expect(basic.split(':').map(decodeURIComponent)).toEqual(['demo-m2m', tenant.as.keys.demoM2mSecret]);
    expect(tokenCall?.body).not.toContain('client_secret');
  });

  it('mints an opaque token when no audience is asked for', async () => {
    const token = await opaqueToken(testApp(tenant.profiles));
    expect(token.split('.')).toHaveLength(1);
  });

  it('caches per (profile, audience, scope) and says meta.cached, with the scope treated as a set', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const first = await json(await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'read:appointments write:appointments' }));
    const second = await json(await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'write:appointments  read:appointments' }));
    const subset = await json(await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'read:appointments' }));
    expect(first.meta.cached).toBe(false);
    expect(second.meta.cached).toBe(true);
    expect(second.access_token).toBe(first.access_token);
    expect(subset.meta.cached).toBe(false);
    expect(subset.access_token).not.toBe(first.access_token);
    expect(subset.scope).toBe('read:appointments');
    expect(recorder.calls.filter((c) => c.url.endsWith('/oauth/token'))).toHaveLength(2);
  });

  it('keeps a token until 60 s before it expires, then fetches a new one; a cached one says how long it has left', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const recorder = recordingFetch();
    const routes = oauthRoutes(testDeps({ fetch: recorder.fetchImpl, now: () => now }, { profiles: tenant.profiles, upstreamTimeoutMs: 3000 }));
    const ask = async () => json(await routes.request('/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: 'demo', audience: demoApi }) }));
    const first = await ask();
    expect(first.meta.cachedUntil).toBe(now + 86_400_000 - 60_000);
    expect(first.expires_in).toBe(86_400);
    now += 3_600_500;
    expect(await ask()).toMatchObject({ access_token: first.access_token, expires_in: 86_400 - 3_601, meta: { cached: true } });
    now += 86_400_000 - 3_600_500 - 61_000;
    expect(await ask()).toMatchObject({ expires_in: 61, meta: { cached: true } });
    now += 1_000;
    const renewed = await ask();
    expect(renewed.meta.cached).toBe(false);
    expect(recorder.calls.filter((c) => c.url.endsWith('/oauth/token'))).toHaveLength(2);
  });

  it('forgets a cached token once it is revoked through the server', async () => {
    // Opaque (no audience): oidc-provider revokes those; it refuses to revoke its JWTs, as it refuses to introspect them.
    const app = testApp(tenant.profiles);
    const first = await json(await app.post('/api/token', { profile: 'demo' }));
    expect((await json(await app.post('/api/token', { profile: 'demo' }))).meta.cached).toBe(true);
    expect((await app.post('/api/revoke', { profile: 'demo', token: first.access_token })).status).toBe(200);
    const after = await json(await app.post('/api/token', { profile: 'demo' }));
    expect(after.meta.cached).toBe(false);
    expect(after.access_token).not.toBe(first.access_token);
  });

  it('does not cache a failure', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    for (let i = 0; i < 2; i += 1) {
      const res = await app.post('/api/token', { profile: 'demo', audience: 'https://no-such-api.test/' });
      expect(res.status).toBe(502);
      expect((await json(res)).error).toMatchObject({ code: 'upstream_error', upstream: { error: 'access_denied', status: 403 } });
    }
    expect(recorder.calls.filter((c) => c.url.endsWith('/oauth/token'))).toHaveLength(2);
  });

  it('passes on the AS refusal of a client that may not use the grant (client_secret_post)', async () => {
    const recorder = recordingFetch();
    const res = await testApp(tenant.profiles, { fetch: recorder.fetchImpl }).post('/api/token', { profile: 'demo-web', audience: demoApi });
    expect(res.status).toBe(502);
    expect((await json(res)).error).toMatchObject({ code: 'upstream_error', upstream: { error: expect.any(String), status: 400 } });
    const body = new URLSearchParams(recorder.calls.find((c) => c.url.endsWith('/oauth/token'))?.body);
    expect(body.get('client_id')).toBe('demo-web');
    expect(body.get('client_secret')).toBe(tenant.as.keys.demoWebSecret);
  });
});

describe('POST /api/introspect', () => {
  it('introspects an opaque token through demo-rs with private_key_jwt: active with its claims', async () => {
    const app = testApp(tenant.profiles);
    const token = await opaqueToken(app);
    const res = await app.post('/api/introspect', { profile: 'demo-rs', token, token_type_hint: 'access_token' });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ active: true, client_id: 'demo-m2m', token_type: 'Bearer', iss: tenant.as.issuer });
    expect(body.exp).toBeGreaterThan(Date.now() / 1000);
    expect(body.meta).toMatchObject({ upstreamStatus: 200, endpoint: `${tenant.as.issuer}oauth/introspect`, authMethod: 'private_key_jwt' });
    expect(body.meta.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('sends an RFC 7523 assertion: iss = sub = client_id, aud = issuer, exp ≤ 60 s, fresh jti, the key kid and alg', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const token = await opaqueToken(testApp(tenant.profiles));
    await app.post('/api/introspect', { profile: 'demo-rs', token });
    await app.post('/api/introspect', { profile: 'demo-rs', token });
    const assertions = recorder.calls.filter((c) => c.url.endsWith('/oauth/introspect')).map((c) => new URLSearchParams(c.body));
    expect(assertions).toHaveLength(2);
    const material = demoProfile('demo-rs').privateKey;
    if (!material) throw new Error('demo-rs has no key');
    const publicKey = createPublicKey(material.key);
    const jtis: string[] = [];
    for (const form of assertions) {
      expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      expect(form.get('client_id')).toBe('demo-rs');
      const assertion = form.get('client_assertion') ?? '';
      expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'ES256', kid: material.kid, typ: 'client-authentication+jwt' });
      const { payload } = await jwtVerify(assertion, publicKey, { algorithms: ['ES256'], issuer: 'demo-rs', subject: 'demo-rs', audience: tenant.as.issuer });
      expect(typeof payload.jti).toBe('string');
      expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBeLessThanOrEqual(60);
      expect((payload.exp ?? 0) - Date.now() / 1000).toBeLessThanOrEqual(61);
      jtis.push(String(payload.jti));
    }
    expect(new Set(jtis).size).toBe(2);
  });

  it('uses the endpoint URL as the assertion audience when the profile says so, and the AS accepts it', async () => {
    const recorder = recordingFetch();
    const endpointAud = { ...demoProfile('demo-rs'), id: 'demo-rs-endpoint', assertionAudience: 'endpoint' as const };
    const app = testApp([...tenant.profiles, endpointAud], { fetch: recorder.fetchImpl });
    const res = await app.post('/api/introspect', { profile: 'demo-rs-endpoint', token: await opaqueToken(app) });
    expect((await json(res)).active).toBe(true);
    const assertion = new URLSearchParams(recorder.calls.find((c) => c.url.endsWith('/oauth/introspect'))?.body).get('client_assertion') ?? '';
    const material = endpointAud.privateKey;
    if (!material) throw new Error('no key');
    const { payload } = await jwtVerify(assertion, createPublicKey(material.key), { algorithms: ['ES256'] });
    expect(payload.aud).toBe(`${tenant.as.issuer}oauth/introspect`);
  });

  it('introspects with client_secret_post (demo-web)', async () => {
    const app = testApp(tenant.profiles);
    const body = await json(await app.post('/api/introspect', { profile: 'demo-web', token: await opaqueToken(app) }));
    expect(body).toMatchObject({ active: true, meta: { authMethod: 'client_secret_post' } });
  });

  it('sends only the client_id with auth method none, and a public client learns nothing about another client token', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const res = await app.post('/api/introspect', { profile: 'demo-spa', token: await opaqueToken(testApp(tenant.profiles)) });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ active: false, meta: { authMethod: 'none' } });
    const call = recorder.calls.find((c) => c.url.endsWith('/oauth/introspect'));
    const form = new URLSearchParams(call?.body);
    expect(form.get('client_id')).toBe('demo-spa');
    expect(form.has('client_secret') || form.has('client_assertion') || call?.headers.has('authorization')).toBe(false);
  });

  it('answers active: false for a garbage token', async () => {
    const body = await json(await testApp(tenant.profiles).post('/api/introspect', { profile: 'demo-rs', token: 'not-a-real-token' }));
    expect(body).toMatchObject({ active: false });
  });

  it("carries oidc-provider's refusal to introspect a JWT as upstream_error unsupported_token_type", async () => {
    const app = testApp(tenant.profiles);
    const jwt = (await json(await app.post('/api/token', { profile: 'demo', audience: demoApi }))).access_token as string;
    const res = await app.post('/api/introspect', { profile: 'demo-rs', token: jwt });
    expect(res.status).toBe(502);
    expect((await json(res)).error).toMatchObject({ code: 'upstream_error', upstream: { error: 'unsupported_token_type', status: 400 } });
  });
});

describe('POST /api/revoke', () => {
  it('revokes a token, after which introspection says inactive', async () => {
    const app = testApp(tenant.profiles);
    const token = await opaqueToken(app, undefined);
    expect((await json(await app.post('/api/introspect', { profile: 'demo-rs', token }))).active).toBe(true);
    const res = await app.post('/api/revoke', { profile: 'demo', token, token_type_hint: 'access_token' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ revoked: true, meta: { upstreamStatus: 200, endpoint: `${tenant.as.issuer}oauth/revoke`, authMethod: 'client_secret_basic' } });
    expect((await json(await app.post('/api/introspect', { profile: 'demo-rs', token }))).active).toBe(false);
  });
});

describe('POST /api/userinfo', () => {
  it('returns the claims of a user from the UserInfo endpoint, sending the token as a Bearer credential', async () => {
    const recorder = recordingFetch();
    const app = testApp([stubProfile(faults.issuer('ok'), { clientAuthMethod: 'none', clientSecret: undefined })], { fetch: recorder.fetchImpl });
    const res = await app.post('/api/userinfo', { profile: 'stub', access_token: 'user-access-token' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ sub: 'auth0|stub', name: 'Stub User', meta: { upstreamStatus: 200, endpoint: `${faults.issuer('ok')}userinfo` } });
    expect(recorder.calls.find((c) => c.url.endsWith('/userinfo'))?.headers.get('authorization')).toBe('Bearer user-access-token');
  });

  it("passes on the demo AS's refusal of a token that is not a user's", async () => {
    const app = testApp(tenant.profiles);
    const res = await app.post('/api/userinfo', { profile: 'demo-spa', access_token: await opaqueToken(app) });
    expect(res.status).toBe(502);
    expect((await json(res)).error.code).toBe('upstream_error');
    expect((await json(await app.post('/api/userinfo', { profile: 'demo-spa', access_token: 'garbage' }))).error.upstream).toMatchObject({ error: 'invalid_token' });
  });
});

describe('discovery cache', () => {
  it('reads each issuer discovery document once for many calls, and does not keep a failure', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const token = await opaqueToken(app);
    await app.post('/api/introspect', { profile: 'demo-rs', token });
    await app.post('/api/introspect', { profile: 'demo-web', token });
    await app.post('/api/revoke', { profile: 'demo', token: 'x' });
    expect(recorder.calls.filter((c) => c.url.endsWith('/.well-known/openid-configuration'))).toHaveLength(1);

    let fail = true;
    const flaky: typeof fetch = async (input, init) => (fail ? Promise.reject(new TypeError('fetch failed')) : recordingFetch().fetchImpl(input, init));
    const flakyApp = testApp(tenant.profiles, { fetch: flaky });
    expect((await flakyApp.post('/api/introspect', { profile: 'demo-rs', token: 't' })).status).toBe(502);
    fail = false;
    expect((await flakyApp.post('/api/introspect', { profile: 'demo-rs', token: 't' })).status).toBe(200);
  });
});

describe('GET /api/discovery and GET /api/jwks', () => {
  it('returns the discovery document of the profile issuer', async () => {
    const res = await testApp(tenant.profiles).get('/api/discovery?profile=demo');
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ issuer: tenant.as.issuer, introspection_endpoint: `${tenant.as.issuer}oauth/introspect`, meta: { upstreamStatus: 200, endpoint: `${tenant.as.issuer}.well-known/openid-configuration` } });
  });

  it('returns the public signing keys, never a private member', async () => {
    const body = await json(await testApp(tenant.profiles).get('/api/jwks?profile=demo'));
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', kid: tenant.as.keys.signingKey.kid });
    expect(body.keys[0]).not.toHaveProperty('d');
    expect(body.meta).toMatchObject({ upstreamStatus: 200, endpoint: `${tenant.as.issuer}.well-known/jwks.json` });
  });

  it('needs a profile query', async () => {
    const res = await testApp(tenant.profiles).get('/api/jwks');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('invalid_request');
  });
});

describe('errors', () => {
  it('invalid_request (400) for a body that is not JSON, a missing token, an unknown member or a bad hint', async () => {
    const app = testApp(tenant.profiles);
    const cases: [string, unknown][] = [
      ['/api/introspect', '{not json'],
      ['/api/introspect', { profile: 'demo-rs' }],
      ['/api/introspect', { profile: 'demo-rs', token: '   ' }],
      ['/api/introspect', { profile: 'demo-rs', token: 't', token_type_hint: 'id_token' }],
      ['/api/introspect', { profile: 'demo-rs', token: 't', endpoint: 'http://evil/' }],
      ['/api/token', { profile: 'demo', scope: 'bad"scope' }],
      ['/api/revoke', { profile: 'demo' }],
      ['/api/userinfo', { profile: 'demo', token: 'x' }],
    ];
    for (const [path, body] of cases) {
      const res = await app.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect((await json(res)).error.code).toBe('invalid_request');
    }
    const details = (await json(await app.post('/api/introspect', { profile: 'demo-rs' }))).error.details;
    expect(details).toEqual([expect.objectContaining({ path: 'token' })]);
  });

  it('unknown_profile (404) on every route', async () => {
    const app = testApp(tenant.profiles);
    const responses = [
      await app.post('/api/introspect', { profile: 'nope', token: 't' }),
      await app.post('/api/token', { profile: 'nope' }),
      await app.post('/api/revoke', { profile: 'nope', token: 't' }),
      await app.post('/api/userinfo', { profile: 'nope', access_token: 't' }),
      await app.get('/api/discovery?profile=nope'),
      await app.get('/api/jwks?profile=nope'),
    ];
    for (const res of responses) {
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('unknown_profile');
    }
  });

  it('upstream_timeout (504) when the AS hangs, within the profile timeout', async () => {
    const app = testApp([stubProfile(faults.issuer('hang'), { timeoutMs: 300 }), stubProfile(faults.issuer('discovery-hang'), { id: 'dh', timeoutMs: 300 })]);
    for (const res of [await app.post('/api/introspect', { profile: 'stub', token: 't' }), await app.get('/api/discovery?profile=dh')]) {
      expect(res.status).toBe(504);
      expect((await json(res)).error.code).toBe('upstream_timeout');
    }
  });

  it('upstream_unreachable (502) when the AS closes the connection or nothing listens', async () => {
    const app = testApp([stubProfile(faults.issuer('close')), stubProfile('http://127.0.0.1:9/', { id: 'down' })]);
    for (const res of [await app.post('/api/revoke', { profile: 'stub', token: 't' }), await app.post('/api/token', { profile: 'down' })]) {
      expect(res.status).toBe(502);
      expect((await json(res)).error.code).toBe('upstream_unreachable');
    }
  });

  it('upstream_error (502) for a 500 page, a garbage body, a redirect, or a discovery document of another issuer', async () => {
    const app = testApp(['status-500', 'garbage', 'redirect', 'wrong-issuer'].map((mode) => stubProfile(faults.issuer(mode as never), { id: mode })));
    for (const mode of ['status-500', 'garbage', 'redirect', 'wrong-issuer']) {
      const res = await app.post('/api/introspect', { profile: mode, token: 't' });
      expect(res.status, mode).toBe(502);
      const body = await json(res);
      expect(body.error.code).toBe('upstream_error');
      expect(body.error.upstream).toBeUndefined();
    }
  });

  it('upstream_error (502) carrying the OAuth error and error_description', async () => {
    const res = await testApp([stubProfile(faults.issuer('oauth-error'))]).post('/api/introspect', { profile: 'stub', token: 't' });
    expect(res.status).toBe(502);
    expect((await json(res)).error).toEqual({
      code: 'upstream_error',
      message: expect.any(String),
      upstream: { error: 'invalid_client', error_description: 'client authentication failed', status: 401 },
    });
  });

  it('upstream_endpoint_refused (502) when discovery names an endpoint off the issuer origin', async () => {
    const res = await testApp([stubProfile(faults.issuer('off-origin'))]).post('/api/introspect', { profile: 'stub', token: 't' });
    expect(res.status).toBe(502);
    expect((await json(res)).error.code).toBe('upstream_endpoint_refused');
  });

  it('refuses a cross-origin POST (403) before any upstream call', async () => {
    const recorder = recordingFetch();
    const res = await testApp(tenant.profiles, { fetch: recorder.fetchImpl }).post('/api/token', { profile: 'demo' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(recorder.calls).toHaveLength(0);
  });
});
