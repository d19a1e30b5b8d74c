// `npx tsx bench/profile-keystroke.ts [KB] [paste|keystroke]`: where the time of a keystroke (or a paste) in the
// debugger goes, for bench/PROFILE-NOTES.md. A Chromium CPU profile (CDP `Profiler`, 100 µs sampling) over the
// measured inputs, summed per function (self time), plus the renderer's own counters (`Performance.getMetrics`):
// script, style, layout per input. Not part of `npm run bench`: it prints no ratio, only where to look.
// BENCH_DIST=<folder> reuses a build.
import { resolve } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { launchChromium } from './browser';
import { KEYSTROKE_PROBE } from './keystroke-probe';
import { benchToken } from './keystroke';
import { run, startCompanionServer } from './processes';

process.chdir(resolve(import.meta.dirname, '..'));
const DIST = process.env.BENCH_DIST ?? '.dist-bench';
const kb = Number(process.argv[2] ?? '100');
const mode = process.argv[3] === 'paste' ? 'paste' : 'keystroke';
const COUNT = Number(process.env.COUNT ?? '60');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const frameName = ({ callFrame: frame }: ProfileNode) => {
  const file = frame.url.split('/').pop() ?? '';
  return `${frame.functionName || '(anonymous)'} ${file}${file ? `:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : ''}`;
};

/** Self time and total (inclusive) time per function over the whole profile, in ms, biggest first. */
function functionTimes(profile: Profile, focus?: string): { self: Array<[string, number]>; total: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (focus) {
      let inFocus = false;
      for (let at: number | undefined = id; at !== undefined && !inFocus; at = parent.get(at)) inFocus = byId.get(at)?.callFrame.functionName === focus;
      if (!inFocus) return;
    }
    self.set(frameName(node), (self.get(frameName(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(byId.get(at) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { self: sorted(self), total: sorted(total) };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

if (process.env.BENCH_DIST === undefined) await run('npx', ['vite', 'build', '--outDir', DIST, '--logLevel', 'warn']);
const server = await startCompanionServer(DIST, '.data/profile-as', '.data/profile-server.log', { DEMO_AS: 'off' });
const browser = await launchChromium();
try {
  const { token, keystrokes } = await benchToken(kb * 1024, COUNT + 10);
  const page = await (await browser.newContext({ serviceWorkers: 'block' })).newPage();
  await page.goto(`${server.url}/debugger`);
  const box = page.getByRole('textbox', { name: 'Encoded token' });
  await box.fill(token);
  await page.waitForFunction(() => Boolean(document.querySelector('.cm-content[aria-label="Payload"]')?.textContent?.includes('abcdef')), undefined, { timeout: 15_000 });
  await page.evaluate(KEYSTROKE_PROBE);
  const handle = await box.elementHandle();
  if (!handle) throw new Error('no token box');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  let current = token;
  const tokens = keystrokes.map(({ offset, char }) => (current = current.slice(0, offset) + char + current.slice(offset + 1)));
  const input = async (i: number) => {
    const k = keystrokes[i];
    if (!k) return Number.NaN;
    if (mode === 'paste') {
      await box.fill(tokens[i] ?? '');
      await page.waitForFunction((name) => Boolean(document.querySelector('.cm-content[aria-label="Payload"]')?.textContent?.includes(name)), k.expected);
      await page.waitForTimeout(60);
      return Number.NaN;
    }
    await handle.evaluate((el, [kk]) => (window as unknown as { __keystrokeProbe: { arm: (b: HTMLTextAreaElement, o: number, e: string, i: number) => Promise<void> } }).__keystrokeProbe.arm(el as HTMLTextAreaElement, kk.offset, kk.expected, 50), [k] as const);
    await page.keyboard.type(k.char);
    const sample = await handle.evaluate((el) => (window as unknown as { __keystrokeProbe: { measure: (b: HTMLTextAreaElement) => Promise<{ app: number }> } }).__keystrokeProbe.measure(el as HTMLTextAreaElement));
    return sample.app;
  };
  for (let i = 0; i < 10; i++) await input(i);
  const before = await metrics(cdp);
  await cdp.send('Profiler.start');
  const times: number[] = [];
  for (let i = 10; i < 10 + COUNT; i++) times.push(await input(i));
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const after = await metrics(cdp);
  const per = (name: string) => (((after[name] ?? 0) - (before[name] ?? 0)) * 1000) / COUNT;
  times.sort((a, b) => a - b);
  console.info(`${kb} KB ${mode}, ${COUNT} inputs${mode === 'keystroke' ? `: p50 ${times[Math.floor(COUNT / 2)]?.toFixed(1)} ms, p95 ${times[Math.floor(COUNT * 0.95)]?.toFixed(1)} ms` : ''}`);
  console.info(`per input: script ${per('ScriptDuration').toFixed(2)} ms, style ${per('RecalcStyleDuration').toFixed(2)} ms, layout ${per('LayoutDuration').toFixed(2)} ms, task ${per('TaskDuration').toFixed(2)} ms`);
  // FOCUS=<function name>: only the samples under that function (e.g. dispatchDiscreteEvent, the keystroke's own work).
  const { self, total } = functionTimes(profile, process.env.FOCUS);
  console.info('self time per input (ms), top 30:');
  for (const [name, ms] of self.slice(0, 30)) console.info(`${(ms / COUNT).toFixed(3).padStart(8)}  ${name}`);
  console.info('total time per input (ms), top 60:');
  for (const [name, ms] of total.slice(0, 60)) console.info(`${(ms / COUNT).toFixed(3).padStart(8)}  ${name}`);
} finally {
  await browser.close();
  await server.stop();
}
