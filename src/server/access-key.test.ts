import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessKeySettingError, isLoopbackHost, keyMatches, resolveAccessKey } from './access-key';
import { createApp } from './app';
import { recordingLogger, testDeps, testOrigin } from './test-support';

const key = 'k3y-for-unit-tests-0123456789';
const accessKey = { key, cookieName: 'workbench_key_4000' };

function keyedApp() {
  const logger = recordingLogger();
  const dist = mkdtempSync(join(tmpdir(), 'wb-dist-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  const app = createApp(testDeps({ accessKey, logger, distDir: dist }));
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(`http://127.0.0.1:4000${path}`, { headers: { host: '127.0.0.1:4000', ...headers } });
  return { app, get, logger };
}

describe('resolveAccessKey (WORKBENCH_KEY)', () => {
  it('generates a fresh random key when unset, one per start', () => {
    const a = resolveAccessKey(undefined, '127.0.0.1', 4000);
    const b = resolveAccessKey('', '127.0.0.1', 4000);
    expect(a?.key).toMatch(/^[\w-]{32}$/);
    expect(b?.key).not.toBe(a?.key);
    expect(a?.cookieName).toBe('workbench_key_4000');
  });

  it('takes a given key, and refuses a short one or one with white space', () => {
    expect(resolveAccessKey('a-long-enough-key-1234', '0.0.0.0', 4000)?.key).toBe('a-long-enough-key-1234');
    expect(() => resolveAccessKey('short', '127.0.0.1', 4000)).toThrow(AccessKeySettingError);
    expect(() => resolveAccessKey('has white space in it', '127.0.0.1', 4000)).toThrow(/white space/);
  });

  it('turns off only on loopback, and says why elsewhere', () => {
    expect(resolveAccessKey('off', '127.0.0.1', 4000)).toBeNull();
    expect(resolveAccessKey('off', 'localhost', 4000)).toBeNull();
    expect(resolveAccessKey('off', '::1', 4000)).toBeNull();
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'devbox.internal']) {
      expect(() => resolveAccessKey('off', host, 4000)).toThrow(/WORKBENCH_KEY=off is refused when HOST is/);
    }
  });

  it('knows the loopback range', () => {
    expect(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', '::', '128.0.0.1', '127.example.com'].some(isLoopbackHost)).toBe(false);
  });

  it('compares in constant time, whatever the lengths', () => {
    expect(keyMatches(key, key)).toBe(true);
    expect(keyMatches(key, `${key}x`)).toBe(false);
    expect(keyMatches(key, key.slice(0, -1))).toBe(false);
    expect(keyMatches(key, '')).toBe(false);
    expect(keyMatches(key, undefined)).toBe(false);
  });
});

describe('/api behind the access key', () => {
  it('answers 401 unauthenticated without the key, and says how to open the app', async () => {
    const { get } = keyedApp();
    const res = await get('/api/profiles');
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toContain('?key=');
    expect(JSON.stringify(body)).not.toContain(key);
  });

  it('refuses a wrong key, in the header or the cookie', async () => {
    const { get } = keyedApp();
    expect((await get('/api/profiles', { 'x-workbench-key': `${key}-nope` })).status).toBe(401);
    expect((await get('/api/profiles', { cookie: `workbench_key_4000=${key}-nope` })).status).toBe(401);
    // Another instance's cookie (another port) is not ours.
    expect((await get('/api/profiles', { cookie: `workbench_key_4100=${key}` })).status).toBe(401);
  });

  it('accepts the X-Workbench-Key header (scripts) and the cookie (the app)', async () => {
    const { get } = keyedApp();
    expect((await get('/api/profiles', { 'x-workbench-key': key })).status).toBe(200);
    expect((await get('/api/profiles', { cookie: `workbench_key_4000=${key}` })).status).toBe(200);
  });

  it('keeps unknown /api routes behind the key too: no probing without it', async () => {
    const { get } = keyedApp();
    expect((await get('/api/nope')).status).toBe(401);
    expect((await get('/api/nope', { 'x-workbench-key': key })).status).toBe(404);
  });

  it('exempts /api/health and the form_post callback, which carry no credential of ours', async () => {
    const { app, get } = keyedApp();
    expect((await get('/api/health')).status).toBe(200);
    const res = await app.request('http://127.0.0.1:4000/api/callback/form-post', {
      method: 'POST',
      headers: { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4001', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=abc&state=xyz',
    });
    expect(res.status).toBe(303);
  });

  it('still refuses cross-origin POSTs that hold the key (CSRF guard first)', async () => {
    const { app } = keyedApp();
    const res = await app.request('http://127.0.0.1:4000/api/token', {
      method: 'POST',
      headers: { host: '127.0.0.1:4000', origin: 'https://evil.example', 'content-type': 'application/json', cookie: `workbench_key_4000=${key}` },
      body: JSON.stringify({ profile: 'demo' }),
    });
    expect(res.status).toBe(403);
  });

  it('lets everything through when the key is off (loopback only)', async () => {
    const app = createApp(testDeps({ accessKey: null }));
    const res = await app.request('http://127.0.0.1:4000/api/profiles', { headers: { host: '127.0.0.1:4000', origin: testOrigin } });
    expect(res.status).toBe(200);
  });
});

describe('opening the printed URL (?key=…)', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and redirects to the same page without the key', async () => {
    const { get, logger } = keyedApp();
    const res = await get(`/debugger?key=${key}&tab=sign`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/debugger?tab=sign');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`workbench_key_4000=${key}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).not.toContain(key);
    expect(logger.lines.join('\n')).not.toContain(key);
  });

  it('strips a wrong key too, and sets no cookie', async () => {
    const { get } = keyedApp();
    const res = await get('/?key=wrong-key-wrong-key');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('serves the app itself without the key: decoding needs no server', async () => {
    const { get } = keyedApp();
    const res = await get('/debugger');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>app</title>');
  });
});
