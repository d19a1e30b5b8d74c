import type { ServerResponse } from 'node:http';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '../../shared/api-contract';
import { callResponseSchema, type CallResponse } from '../../shared/call-contract';
import type { ResolvedProfile } from '../config';
import { demoApiIdentifier } from '../demo-as/tenant';
import { recordingFetch, recordingLogger, startDemoTenant, startHttpStub, startTrapListener, stubProfile, testApp } from '../test-support';

let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
let trap: Awaited<ReturnType<typeof startTrapListener>>;
/** An API on loopback: its path says how it answers (`/echo`, `/redirect`, `/big`, `/hang`, `/forbidden`, `/cookie`). */
let api: Awaited<ReturnType<typeof startHttpStub>>;
let apiHits = 0;

function answerAsTold(path: string, authorization: string, res: ServerResponse) {
  switch (path) {
    case '/own/echo':
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer error="invalid_token", error_description="got ${authorization}"` });
      res.end(JSON.stringify({ you_sent: authorization }));
      return;
    case '/own/redirect':
      res.writeHead(302, { location: `${trap.origin}/stolen` }).end();
      return;
    case '/own/big':
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"pad":"${'b'.repeat(1_100_000)}"}`);
      return;
    case '/own/hang':
      return;
    case '/own/forbidden':
      res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-limit': '10' }).end(JSON.stringify({ error: 'forbidden' }));
      return;
    case '/own/cookie':
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'sid=secret-session', 'x-internal': 'x', 'retry-after': '3' }).end('plain text');
      return;
    default:
      res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  }
}

beforeAll(async () => {
  tenant = await startDemoTenant();
  trap = await startTrapListener('127.0.0.2');
  api = await startHttpStub((req, res) => {
    apiHits += 1;
    req.resume();
    answerAsTold(new URL(req.url ?? '/', 'http://stub').pathname, req.headers.authorization ?? '', res);
  });
});
afterAll(async () => {
  await Promise.all([tenant.stop(), trap.stop(), api.stop()]);
});

const demoProfile = () => tenant.profiles.find((p) => p.id === 'demo')!;
/** The demo m2m profile whose demo API is served by the stub instead (the tenant still mints its tokens). */
const withStubApi = (): ResolvedProfile => ({ ...demoProfile(), apis: [{ identifier: demoApiIdentifier, scopes: [], baseUrl: `${api.origin}/own/` }] });

async function called(res: Response): Promise<CallResponse> {
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return callResponseSchema.parse(await res.json());
}
const errorOf = async (res: Response) => ((await res.json()) as ApiErrorBody).error;

/** A token the demo tenant would issue to a user for the demo API (signed with its key). */
async function userToken(sub: string, permissions: string[]): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { signingKey } = tenant.as.keys;
  return new SignJWT({ sub, aud: [demoApiIdentifier, `${tenant.as.issuer}userinfo`], scope: `openid ${permissions.join(' ')}`, permissions, azp: 'demo-spa' })
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid as string, typ: 'at+jwt' })
    .setIssuer(tenant.as.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(await importJWK(signingKey, 'RS256'));
}

describe('POST /api/call against the demo tenant', () => {
  it('GET /api/v2/users with a least-privilege token minted for read:users: 200 with the demo users', async () => {
    const answer = await called(await testApp(tenant.profiles).post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/users', mintScope: 'read:users' }));
    expect(answer.status).toBe(200);
    expect((answer.body as { user_id: string }[]).map((u) => u.user_id)).toEqual(expect.arrayContaining(['auth0|alice', 'auth0|bob']));
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers).toHaveProperty('x-ratelimit-remaining');
    expect(answer.meta.url).toBe(`${tenant.as.issuer}api/v2/users`);
  });

  it('mints through the token cache: the second call does not go to the token endpoint', async () => {
    const recorder = recordingFetch();
    const app = testApp(tenant.profiles, { fetch: recorder.fetchImpl });
    const tokenRequests = () => recorder.calls.filter((call) => call.url.endsWith('/oauth/token')).length;
    await called(await app.post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/roles', mintScope: 'read:roles' }));
    expect(tokenRequests()).toBe(1);
    const again = await called(await app.post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/roles', mintScope: 'read:roles' }));
    expect(again.status).toBe(200);
    expect(tokenRequests()).toBe(1);
    // the same cache as POST /api/token
    expect(((await (await app.post('/api/token', { profile: 'demo', audience: `${tenant.as.issuer}api/v2/`, scope: 'read:roles' })).json()) as { meta: { cached: boolean } }).meta.cached).toBe(true);
  });

  it('passes an upstream 403 through as its status inside a 200, the Auth0 body as is', async () => {
    const answer = await called(await testApp(tenant.profiles).post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/clients', mintScope: 'read:users' }));
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, errorCode: 'insufficient_scope', message: expect.stringContaining('read:clients') });
  });

  it('without a token: the 401 "Missing authentication"', async () => {
    const answer = await called(await testApp(tenant.profiles).post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/users' }));
    expect(answer).toMatchObject({ status: 401, body: { message: 'Missing authentication' } });
  });

  it("bob's token, POST /appointments on the demo API: 403 insufficient_scope with the RFC 6750 challenge", async () => {
    const app = testApp(tenant.profiles);
    const appointment = { patient: 'Erin', starts_at: '2026-03-01T08:00:00.000Z', with: 'Dr. Alice' };
    const bob = await userToken('auth0|bob', ['read:appointments']);
    const refused = await called(await app.post('/api/call', { profile: 'demo-spa', api: demoApiIdentifier, method: 'POST', path: '/appointments', body: appointment, token: bob }));
    expect(refused.status).toBe(403);
    expect(refused.headers['www-authenticate']).toMatch(/error="insufficient_scope"/);
    expect(refused.meta.url).toBe(`${tenant.as.issuer}demo-api/appointments`);
    const alice = await userToken('auth0|alice', ['read:appointments', 'write:appointments']);
    const booked = await called(await app.post('/api/call', { profile: 'demo-spa', api: demoApiIdentifier, method: 'POST', path: '/appointments', body: appointment, token: alice }));
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ patient: 'Erin' });
  });
});

