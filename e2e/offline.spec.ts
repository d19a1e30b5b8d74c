import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CompactSign } from 'jose';
import { e2eEnv } from './support/env';

/**
 * Offline (issue 14 §7): the service worker precaches the app, so every in-browser tool works with the network
 * gone; tools that need the companion say it is unreachable; a new deploy prompts for a reload. The other suites
 * block service workers, so that nothing they load comes from a cache.
 */
test.use({ serviceWorkers: 'allow' });

const SECRET = 'a-string-secret-at-least-256-bits-long!!';
const now = () => Math.floor(Date.now() / 1000);

async function hs256(payload: object): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(SECRET));
}

/** Waits until a service worker controls the page, i.e. the precache is complete and every tool is in it. */
async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

test('offline: reload, then decode, verify and sign, and search the scope picker; the companion is "unreachable"', async ({ page, context }) => {
  await page.goto('/debugger');
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Token editor' })).toBeVisible();

  const token = await hs256({ sub: 'alice', iss: 'https://tenant.example.com/', aud: 'https://api.example.com/', iat: now(), exp: now() + 3600 });
  await page.getByRole('textbox', { name: 'Encoded token' }).fill(token);
  await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "alice"');
  await page.getByRole('textbox', { name: 'Verification key' }).fill(SECRET);
  await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Signature verified/);
  await page.getByRole('textbox', { name: 'Signing key' }).fill(SECRET);
  await page.getByRole('textbox', { name: 'Payload' }).fill(JSON.stringify({ sub: 'bob', iat: now() }, null, 2));
  await expect.poll(async () => (await page.getByRole('textbox', { name: 'Encoded token' }).inputValue()) !== token).toBe(true);
  await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Signature verified/);

  // A full navigation while offline: the worker answers it with the app shell, and the catalog chunk from its cache.
  await page.goto('/scopes');
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users/{id}');
  await expect(page.getByRole('checkbox', { name: 'GET /api/v2/users/{id}', exact: true })).toBeVisible();

  await page.goto('/introspect');
  await expect(page.getByRole('alert').filter({ hasText: 'Companion server unreachable' })).toBeVisible();
  await context.setOffline(false);
});

test('a new deploy installs in the background and the app prompts to reload', async ({ page }) => {
  test.setTimeout(60_000);
  // A server of our own, over a copy of the build that this test can "deploy" to.
  const dist = mkdtempSync(join(tmpdir(), 'workbench-deploy-'));
  cpSync(e2eEnv.distDir, dist, { recursive: true });
  const port = e2eEnv.appPort + 3;
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), DEMO_AS: 'off', DEMO_AS_PORT: String(e2eEnv.asPort), WORKBENCH_DIST: dist, WORKBENCH_CONFIG: 'e2e/fixtures/workbench.e2e.json', LOG_REQUESTS: '0', WORKBENCH_KEY: 'off' },
    stdio: 'ignore',
  });
  try {
    await expect.poll(async () => fetch(`${origin}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    await page.goto(`${origin}/debugger`);
    await waitForServiceWorker(page);
    const prompt = page.getByRole('status').filter({ hasText: 'A new version of Token Workbench is ready' });
    await expect(prompt).toHaveCount(0);

    // The deploy: a service worker that differs by one byte is a new version to the browser.
    appendFileSync(join(dist, 'sw.js'), '\n// deploy 2\n');
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Reload' }).click();
    await page.waitForLoadState('load');
    await expect(page.getByRole('heading', { name: 'Token editor' })).toBeVisible();
    await expect(prompt).toHaveCount(0);
  } finally {
    child.kill('SIGTERM');
  }
});
