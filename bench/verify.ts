import { resolve } from 'node:path';
import { build, preview } from 'vite';
import type { Browser } from '@playwright/test';
import { freePort } from './processes';
import { BENCH_ALGS } from './pages/verify-algs';
import type { BenchAlg } from './pages/verify-algs';
import type { BenchRow, SectionResult } from './report';
import { median } from './stats';

const configFile = resolve(import.meta.dirname, 'vite.pages.config.ts');
const ROUNDS = 25;
const BATCH_MS = 40;
const PROBE = 200;
/** Issue 15 §3: HS256 ≤ 1.2× raw WebCrypto, RS256 ≤ 1.15×; the others are held to 1.2×. */
const GOALS: Record<BenchAlg, number> = { HS256: 1.2, RS256: 1.15, ES256: 1.2, EdDSA: 1.2 };

interface VerifyBenchWindow {
  verifyBench: { setup: () => Promise<void>; run: (alg: BenchAlg, path: 'app' | 'raw', iterations: number) => Promise<number> };
}

/**
 * Section 2: the app's verify path vs a bare crypto.subtle.verify, in Chromium, on the same key and token.
 * Short batches of sequential verifications alternate between the two paths, so both see the same machine load; the
 * ratio is the median of the per-round ratios, which cancels load that drifts between rounds.
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
      const probes: number[] = [];
      for (let i = 0; i < 3; i++) probes.push(await runBatch(alg, 'app', PROBE), await runBatch(alg, 'raw', PROBE));
      const iterations = Math.max(PROBE, Math.round((PROBE * BATCH_MS) / Math.max(Math.min(...probes), 1)));
      const perOp: Record<'app' | 'raw', number[]> = { app: [], raw: [] };
      for (let round = 0; round < ROUNDS; round++) {
        const order: ('app' | 'raw')[] = round % 2 === 0 ? ['app', 'raw'] : ['raw', 'app'];
        for (const path of order) perOp[path].push(((await runBatch(alg, path, iterations)) * 1000) / iterations);
      }
      const app = median(perOp.app);
      const raw = median(perOp.raw);
      const ratio = median(perOp.app.map((a, i) => a / (perOp.raw[i] as number)));
      rows.push({ section, metric: `${alg} µs per verify (median of ${ROUNDS} rounds)`, unit: 'µs', value: app, baseline: raw, ratio, goal: `≤ ${GOALS[alg]}×`, met: ratio <= GOALS[alg] });
      notes.push(`${alg}: ${Math.round(1e6 / app)} verifies/s through the app, ${Math.round(1e6 / raw)}/s raw (${ROUNDS} rounds of ${iterations}).`);
    }
    return { section, rows, notes };
  } finally {
    await page.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
