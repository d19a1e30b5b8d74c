import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { demoApi } from './support/demo-tenant';
import { e2eEnv } from './support/env';

/**
 * POST /api/call is never an open proxy: a path that leaves its configured base is refused before any request, from
 * the explorer's own form and from a script alike, and a trap listener on another loopback address sees nothing.
 */
let trap: Server;
let trapHits = 0;
let trapOrigin = '';

test.beforeAll(async () => {
  trap = createServer((_req, res) => {
    trapHits += 1;
    res.end('trapped');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
  trapOrigin = `http://127.0.0.2:${(trap.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => trap.close(() => resolve())));

test('the explorer form: an own-API path that leaves its base is refused, and the trap sees no connection', async ({ page }) => {
  await page.goto('/explorer');
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await page.getByRole('combobox', { name: 'Which API' }).selectOption(demoApi);
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('paste');
  await page.getByRole('textbox', { name: 'Bearer token' }).fill('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln');
  const path = page.getByRole('textbox', { name: 'Path' });
  for (const escape of [`/..%2f..%2f${trapOrigin.slice(7)}/x`, `//${trapOrigin.slice(7)}/x`, '/%2e%2e/%2e%2e/x', '/..\\..\\x']) {
    await path.fill(escape);
    await page.getByRole('button', { name: 'Send request' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /path|leave|base/i }).first()).toBeVisible();
  }
  // What the user typed is kept.
  await expect(path).toHaveValue('/..\\..\\x');
  expect(trapHits).toBe(0);
});

test('a script: every escape is 400 path_not_allowed, another origin as the API is unknown_api, and the trap sees nothing', async ({ request }) => {
  const host = trapOrigin.slice(7);
  const escapes = [
    '/api/v2/../../x', '/api/v2/%2e%2e/%2e%2e/x', '/api/v2/%2E%2e/x', '/api/v2/..%2fx', '/api/v2/%252e%252e/x', '/api/v2/users%2f..%2f..%2fx',
    '/api/v2/users%5c..', '/api/v2\\..\\x', `//${host}/x`, `${trapOrigin}/x`, `http:${host}/x`, '/api/v2/users/\u0000x',
    '/api/v2/users/%0d%0aHost:evil', `/api/v2/users?redirect=${trapOrigin}`,
  ];
  for (const path of escapes) {
    const res = await request.post('/api/call', { data: { profile: 'demo', method: 'GET', path, mintScope: 'read:users' }, headers: { origin: e2eEnv.baseURL } });
    expect(res.status(), path).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code, path).toMatch(/^(path_not_allowed|invalid_request)$/);
  }
  // An `@` in a path is a path segment, not userinfo: the call stays on the tenant's own origin.
  const at = await request.post('/api/call', { data: { profile: 'demo', method: 'GET', path: `/api/v2/@${host}/x`, mintScope: 'read:users' }, headers: { origin: e2eEnv.baseURL } });
  expect(at.status()).toBe(200);
  expect(((await at.json()) as { meta: { url: string } }).meta.url.startsWith(`${e2eEnv.issuer}api/v2/`)).toBe(true);
  const otherApi = await request.post('/api/call', { data: { profile: 'demo', api: `${trapOrigin}/`, method: 'GET', path: '/x' }, headers: { origin: e2eEnv.baseURL } });
  expect(otherApi.status()).toBe(404);
  expect(((await otherApi.json()) as { error: { code: string } }).error.code).toBe('unknown_api');
  expect(trapHits).toBe(0);
});
