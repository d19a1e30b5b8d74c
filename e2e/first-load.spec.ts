import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Response, Route } from '@playwright/test';
import { CompactSign } from 'jose';
import { routePreloads, routeSources, staticClosure } from '../src/server/static-assets';
import type { ViteManifest } from '../src/server/static-assets';
import { e2eEnv } from './support/env';

/**
 * What a first visit to /debugger needs before the token box works (issue 15 §1), from the browser's network log:
 * the entry and the route's own chunks, brotli- or gzip-encoded, immutable, and within the 110 KB budget. Every
 * other script (CodeMirror, the panels below the fold) is held back until the box has shown a decoded token, so
 * the test also proves the box does not wait for them. A size budget, not a timing: deterministic.
 */
const budgetBytes = 110 * 1024;

/** The entry's closure and the route's own chunks: what the server preloads for /debugger. */
function firstRouteFiles(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(e2eEnv.distDir, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
  const entry = [...staticClosure(manifest, 'index.html')].map((key) => manifest[key]?.file ?? '');
  const files = [...entry, ...routePreloads(manifest, routeSources['/debugger'] ?? '')];
  return new Set(files.filter((f) => f.endsWith('.js')).map((f) => `/${f}`));
}

test('a first visit to /debugger gets its JS compressed and immutable, within 110 KB, and the token box works before the editors load', async ({ browser }) => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const critical = firstRouteFiles();
  const held: Route[] = [];
  let holding = true;
  await page.route((url) => url.pathname.endsWith('.js') && !critical.has(url.pathname), (route) => (holding ? held.push(route) : route.continue()));
  const scripts: Response[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response);
  });

  await page.goto('/debugger');
  const payload = { sub: 'first-load', iat: 1_700_000_000 };
  const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('a-string-secret-at-least-256-bits-long!!'));
  const box = page.getByRole('textbox', { name: 'Encoded token' });
  await box.fill(token);
  // The plain textarea that stands in for the JSON editor until CodeMirror arrives.
  await expect(page.getByRole('textbox', { name: 'Payload' })).toHaveValue(/"sub": "first-load"/);
  expect(held.length, 'CodeMirror and the panels were requested, and held back').toBeGreaterThan(0);

  let transferred = 0;
  const served = [];
  for (const response of scripts) {
    await response.finished();
    const { responseBodySize } = await response.request().sizes();
    transferred += responseBodySize;
    served.push({ path: new URL(response.url()).pathname, encoding: await response.headerValue('content-encoding'), cache: await response.headerValue('cache-control'), vary: await response.headerValue('vary') });
  }
  expect(served.map((s) => s.path).sort()).toEqual([...critical].sort());
  for (const file of served) {
    expect(file.encoding, file.path).toMatch(/^(br|gzip)$/);
    expect(file.cache, file.path).toBe('public, max-age=31536000, immutable');
    expect(file.vary, file.path).toContain('Accept-Encoding');
  }
  test.info().annotations.push({ type: 'first-route JS', description: `${(transferred / 1024).toFixed(1)} KB in ${served.length} files` });
  expect(transferred).toBeLessThanOrEqual(budgetBytes);

  // Released, the editors hydrate: the payload is now in CodeMirror.
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(page.locator('.cm-content[aria-label="Payload"]')).toContainText('"sub": "first-load"');
  await context.close();
});
