import type { Browser, Page } from '@playwright/test';
import { benchToken } from './keystroke';
import type { BenchRow, SectionResult } from './report';
import { summarize } from './stats';

const RUNS = 20;
const SIZES = [
  { label: '1 KB', bytes: 1024, goalMs: 4 },
  { label: '10 KB', bytes: 10 * 1024, goalMs: 5 },
  { label: '100 KB', bytes: 100 * 1024, goalMs: 14 },
] as const;

/**
 * Installed with page.evaluate (a string: nothing of the bundler leaks in, and the page's CSP does not apply). Times
 * a paste from its `input` event (captured on window, before React's handler) to the expected text in the "Payload"
 * editor's DOM; then, as the baseline, a bare decoder on the same token: base64url decode, JSON.parse, pretty print
 * into a <pre> and a forced layout.
 */
const PASTE_PROBE = String.raw`(() => {
  if (window.__pasteProbe) return;
  let t0 = 0, expected = '', settle = null;
  const payload = () => document.querySelector('.cm-content[aria-label="Payload"]');
  const check = () => {
    const el = payload();
    if (settle && el && (el.textContent || '').includes(expected)) { const s = settle; settle = null; s(performance.now() - t0); }
  };
  window.addEventListener('input', () => { t0 = performance.now(); }, true);
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
  const pre = document.createElement('pre');
  pre.style.cssText = 'position:absolute;left:-99999px;top:0';
  document.body.append(pre);
  const bareDecode = (token) => {
    const started = performance.now();
    const segment = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(segment);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    pre.textContent = JSON.stringify(JSON.parse(new TextDecoder().decode(bytes)), null, 2);
    void pre.offsetHeight;
    return performance.now() - started;
  };
  window.__pasteProbe = {
    arm(text) {
      expected = text;
      return new Promise((resolve) => {
        settle = resolve;
        const poll = () => { check(); if (settle === resolve) requestAnimationFrame(poll); };
        requestAnimationFrame(poll);
        setTimeout(() => { if (settle === resolve) { settle = null; resolve(Number.NaN); } }, 5000);
      });
    },
    baseline: bareDecode,
  };
})()`;

interface ProbeWindow {
  __pasteProbe: { arm: (expected: string) => Promise<number>; baseline: (token: string) => number };
}

/** Tokens of about `bytes` characters, each with a different "name" claim, so every paste changes the payload. */
async function distinctTokens(bytes: number, count: number): Promise<{ token: string; name: string }[]> {
  const { token, keystrokes } = await benchToken(bytes, count);
  let current = token;
  return keystrokes.map(({ offset, char, expected }) => {
    current = current.slice(0, offset) + char + current.slice(offset + 1);
    return { token: current, name: expected };
  });
}

async function pasteOnce(page: Page, token: string, name: string): Promise<number> {
  const armed = page.evaluate((expected) => (window as unknown as ProbeWindow).__pasteProbe.arm(expected), name);
  await page.getByRole('textbox', { name: 'Encoded token' }).fill(token);
  return armed;
}

/**
 * Section: paste → decoded payload in the "Payload" editor's DOM (a Playwright `fill`, not keystrokes), p50 over
 * 20 pastes per size in a page whose editors have loaded, next to a bare decoder in the same page. The figure
 * other debuggers can be compared on.
 */
export async function benchPaste(browser: Browser, appUrl: string): Promise<SectionResult> {
  const section = 'Paste → decoded';
  const rows: BenchRow[] = [];
  for (const size of SIZES) {
    const tokens = await distinctTokens(size.bytes, RUNS + 1);
    const context = await browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${appUrl}/debugger`);
      await page.evaluate(PASTE_PROBE);
      const [first, ...measured] = tokens;
      if (!first) throw new Error('no tokens');
      // The first paste loads CodeMirror: wait for it, then measure pastes into a page that is ready.
      await page.getByRole('textbox', { name: 'Encoded token' }).fill(first.token);
      await page.waitForFunction((name) => Boolean(document.querySelector('.cm-content[aria-label="Payload"]')?.textContent?.includes(name)), first.name, { timeout: 15_000 });
      const app: number[] = [];
      const bare: number[] = [];
      for (const { token, name } of measured) {
        app.push(await pasteOnce(page, token, name));
        bare.push(await page.evaluate((t) => (window as unknown as ProbeWindow).__pasteProbe.baseline(t), token));
      }
      const missed = app.filter((t) => Number.isNaN(t)).length;
      if (missed > 0) throw new Error(`${size.label}: ${missed} of ${RUNS} pastes never showed their payload within 5 s`);
      const a = summarize(app);
      const b = summarize(bare);
      rows.push({
        section, metric: `${size.label} token (${first.token.length} chars), p50 of ${RUNS} (p95 ${a.p95.toFixed(1)} ms)`, unit: 'ms', value: a.p50,
        baseline: b.p50, ratio: a.p50 / b.p50, goal: `≤ ${size.goalMs} ms`, met: a.p50 <= size.goalMs,
      });
    } finally {
      await context.close();
    }
  }
  return {
    section, rows,
    notes: ['Paste: from the `input` event of a Playwright fill of the whole token to its new "name" claim in the "Payload" editor\'s DOM, after CodeMirror has loaded; baseline: base64url decode + JSON.parse + pretty print into a <pre> + layout, same page.'],
  };
}
