import { beforeAll, describe, expect, it } from 'vitest';
import { bearerVerifier } from './bearer-token';
import { BurstLimiter, burstLimitCapacity } from './burst-limit';
import { managementApi } from './management-api';
import { managementOperations } from './management-operations';
import { managementApiAudience } from './tenant';
import { testSigner, type TestSigner } from './test-bearer';
import { testTenant } from './test-tenant';

const issuer = 'http://127.0.0.1:4001/';
const audience = managementApiAudience(issuer);
let signer: TestSigner;

beforeAll(async () => {
  signer = await testSigner(issuer);
});

function setup(limiter = new BurstLimiter(1_000_000, 1_000_000), now?: () => Date) {
  const tenant = testTenant(issuer);
  const app = managementApi({ tenant, verifier: bearerVerifier(issuer, signer.signingKey), audience, limiter, ...(now ? { now } : {}) });
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`${issuer.slice(0, -1)}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
  };
  return { tenant, app, call };
}

const m2m = (scope: string, extra: Record<string, unknown> = {}) => signer.sign({ aud: audience, sub: 'demo-m2m@clients', azp: 'demo-m2m', gty: 'client-credentials', scope, ...extra });

describe('the demo Management API checks the bearer token as Auth0 does', () => {
  it('answers each refusal with Auth0 exact body', async () => {
    const { call } = setup();
    const cases: [string | undefined, number, Record<string, unknown>][] = [
      ['opaque-token-0123456789abcdefghij', 400, { statusCode: 400, error: 'Bad Request', message: 'Bad HTTP authentication header format', errorCode: 'Bearer' }],
      [undefined, 401, { statusCode: 401, error: 'Unauthorized', message: 'Missing authentication' }],
      [await signer.sign({ aud: audience, scope: 'read:users' }, { otherKey: true }), 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', attributes: { error: 'Invalid token' } }],
      [await signer.sign({ aud: audience, scope: 'read:users', iss: 'https://other.example/' }), 401, { statusCode: 401, error: 'Unauthorized', message: 'Invalid token', attributes: { error: 'Invalid token' } }],
      [
        await signer.sign({ aud: ['https://api.demo.test/', `${issuer}userinfo`], scope: 'openid read:appointments' }),
        401,
        { statusCode: 401, error: 'Unauthorized', message: `Bad audience: https://api.demo.test/ ${issuer}userinfo`, attributes: { error: `Bad audience: https://api.demo.test/ ${issuer}userinfo` } },
      ],
      [
        await m2m('read:users', { iat: 1_000, exp: 2_000 }),
        401,
        { statusCode: 401, error: 'Unauthorized', message: 'Expired token received for JSON Web Token validation', attributes: { error: 'Expired token received for JSON Web Token validation' } },
      ],
      [
        await m2m('read:clients'),
        403,
        { statusCode: 403, error: 'Forbidden', message: 'Insufficient scope, expected any of: read:users,read:current_user,read:user_idp_tokens', errorCode: 'insufficient_scope' },
      ],
    ];
    for (const [token, status, body] of cases) {
      const res = await call('GET', '/api/v2/users/auth0%7Calice', token);
      expect({ status: res.status, body: res.body }).toEqual({ status, body });
      expect(res.headers.get('x-ratelimit-limit')).toBeTruthy();
    }
  });

  it('answers an unknown user with 404 inexistent_user, and an operation without a store with 501 after the scope check', async () => {
    const { call } = setup();
    expect((await call('GET', '/api/v2/users/auth0%7Cnobody', await m2m('read:users'))).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'The user does not exist.',
      errorCode: 'inexistent_user',
    });
    expect((await call('GET', '/api/v2/actions/actions', await m2m('read:users'))).status).toBe(403);
    expect((await call('GET', '/api/v2/actions/actions', await m2m('read:actions'))).body).toEqual({
      statusCode: 501,
      error: 'Not Implemented',
      message: 'The demo tenant does not emulate GET /api/v2/actions/actions',
      errorCode: 'not_emulated',
    });
  });

  it(`refuses the ${burstLimitCapacity + 1}th request in a burst with 429, per client and user, with the rate-limit headers`, async () => {
    // A stopped clock: on a loaded machine the burst would otherwise refill while it is being sent.
    const stopped = new Date();
    const { call } = setup(new BurstLimiter(), () => stopped);
    const token = await m2m('read:users');
    let last = await call('GET', '/api/v2/users', token);
    expect(last.headers.get('x-ratelimit-limit')).toBe(String(burstLimitCapacity));
    expect(last.headers.get('x-ratelimit-remaining')).toBe(String(burstLimitCapacity - 1));
    expect(Number(last.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(Math.floor(stopped.getTime() / 1000));
    for (let i = 1; i <= burstLimitCapacity; i += 1) last = await call('GET', '/api/v2/users', token);
    expect(last.status).toBe(429);
    expect(last.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests' });
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await call('GET', '/api/v2/users', await m2m('read:users read:clients'))).status).toBe(429);
    expect((await call('GET', '/api/v2/users', await m2m('read:users', { sub: 'other-m2m@clients', azp: 'other-m2m' }))).status).toBe(200);
  });
});

describe('every catalog operation enforces its accepted scopes', () => {
  it('refuses a token without them, naming them, and lets each one alone through the scope check', async () => {
    const { call } = setup();
    const noScope = await signer.sign({ aud: audience, sub: 'auth0|alice', scope: 'openid' });
    const failures: string[] = [];
    const tokens = new Map<string, Promise<string>>();
    const tokenWith = (scope: string) => tokens.get(scope) ?? tokens.set(scope, signer.sign({ aud: audience, sub: 'auth0|alice', scope })).get(scope);
    for (const op of managementOperations) {
      const path = op.path.replace(/\{[^}]+\}/g, encodeURIComponent('auth0|alice'));
      const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
      const refused = await call(op.method, path, noScope, body);
      const expected = `Insufficient scope, expected any of: ${[...new Set(op.alternatives.flat())].join(',')}`;
      if (refused.status !== 403 || refused.body?.message !== expected) failures.push(`${op.id} without scope: ${refused.status} ${String(refused.body?.message)}`);
      for (const scope of new Set(op.alternatives.flat())) {
        const res = await call(op.method, path, await tokenWith(scope), body);
        if (res.status === 403) failures.push(`${op.id} with ${scope}: ${String(res.body?.message)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(managementOperations.length).toBeGreaterThan(400);
  }, 60_000);
});
