import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Response } from '@playwright/test';
import { routeSources } from '../src/server/static-assets';
import { firstRouteBudgetBytes } from './bundle-size';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const USABLE_GOAL_MS = 300;
const COLD_LOADS = 5;
const ENCODED_TOKEN = 'textarea#encoded-token, textarea[aria-label="Encoded token"]';

export interface TransferredJs {
  bytes: number;
  files: number;
  /** Files per Content-Encoding ('identity' when none). */
  encodings: Record<string, number>;
}

/** The JS responses of one page load, as Chromium received them: encoded body bytes and their Content-Encoding. */
export function recordJs(page: { on: (event: 'response', listener: (r: Response) => void) => unknown }): { collect: () => Promise<TransferredJs>; counted: () => number } {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' || response.url().endsWith('.js')) responses.push(response);
  });
  const collect = async () => {
    const result: TransferredJs = { bytes: 0, files: 0, encodings: {} };
    for (const response of responses) {
      await response.finished();
      const { responseBodySize } = await response.request().sizes();
      const encoding = (await response.headerValue('content-encoding')) ?? 'identity';
      result.bytes += responseBodySize;
      result.files += 1;
      result.encodings[encoding] = (result.encodings[encoding] ?? 0) + 1;
    }
    return result;
  };
  return { collect, counted: () => responses.length };
}

export const describeEncodings = (js: TransferredJs) =>
  Object.entries(js.encodings)
    .map(([encoding, count]) => `${encoding} ${count}`)
    .join(', ');

/** A first visit: a fresh context, no cache and no service worker, until the network has been idle for 500 ms. */
async function firstLoad(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<TransferredJs> {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  try {
    const page = await context.newPage();
    const { collect, counted } = recordJs(page);
    await page.goto(url, { waitUntil: 'networkidle' });
    // On a busy machine the page may parse for longer than networkidle's 500 ms before it asks for the chunks it
    // loads after its first paint: settle until an idle main thread and an idle network bring no new script.
    for (let seen = -1; seen !== counted(); ) {
      seen = counted();
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5_000 })));
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
    }
    return await collect();
  } finally {
    await context.close();
  }
}

interface Usable {
  /** Milliseconds from navigation start to the "Encoded token" textbox being in the DOM, visible and editable. */
  at: number;
  /** Encoded body bytes of the scripts that had arrived by then, from the page's Resource Timing entries. */
  jsBytes: number;
}

/**
 * Installed before any of the page's scripts (a string: tsx's helpers must not leak in): a MutationObserver notes the moment (microtask after the DOM change)
 * the "Encoded token" textarea is first in the DOM, visible and editable, and which scripts had arrived by then.
 */
const usableProbe = (selector: string) => String.raw`(() => {
  const check = () => {
    if (window.__usable) return;
    const box = document.querySelector(${JSON.stringify(selector)});
    if (!box || box.disabled || box.readOnly || box.getClientRects().length === 0) return;
    const at = performance.now();
    const scripts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js') && e.responseEnd > 0 && e.responseEnd <= at);
    window.__usable = { at, jsBytes: scripts.reduce((sum, e) => sum + e.encodedBodySize, 0) };
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true });
  // A page whose markup holds the box may be parsed in one go: check each frame too.
  const poll = () => { check(); if (!window.__usable) requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
})()`;

/** The page's own timeline: each resource's start, first byte and end, and DOMContentLoaded (ms from navigation). A string, as the probe. */
const timelineScript = String.raw`(() => {
  const ms = (n) => n.toFixed(0).padStart(5);
  const line = (e, name) => ms(e.startTime) + ' → ttfb ' + ms(e.responseStart) + ' → end ' + ms(e.responseEnd) + '  ' + (e.encodedBodySize / 1024).toFixed(1).padStart(6) + ' KB  ' + name;
  const [nav] = performance.getEntriesByType('navigation');
  return [
    ...(nav ? [line(nav, 'document'), ms(nav.domContentLoadedEventEnd) + ' DOMContentLoaded'] : []),
    ...performance.getEntriesByType('resource').map((e) => line(e, new URL(e.name).pathname)),
    ms(window.__usable.at) + ' usable',
  ];
})()`;

