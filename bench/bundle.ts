import { measureBundle } from './bundle-size';
import type { BenchRow, SectionResult } from './report';

/** Issue 7's goal, the same figure as bench/size.ts's CI budget (a script with side effects, so not importable). */
const firstRouteBudgetBytes = 110 * 1024;

/** Section 3: gzipped JS (+ CSS) per route chunk and what the first route loads, from the bench build's manifest. */
export function benchBundle(distDir: string): SectionResult {
  const section = 'Bundle (gzip -9)';
  const { shellGz, routes, totalJsGz } = measureBundle(distDir);
  const kb = (bytes: number) => bytes / 1024;
  const rows: BenchRow[] = [{ section, metric: 'shell (entry + its static imports)', unit: 'KB', value: kb(shellGz) }];
  for (const route of routes) rows.push({ section, metric: `${route.route} chunk (lazy)`, unit: 'KB', value: kb(route.chunkGz) });
  const first = routes.find((r) => r.route === '/debugger');
  if (first) {
    rows.push({
      section, metric: 'first route /debugger: shell + chunk', unit: 'KB', value: kb(first.firstLoadGz),
      goal: `≤ ${kb(firstRouteBudgetBytes)} KB`, met: first.firstLoadGz <= firstRouteBudgetBytes,
    });
  }
  rows.push({ section, metric: 'all JS chunks together', unit: 'KB', value: kb(totalJsGz) });
  return { section, rows };
}
