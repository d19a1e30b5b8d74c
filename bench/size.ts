// `npm run bench:size`: the first route's gzipped JS + CSS against its budget. Deterministic, so CI checks it.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { kb, measureBundle } from './bundle-size';

export const firstRouteBudgetBytes = 110 * 1024;

const distDir = process.env.WORKBENCH_DIST ?? 'dist';
if (!existsSync(`${distDir}/.vite/manifest.json`)) execSync(`npx vite build --outDir ${distDir}`, { stdio: 'inherit' });
const { shellGz, routes, totalJsGz } = measureBundle(distDir);
console.log(`shell (index.html entry + static imports): ${kb(shellGz)} gz`);
for (const r of routes) console.log(`${r.route.padEnd(12)} chunk ${kb(r.chunkGz).padStart(9)} gz   first load ${kb(r.firstLoadGz).padStart(9)} gz`);
console.log(`all JS: ${kb(totalJsGz)} gz`);
const first = routes.find((r) => r.route === '/debugger');
if (!first) throw new Error('no /debugger route in the manifest');
const verdict = first.firstLoadGz <= firstRouteBudgetBytes;
console.log(`first route (/debugger): ${kb(first.firstLoadGz)} gz, budget ${kb(firstRouteBudgetBytes)}: ${verdict ? 'within budget' : 'OVER BUDGET'}`);
if (!verdict) process.exit(1);
