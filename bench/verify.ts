import { resolve } from 'node:path';
import { build, preview } from 'vite';
import type { Browser } from '@playwright/test';
import { freePort } from './processes';
import { BENCH_ALGS } from './pages/verify-algs';
import type { BenchAlg } from './pages/verify-algs';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const configFile = resolve(import.meta.dirname, 'vite.pages.config.ts');
const ROUNDS = 7;
const BATCH_MS = 150;
const GOAL = 1.2;

interface VerifyBenchWindow {
  verifyBench: { setup: () => Promise<void>; run: (alg: BenchAlg, path: 'app' | 'raw', iterations: number) => Promise<number> };
}

/**
 * Section 2: the app's verify path vs a bare crypto.subtle.verify, in Chromium, on the same key and token.
 * Batches of sequential verifications alternate between the two paths; the figure is the median over rounds.
 */
export async function benchVerify(browser: Browser): Promise<SectionResult> {
  const section = 'Verify (Chromium)';
  await build({ configFile });
  const port = await freePort();
  const server = await preview({ configFile, preview: { host: '127.0.0.1', port, strictPort: true } });
  const page = await browser.newPage();
  try {
    await page.goto(`http://127.0.0.1:${port}/verify.html`);
    await page.waitForFunction(() => 'verifyBench' in window);
    await page.evaluate(() => (window as unknown as VerifyBenchWindow).verifyBench.setup());
    const runBatch = (alg: BenchAlg, path: 'app' | 'raw', iterations: number) =>
      page.evaluate(([a, p, n]) => (window as unknown as VerifyBenchWindow).verifyBench.run(a, p, n), [alg, path, iterations] as const);

    const rows: BenchRow[] = [];
    const notes: string[] = [];
    for (const alg of BENCH_ALGS) {
      // Calibrate so that one batch takes about BATCH_MS on this machine (and warm both paths up).
      const probe = Math.max(await runBatch(alg, 'app', 50), await runBatch(alg, 'raw', 50));
      const iterations = Math.max(50, Math.round((50 * BATCH_MS) / Math.max(probe, 1)));
      const perOp: Record<'app' | 'raw', number[]> = { app: [], raw: [] };
      for (let round = 0; round < ROUNDS; round++) {
        const order: ('app' | 'raw')[] = round % 2 === 0 ? ['app', 'raw'] : ['raw', 'app'];
        for (const path of order) perOp[path].push(((await runBatch(alg, path, iterations)) * 1000) / iterations);
      }
      const app = median(perOp.app);
      const raw = median(perOp.raw);
      rows.push({ section, metric: `${alg} µs per verify`, unit: 'µs', value: app, baseline: raw, ratio: app / raw, goal: `≤ ${GOAL}×`, met: app / raw <= GOAL });
      notes.push(`${alg}: ${Math.round(1e6 / app)} verifies/s through the app, ${Math.round(1e6 / raw)}/s raw (${iterations} per batch, ${ROUNDS} rounds).`);
    }
    return { section, rows, notes };
  } finally {
    await page.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
