import { beforeAll, describe, expect, it } from 'vitest';
import { bearerVerifier } from './bearer-token';
import { demoApi, demoApiBaseUrl } from './demo-api';
import { demoApiIdentifier } from './tenant';
import { testSigner, type TestSigner } from './test-bearer';

const issuer = 'http://127.0.0.1:4001/';
let signer: TestSigner;

beforeAll(async () => {
  signer = await testSigner(issuer);
});

function setup() {
  const app = demoApi(bearerVerifier(issuer, signer.signingKey));
  return async (method: string, path: string, token?: string, body?: unknown) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(new URL(path, demoApiBaseUrl(issuer)).href, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as unknown };
  };
}

/** A user token as the tenant mints it for the demo API (RBAC permissions). */
const userToken = (sub: string, permissions: string[]) => signer.sign({ aud: [demoApiIdentifier, `${issuer}userinfo`], sub, scope: `openid ${permissions.join(' ')}`, permissions });
const alice = () => userToken('auth0|alice', ['read:appointments', 'write:appointments']);
const bob = () => userToken('auth0|bob', ['read:appointments']);
const newAppointment = { patient: 'Erin', starts_at: '2026-03-01T08:00:00.000Z', with: 'Dr. Alice' };

describe('the demo API as a resource server (RFC 6750)', () => {
  it('lets alice write appointments, and bob only read them', async () => {
    const call = setup();
    expect((await call('GET', 'appointments', await bob())).status).toBe(200);
    const created = await call('POST', 'appointments', await alice(), newAppointment);
    expect(created).toMatchObject({ status: 201, body: newAppointment });
    const id = (created.body as { id: string }).id;
    expect(await call('PATCH', `appointments/${id}`, await alice(), { notes: 'Bring X-rays' })).toMatchObject({ status: 200, body: { id, notes: 'Bring X-rays' } });
    expect((await call('PATCH', 'appointments/apt_nope', await alice(), { notes: 'x' })).status).toBe(404);

    const refused = await call('POST', 'appointments', await bob(), newAppointment);
    expect(refused.status).toBe(403);
    expect(refused.challenge).toMatch(/^Bearer realm="Demo appointments API", error="insufficient_scope", scope="write:appointments"/);
    expect(refused.body).toMatchObject({ error: 'insufficient_scope' });
    expect((await call('PATCH', 'appointments/apt_1', await bob(), { notes: 'x' })).status).toBe(403);
  });

  it('answers invalid_token challenges for a token it cannot accept, and a bare challenge without one', async () => {
    const call = setup();
    const missing = await call('GET', 'appointments');
    expect(missing.status).toBe(401);
    expect(missing.challenge).toBe('Bearer realm="Demo appointments API"');
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      'opaque0123456789opaque0123456789',
      await signer.sign({ aud: demoApiIdentifier, scope: 'read:appointments' }, { otherKey: true }),
      await signer.sign({ aud: `${issuer}api/v2/`, scope: 'read:appointments' }),
      await signer.sign({ aud: demoApiIdentifier, scope: 'read:appointments', iat: now - 100, exp: now - 10 }),
    ];
    for (const token of bad) {
      const res = await call('GET', 'appointments', token);
      expect(res.status).toBe(401);
      expect(res.challenge).toMatch(/^Bearer realm="Demo appointments API", error="invalid_token", error_description="[^"]+"$/);
    }
  });
});
