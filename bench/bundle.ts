import { firstRouteBudgetBytes, measureBundle } from './bundle-size';
import type { BenchRow, SectionResult } from './report';

/**
 * Section: per route, the JS a first visit loads before the route renders, as the companion sends it: the brotli
 * files `vite build` writes, next to the same files uncompressed (what was sent before issue 15).
 */
export function benchBundle(distDir: string): SectionResult {
  const section = 'Bundle (files sent)';
  const { entryJs, routes, allJs } = measureBundle(distDir);
  const kb = (bytes: number) => bytes / 1024;
  const rows: BenchRow[] = [{ section, metric: 'entry JS (index.html + static imports), br', unit: 'KB', value: kb(entryJs.br), baseline: kb(entryJs.identity), ratio: entryJs.br / entryJs.identity }];
  for (const route of routes) {
    const isFirst = route.route === '/debugger';
    const sent = Math.max(route.firstLoadJs.br, route.firstLoadJs.gzip);
    rows.push({
      section, metric: `${route.route} first load JS before render, br (gzip ${kb(route.firstLoadJs.gzip).toFixed(1)} KB)`, unit: 'KB', value: kb(route.firstLoadJs.br),
      baseline: kb(route.firstLoadJs.identity), ratio: route.firstLoadJs.br / route.firstLoadJs.identity,
      ...(isFirst ? { goal: `≤ ${kb(firstRouteBudgetBytes)} KB (br and gzip)`, met: sent <= firstRouteBudgetBytes } : {}),
    });
  }
  rows.push({ section, metric: 'all JS chunks together, br', unit: 'KB', value: kb(allJs.br), baseline: kb(allJs.identity), ratio: allJs.br / allJs.identity });
  return { section, rows, notes: ['Bundle: sizes of the files on disk that the companion sends; baseline: the same files uncompressed. The route\'s lazy chunks (CodeMirror, panels) load after it renders and are in "First load" below.'] };
}
