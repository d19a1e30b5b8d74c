import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTenant, startFaultServer, startTrapListener, stubProfile, testApp } from '../test-support';

/**
 * SSRF: nothing in a request body, query or header may make the server contact a host that is not a configured
 * issuer's. A listener on another loopback address (127.0.0.2) stands for every such host: it must see no connection.
 */
let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
let trap: Awaited<ReturnType<typeof startTrapListener>>;
let faults: Awaited<ReturnType<typeof startFaultServer>>;

beforeAll(async () => {
  tenant = await startDemoTenant();
  trap = await startTrapListener('127.0.0.2');
  faults = await startFaultServer(`${trap.origin}/`);
});
afterAll(async () => {
  await Promise.all([tenant.stop(), trap.stop(), faults.stop()]);
});

describe('the server contacts configured issuers only', () => {
  it('the trap listener works: a direct request reaches it', async () => {
    const before = trap.connections();
    await fetch(`${trap.origin}/probe`).then((r) => r.arrayBuffer());
    expect(trap.connections()).toBe(before + 1);
  });

  it('no body member, query parameter or header names a host', async () => {
    const before = trap.connections();
    const app = testApp(tenant.profiles);
    const url = `${trap.origin}/`;
    const hostileHeaders = { 'x-forwarded-host': trap.origin.slice(7), forwarded: `host=${trap.origin.slice(7)}`, 'x-original-url': url, referer: url };
    const attempts = [
      app.post('/api/introspect', { profile: 'demo-rs', token: url, token_type_hint: 'access_token' }, hostileHeaders),
      app.post('/api/introspect', { profile: url, token: 't' }),
      app.post('/api/introspect', { profile: 'demo-rs', token: 't', issuer: url, endpoint: url, introspection_endpoint: url }),
      app.post('/api/token', { profile: 'demo', audience: url, scope: 'read:appointments' }, hostileHeaders),
      app.post('/api/token', { profile: 'demo', token_endpoint: url }),
      app.post('/api/revoke', { profile: 'demo', token: url }, hostileHeaders),
      app.post('/api/userinfo', { profile: 'demo-spa', access_token: url, userinfo_endpoint: url }),
      app.get(`/api/discovery?profile=demo&issuer=${encodeURIComponent(url)}`, hostileHeaders),
      app.get(`/api/jwks?profile=demo&jwks_uri=${encodeURIComponent(url)}`, hostileHeaders),
      app.get(`/api/jwks?profile=${encodeURIComponent(url)}`),
      app.post('/api/introspect', { profile: 'demo-rs', token: 't' }, { host: trap.origin.slice(7) }),
    ];
    const codes = await Promise.all((await Promise.all(attempts)).map(async (r) => (r.ok ? 'ok' : ((await r.json()) as { error: { code: string } }).error.code)));
    // Answers come from the configured AS (or a refusal), never from a failed attempt to reach another host.
    expect(codes.filter((code) => code === 'upstream_unreachable' || code === 'upstream_timeout')).toEqual([]);
    expect(trap.connections()).toBe(before);
  });

  it('a discovery document naming the trap host, or a redirect to it, is refused without contacting it', async () => {
    const before = trap.connections();
    const app = testApp([stubProfile(faults.issuer('off-origin')), stubProfile(faults.issuer('redirect'), { id: 'redirect' })]);
    const offOrigin = await Promise.all([
      app.post('/api/introspect', { profile: 'stub', token: 't' }),
      app.post('/api/token', { profile: 'stub' }),
      app.post('/api/revoke', { profile: 'stub', token: 't' }),
      app.post('/api/userinfo', { profile: 'stub', access_token: 't' }),
      app.get('/api/jwks?profile=stub'),
    ]);
    for (const res of offOrigin) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('upstream_endpoint_refused');
    const redirected = await app.post('/api/introspect', { profile: 'redirect', token: 't' });
    expect(redirected.status).toBe(502);
    expect(trap.connections()).toBe(before);
  });
});