describe('POST /api/call refuses what it must not send', () => {
  it('unknown profile, unknown API, a GET with a body, a token that cannot be a header value', async () => {
    const app = testApp(tenant.profiles);
    const nope = await app.post('/api/call', { profile: 'nope', method: 'GET', path: '/api/v2/users' });
    expect([nope.status, (await errorOf(nope)).code]).toEqual([404, 'unknown_profile']);
    const unknownApi = await app.post('/api/call', { profile: 'demo', api: `${trap.origin}/`, method: 'GET', path: '/x' });
    expect([unknownApi.status, (await errorOf(unknownApi)).code]).toEqual([404, 'unknown_api']);
    const getBody = await app.post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/users', body: { a: 1 } });
    expect([getBody.status, (await errorOf(getBody)).code]).toEqual([400, 'invalid_request']);
    const badToken = await app.post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/users', token: 'abc\u0000def\nHost: x' });
    const badTokenError = await errorOf(badToken);
    expect([badToken.status, badTokenError.code]).toEqual([400, 'invalid_request']);
    expect(JSON.stringify(badTokenError)).not.toContain('abc');
    const named = await app.post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/users', baseUrl: trap.origin });
    expect(named.status).toBe(400);
  });

  it('never contacts another host: every refused path, an absolute URL, and a redirect answer (SSRF trap on 127.0.0.2)', async () => {
    const before = trap.connections();
    const app = testApp([...tenant.profiles, { ...withStubApi(), id: 'stub-api' }]);
    const host = trap.origin.slice('http://'.length);
    const paths = [
      `//${host}/api/v2/users`, `/api/v2//${host}/`, `/api/v2/..%2f..%2f${host}`, `/api/v2/%2e%2e/%2e%2e/`, `/api/v2/users\\..\\..\\`, `/\\${host}/api/v2/`,
      `/api/v2/@${host}/`, `/api/v2/users/%252e%252e/`, `/api/v2/users\t/..`, trap.origin, `${trap.origin}/api/v2/users`,
    ];
    for (const path of paths) {
      for (const request of [{ profile: 'demo', method: 'GET', path }, { profile: 'stub-api', api: demoApiIdentifier, method: 'DELETE', path, token: 't'.repeat(20) }]) {
        const res = await app.post('/api/call', request);
        if (res.status === 200) expect(new URL((await called(res)).meta.url).origin, path).not.toBe(trap.origin);
        else expect(['path_not_allowed', 'invalid_request'], path).toContain((await errorOf(res)).code);
      }
    }
    const redirected = await called(await app.post('/api/call', { profile: 'stub-api', api: demoApiIdentifier, method: 'GET', path: '/redirect' }));
    expect(redirected.status).toBe(302);
    expect(redirected.headers.location).toBe(`${trap.origin}/stolen`);
    expect(trap.connections()).toBe(before);
  });

  it('cuts an answer over 1 MB with response_too_large (502)', async () => {
    const res = await testApp([withStubApi()]).post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/big' });
    expect(res.status).toBe(502);
    const error = await errorOf(res);
    expect(error.code).toBe('response_too_large');
    expect(error.message).toContain('1024 KB');
  });

  it("ends a hanging API at the profile's timeout with upstream_timeout (504)", async () => {
    const started = Date.now();
    const res = await testApp([{ ...withStubApi(), timeoutMs: 300 }]).post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/hang' });
    expect(res.status).toBe(504);
    expect((await errorOf(res)).code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('shows only the allowed answer headers: never set-cookie', async () => {
    const answer = await called(await testApp([withStubApi()]).post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/cookie' }));
    expect(answer).toMatchObject({ status: 200, body: 'plain text', headers: { 'content-type': 'text/plain', 'retry-after': '3' } });
    expect(Object.keys(answer.headers)).not.toContain('set-cookie');
    expect(Object.keys(answer.headers)).not.toContain('x-internal');
    const forbidden = await called(await testApp([withStubApi()]).post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/forbidden' }));
    expect(forbidden).toMatchObject({ status: 403, headers: { 'x-ratelimit-limit': '10' }, body: { error: 'forbidden' } });
  });
});

describe('POST /api/call keeps tokens to itself', () => {
  it('a pasted bearer is never logged, and is scrubbed from an answer that echoes it', async () => {
    const logger = recordingLogger();
    const bearer = `eyJhbGciOiJub25lIn0.eyJzdWIiOiJjYW5hcnkifQ.pasted-bearer-canary-${Date.now()}`;
    const app = testApp([withStubApi(), { ...withStubApi(), id: 'slow', timeoutMs: 200 }], { logger });
    const echoed = await called(await app.post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/echo', token: bearer }));
    expect(echoed.status).toBe(401);
    const timedOut = await app.post('/api/call', { profile: 'slow', api: demoApiIdentifier, method: 'GET', path: '/hang', token: bearer });
    const refused = await app.post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/../echo', token: bearer });
    const everything = [JSON.stringify(echoed), await timedOut.text(), await refused.text(), ...logger.lines].join('\n');
    expect(everything).not.toContain('pasted-bearer-canary');
    expect(everything).not.toContain(bearer.split('.')[1]);
    expect(JSON.stringify(echoed)).toContain('[redacted]');
    expect(logger.lines.some((line) => line.startsWith('POST /api/call'))).toBe(true);
  });

  it('a minted token goes upstream but never comes back in the answer, nor the client secret', async () => {
    const recorder = recordingFetch();
    const app = testApp([withStubApi()], { fetch: recorder.fetchImpl });
    const answer = await called(await app.post('/api/call', { profile: 'demo', api: demoApiIdentifier, method: 'GET', path: '/echo', mintScope: 'read:appointments' }));
    const sent = recorder.calls.find((call) => call.url.endsWith('/own/echo'))?.headers.get('authorization') ?? '';
    expect(sent).toMatch(/^Bearer ey/);
    const text = JSON.stringify(answer);
    expect(text).not.toContain(sent.slice('Bearer '.length));
    expect(text).not.toContain(sent.split('.')[2]);
    expect(text).not.toContain(demoProfile().clientSecret);
    expect(answer.body).toEqual({ you_sent: 'Bearer [redacted]' });
  });

  it("the Management API's client_secret (read:client_keys) of a configured profile comes back [redacted]", async () => {
    const answer = await called(await testApp(tenant.profiles).post('/api/call', { profile: 'demo', method: 'GET', path: '/api/v2/clients', mintScope: 'read:clients read:client_keys' }));
    const m2m = (answer.body as { client_id: string; client_secret?: string }[]).find((client) => client.client_id === demoProfile().clientId);
    expect(m2m?.client_secret).toBe('[redacted]');
    expect(JSON.stringify(answer)).not.toContain(demoProfile().clientSecret);
  });
});

describe('POST /api/call for a configured profile', () => {
  it('calls the Management API of a *.auth0.com profile only at its issuer, and an own API only at its baseUrl', async () => {
    const recorder = recordingFetch(async () => Response.json({ ok: true }));
    const profile = stubProfile('https://acme.eu.auth0.com/', { apis: [{ identifier: 'https://api.acme.test/', scopes: [], baseUrl: 'https://api.acme.test/v1' }] });
    const app = testApp([profile], { fetch: recorder.fetchImpl });
    await called(await app.post('/api/call', { profile: 'stub', method: 'PATCH', path: '/api/v2/users/auth0|alice', body: { user_metadata: { a: 1 } }, token: 'a'.repeat(32) }));
    await called(await app.post('/api/call', { profile: 'stub', api: 'https://api.acme.test/', method: 'GET', path: '/items', query: { tag: ['a', 'b'] } }));
    expect(recorder.calls.map((call) => [call.method, call.url, call.headers.get('content-type'), call.headers.has('authorization'), call.body])).toEqual([
      ['PATCH', 'https://acme.eu.auth0.com/api/v2/users/auth0|alice', 'application/json', true, '{"user_metadata":{"a":1}}'],
      ['GET', 'https://api.acme.test/v1/items?tag=a&tag=b', null, false, ''],
    ]);
    expect(apiHits).toBeGreaterThan(0);
  });
});
