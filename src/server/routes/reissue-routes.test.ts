import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userAccessToken } from '../demo-as/test-login';
import { recordingFetch, recordingLogger, startDemoTenant, testApp } from '../test-support';

/** Re-issuing a token with fewer scopes through the companion: POST /api/exchange (RFC 8693) and POST /api/token's params. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- upstream JSON of any shape, read member by member in assertions

let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
let alice: string;
const demoApi = 'https://api.demo.test/';
const userIdClaim = 'https://demo.test/user_id';

beforeAll(async () => {
  tenant = await startDemoTenant();
  alice = await userAccessToken(tenant.as, 'auth0|alice', demoApi, 'openid read:appointments write:appointments');
});
afterAll(async () => {
  await tenant.stop();
});

const json = async (res: Response) => (await res.json()) as Json;

describe('POST /api/exchange', () => {
  it("exchanges alice's token for one with write:appointments only, with the demo profile's credentials", async () => {
    const logger = recordingLogger();
    const recorded = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorded.fetchImpl, logger });
    const res = await app.post('/api/exchange', { profile: 'demo', subject_token: alice, audience: demoApi, scope: 'write:appointments' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await json(res);
    expect(body).toMatchObject({
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      scope: 'write:appointments',
      meta: { upstreamStatus: 200, authMethod: 'client_secret_basic', endpoint: `${tenant.as.issuer}oauth/token`, audience: demoApi, scope: 'write:appointments' },
    });
    expect(decodeJwt(body.access_token as string)).toMatchObject({ sub: 'auth0|alice', act: { sub: 'demo-m2m@clients' }, scope: 'write:appointments' });
    const sent = recorded.calls.find((call) => call.url.endsWith('/oauth/token'));
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual(
      ({ grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange', subject_token: alice, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', audience: demoApi, scope: 'write:appointments' }),
    );
    expect(sent?.headers.get('authorization')).toMatch(/^Basic /);
    expect(logger.lines.join('\n')).not.toContain(alice);
  });

  it("carries the tenant's refusal of a scope the subject does not hold as upstream_error invalid_scope", async () => {
    const app = testApp(tenant.profiles);
    const res = await app.post('/api/exchange', { profile: 'demo', subject_token: alice, scope: 'write:appointments delete:appointments' });
    expect(res.status).toBe(502);
    expect((await json(res)).error).toMatchObject({
      code: 'upstream_error',
      upstream: { error: 'invalid_scope', error_description: "scope must be a subset of the subject token's: it does not hold delete:appointments", status: 400 },
    });
  });

  it('validates the body: a subject token is required, unknown members and profiles are refused', async () => {
    const app = testApp(tenant.profiles);
    const missing = await app.post('/api/exchange', { profile: 'demo' });
    expect(missing.status).toBe(400);
    expect((await json(missing)).error).toMatchObject({ code: 'invalid_request', details: [{ path: 'subject_token' }] });
    expect((await app.post('/api/exchange', { profile: 'demo', subject_token: alice, actor_token: 'x' })).status).toBe(400);
    expect((await json(await app.post('/api/exchange', { profile: 'nope', subject_token: alice }))).error.code).toBe('unknown_profile');
  });

  it('scrubs the client secret from what the authorization server says back', async () => {
    const secret = tenant.as.keys.demoM2mSecret;
    const echoing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (request.url.endsWith('/oauth/token')) return Response.json({ error: 'invalid_request', error_description: `bad: ${request.headers.get('authorization') ?? ''} ${secret}` }, { status: 400 });
      return fetch(input, init);
    };
    const res = await testApp(tenant.profiles, { fetch: echoing, secrets: [secret] }).post('/api/exchange', { profile: 'demo', subject_token: alice });
    const text = await res.text();
    expect(res.status).toBe(502);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`demo-m2m:${secret}`).toString('base64'));
  });
});

describe("POST /api/token with params (the profile's tokenParams allowlist)", () => {
  it('passes user_id for the demo profile: the tenant rule puts it in the namespaced claim, the token is the client\'s', async () => {
    const app = testApp(tenant.profiles);
    const res = await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'write:appointments', params: { user_id: 'auth0|alice' } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.meta).toMatchObject({ params: { user_id: 'auth0|alice' }, scope: 'write:appointments', cached: false });
    expect(decodeJwt(body.access_token as string)).toMatchObject({ sub: 'demo-m2m@clients', gty: 'client-credentials', [userIdClaim]: 'auth0|alice' });
  });

  it('keys the token cache by params: another user is another token, the same user is a cache hit', async () => {
    const app = testApp(tenant.profiles);
    const mint = async (params?: Record<string, string>) => json(await app.post('/api/token', { profile: 'demo', audience: demoApi, scope: 'read:appointments', ...(params ? { params } : {}) }));
    const forAlice = await mint({ user_id: 'auth0|alice' });
    const forBob = await mint({ user_id: 'auth0|bob' });
    const plain = await mint();
    expect(decodeJwt(forBob.access_token as string)[userIdClaim]).toBe('auth0|bob');
    expect(decodeJwt(plain.access_token as string)[userIdClaim]).toBeUndefined();
    expect(new Set([forAlice.access_token, forBob.access_token, plain.access_token]).size).toBe(3);
    const again = await mint({ user_id: 'auth0|alice' });
    expect(again.meta.cached).toBe(true);
    expect(again.access_token).toBe(forAlice.access_token);
  });

  it('refuses any parameter name the profile does not allow, naming it, and sends nothing upstream', async () => {
    const recorded = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorded.fetchImpl });
    const res = await app.post('/api/token', { profile: 'demo', audience: demoApi, params: { user_id: 'auth0|alice', organization: 'org_1' } });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toEqual({
      code: 'invalid_request',
      message: 'Profile "demo" does not allow the token parameter organization (it allows user_id: see tokenParams)',
      details: [{ path: 'params.organization', message: "is not in the profile's tokenParams" }],
    });
    const none = await app.post('/api/token', { profile: 'demo-web', params: { user_id: 'auth0|alice' } });
    expect((await json(none)).error.message).toBe('Profile "demo-web" does not allow the token parameter user_id (it allows none: see tokenParams)');
    expect(recorded.calls).toHaveLength(0);
  });

  it('refuses parameter names that are not names, and values that are not strings', async () => {
    const app = testApp(tenant.profiles);
    for (const params of [{ 'grant type': 'x' }, { user_id: 42 }, { user_id: '' }, Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`p${i}`, 'v']))]) {
      const res = await app.post('/api/token', { profile: 'demo', params });
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect((await json(res)).error.code).toBe('invalid_request');
    }
  });

  it("carries the tenant's refusal of an unknown user", async () => {
    const res = await testApp(tenant.profiles).post('/api/token', { profile: 'demo', audience: demoApi, params: { user_id: 'auth0|mallory' } });
    expect(res.status).toBe(502);
    expect((await json(res)).error.upstream).toEqual({ error: 'invalid_request', error_description: 'user_id names no user of this tenant: auth0|mallory', status: 400 });
  });
});
