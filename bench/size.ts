// `npm run bench:size`: the first route's JS as the companion sends it (the .br / .gz files `vite build` writes),
// against its budget. Deterministic, so CI checks it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describeWire, firstRouteBudgetBytes, kb, measureBundle } from './bundle-size';

const distDir = process.env.WORKBENCH_DIST ?? 'dist';
if (!existsSync(`${distDir}/.vite/manifest.json`)) execSync(`npx vite build --outDir ${distDir}`, { stdio: 'inherit' });
const { entryJs, routes, allJs } = measureBundle(distDir);
console.log(`entry JS (index.html and its static imports): ${describeWire(entryJs)}`);
for (const r of routes) console.log(`${r.route.padEnd(12)} own chunks ${kb(r.chunk.br).padStart(9)} br   first load JS ${kb(r.firstLoadJs.br).padStart(9)} br, ${kb(r.firstLoadJs.gzip).padStart(9)} gzip   CSS ${kb(r.firstLoadCss.br)} br`);
console.log(`all JS: ${describeWire(allJs)}`);
const first = routes.find((r) => r.route === '/debugger');
if (!first) throw new Error('no /debugger route in the manifest');
// A browser without brotli gets gzip: the budget holds for the larger of the two.
const sent = Math.max(first.firstLoadJs.br, first.firstLoadJs.gzip);
const verdict = sent <= firstRouteBudgetBytes;
console.log(`first route (/debugger) JS: ${kb(first.firstLoadJs.br)} br / ${kb(first.firstLoadJs.gzip)} gzip, budget ${kb(firstRouteBudgetBytes)}: ${verdict ? 'within budget' : 'OVER BUDGET'}`);
if (!verdict) process.exit(1);
