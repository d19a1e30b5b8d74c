import { expect, test } from '@playwright/test';
import { e2eEnv } from './support/env';

test('a cross-origin POST to /api gets a 403 with a JSON error', async ({ request }) => {
  const res = await request.post('/api/health', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
    data: '{}',
  });
  expect(res.status()).toBe(403);
  expect(await res.json()).toEqual({ error: { code: 'forbidden_origin', message: expect.any(String) } });
});

test('a page on another origin cannot POST to the companion server from a real browser', async ({ page }) => {
  // The demo authorization server is another origin on this machine: a stand-in for any other site.
  await page.goto(`${e2eEnv.issuer}.well-known/openid-configuration`);
  const statuses: number[] = [];
  page.on('response', (res) => {
    if (res.url().startsWith(`${e2eEnv.baseURL}/api/`)) statuses.push(res.status());
  });
  await page.evaluate(async (url) => {
    await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: 'x' });
  }, `${e2eEnv.baseURL}/api/profiles`);
  await expect.poll(() => statuses).toEqual([403]);
});

test('a same-origin POST from the app is not refused by the origin check', async ({ page }) => {
  await page.goto('/debugger');
  const answer = await page.evaluate(async () => {
    const res = await fetch('/api/no-such-route', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { status: res.status, body: (await res.json()) as unknown };
  });
  expect(answer.status).toBe(404);
  expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
});

test('the API never answers with a stack trace, and a huge body gets 413', async ({ request, baseURL }) => {
  const res = await request.post('/api/health', {
    headers: { origin: baseURL ?? '', 'content-type': 'application/json' },
    data: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }),
  });
  expect(res.status()).toBe(413);
  const body = await res.text();
  expect(JSON.parse(body)).toMatchObject({ error: { code: 'payload_too_large' } });
  expect(body).not.toMatch(/at .*\.ts:\d+/);
});