export async function navigationToUsable(browser: Browser, url: string, withTimeline = false): Promise<{ usable: Usable; timeline?: string[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.addInitScript(usableProbe(ENCODED_TOKEN));
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (window as unknown as { __usable?: Usable }).__usable ?? false, undefined, { timeout: 15_000 });
    const usable = (await handle.jsonValue()) as Usable;
    if (!withTimeline) return { usable };
    await page.waitForLoadState('load');
    return { usable, timeline: (await page.evaluate(timelineScript)) as string[] };
  } finally {
    await context.close();
  }
}

/** The floor of any page with a token box: one HTML file with a textarea, from a bare node:http server on loopback. */
async function withBaselinePage<T>(use: (url: string) => Promise<T>): Promise<T> {
  const html = '<!doctype html><html lang="en"><meta charset="utf-8"><title>baseline</title><label for="encoded-token">Encoded token</label><textarea id="encoded-token" rows="7"></textarea></html>';
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/**
 * Section: what a first visit transfers and waits for. JS bytes per route from Chromium's network log (encoded body
 * sizes), next to the same load with `Accept-Encoding: identity`; then navigation → "Encoded token" usable, p50 of
 * cold loads, next to a bare page holding only a textarea.
 */
export async function benchFirstLoad(browser: Browser, appUrl: string): Promise<SectionResult> {
  const section = 'First load';
  const kb = (bytes: number) => bytes / 1024;
  const rows: BenchRow[] = [];
  for (const route of Object.keys(routeSources).filter((r) => r !== '/callback')) {
    const sent = await firstLoad(browser, `${appUrl}${route}`);
    const identity = await firstLoad(browser, `${appUrl}${route}`, { extraHTTPHeaders: { 'Accept-Encoding': 'identity' } });
    const isFirst = route === '/debugger';
    rows.push({
      section, metric: `${route} JS transferred (${sent.files} files: ${describeEncodings(sent)})`, unit: 'KB', value: kb(sent.bytes),
      baseline: kb(identity.bytes), ratio: sent.bytes / identity.bytes,
      // The strict reading of the goal: everything the first visit downloads, the editors that hydrate after included.
      ...(isFirst ? { goal: `≤ ${kb(firstRouteBudgetBytes)} KB, whole visit`, met: sent.bytes <= firstRouteBudgetBytes } : {}),
    });
  }
  const app: Usable[] = [];
  const bare: number[] = [];
  await withBaselinePage(async (baselineUrl) => {
    for (let i = 0; i < COLD_LOADS; i++) {
      app.push((await navigationToUsable(browser, `${appUrl}/debugger`)).usable);
      bare.push((await navigationToUsable(browser, baselineUrl)).usable.at);
    }
  });
  const beforeUsable = median(app.map((u) => u.jsBytes));
  rows.push({
    section, metric: '/debugger JS arrived before "Encoded token" usable', unit: 'KB', value: kb(beforeUsable),
    goal: `≤ ${kb(firstRouteBudgetBytes)} KB`, met: beforeUsable <= firstRouteBudgetBytes,
  });
  const appP50 = median(app.map((u) => u.at));
  rows.push({
    section, metric: `navigation → "Encoded token" usable, p50 of ${COLD_LOADS} cold loads`, unit: 'ms', value: appP50, baseline: median(bare),
    ratio: appP50 / median(bare), goal: `≤ ${USABLE_GOAL_MS} ms`, met: appP50 <= USABLE_GOAL_MS,
  });
  return {
    section, rows,
    notes: [
      'JS transferred: encoded body bytes of every script response of a first visit (fresh context, no cache, service worker blocked) until an idle main thread and a network idle for 500 ms bring no new script, from Chromium\'s network log; baseline: the same visit sending `Accept-Encoding: identity`.',
      'JS arrived before usable: encodedBodySize of the Resource Timing entries of scripts whose responseEnd precedes the moment the box is usable, median of the cold loads.',
      'Usable: from navigation start to the "Encoded token" textarea being visible and editable (a MutationObserver and a per-frame check installed before the page\'s scripts); baseline: a bare page holding only that textarea, from a node:http server on loopback, loads alternating with the app\'s.',
    ],
  };
}
