// `npm run bench`: every figure next to a baseline measured in the same run, printed as a table and written to
// bench/results/local/ (ignored by git). `npm run bench -- --save` also writes bench/results/latest.{json,md}, the
// tracked figures the README quotes: commit those deliberately. `--only "First load,Paste"` runs some sections.
// Timings live here and in the README, never in tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { launchChromium } from './browser';
import { benchBundle } from './bundle';
import { benchCatalogSearch } from './catalog-search';
import { benchFirstLoad } from './first-load';
import { benchKeystroke } from './keystroke';
import { benchPaste } from './paste';
import { run, startCompanionServer } from './processes';
import type { CompanionServer } from './processes';
import { formatMarkdownTable, formatTable } from './report';
import type { SectionResult } from './report';
import { benchServerOverhead } from './server-overhead';
import { benchVerify } from './verify';

process.chdir(resolve(import.meta.dirname, '..'));
// BENCH_DIST=<folder> reuses a build (for running single sections); otherwise the working tree is built afresh.
const DIST = process.env.BENCH_DIST ?? '.dist-bench';
const args = process.argv.slice(2);
const save = args.includes('--save');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : [];
const wanted = (name: string) => only.length === 0 || only.some((o) => name.toLowerCase().startsWith(o));
if (save && only.length > 0) throw new Error('--save needs a full run: the tracked results file holds every section');
const started = Date.now();
const loadAtStart = loadavg();
const results: SectionResult[] = [];
let failed = false;
let chromiumVersion = 'not launched';

const stamp = (message: string) => console.info(`[bench +${Math.round((Date.now() - started) / 1000)}s] ${message}`);

async function section(name: string, measure: () => Promise<SectionResult> | SectionResult): Promise<void> {
  if (!wanted(name)) return;
  stamp(name);
  try {
    results.push(await measure());
  } catch (error) {
    failed = true;
    console.error(`${name} failed:`, error);
    results.push({ section: name, rows: [], skipped: `failed: ${(error as Error).message.split('\n')[0]}` });
  }
}

if (process.env.BENCH_DIST === undefined) {
  stamp(`building the app into ${DIST}`);
  await run('npx', ['vite', 'build', '--outDir', DIST, '--logLevel', 'warn']);
}
await section('Bundle', () => benchBundle(DIST));
await section('Catalog search', () => benchCatalogSearch());

let server: CompanionServer | undefined;
try {
  stamp('starting the companion server and its demo authorization server');
  server = await startCompanionServer(DIST, '.data/bench-as', '.data/bench-server.log');
  const appUrl = server.url;
  const browser = await launchChromium();
  chromiumVersion = browser.version();
  try {
    await section('First load', () => benchFirstLoad(browser, appUrl));
    await section('Paste → decoded', () => benchPaste(browser, appUrl));
    await section('Keystroke → decoded', () => benchKeystroke(browser, appUrl));
    await section('Verify', () => benchVerify(browser));
  } finally {
    await browser.close();
  }
  const companion = server;
  await section('Companion server overhead', () => benchServerOverhead(companion));
} finally {
  await server?.stop();
}

const loadAtEnd = loadavg();
const load = (l: number[]) => l.map((n) => n.toFixed(1)).join(' / ');
const table = formatTable(results);
console.info(`\n${table}\n`);
// Timings on a shared machine are only as good as its idleness: say how busy it was.
console.info(`Load average (1/5/15 min) at start ${load(loadAtStart)}, at end ${load(loadAtEnd)}, on ${cpus().length} CPUs.`);
for (const result of results) for (const note of result.notes ?? []) console.info(`- ${result.section}: ${note}`);

// The bench builds the working tree: record which commit that was, and whether others' uncommitted edits were in it.
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};
const source = { commit: git('rev-parse', 'HEAD'), uncommittedFiles: git('status', '--porcelain', '--untracked-files=no', '--', 'src').split('\n').filter(Boolean).length };

const report = {
  generatedAt: new Date().toISOString(),
  durationSeconds: Math.round((Date.now() - started) / 1000),
  source,
  machine: { node: process.version, chromium: chromiumVersion, platform: `${process.platform} ${process.arch}`, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd },
  sections: results,
};
const markdown = `${formatMarkdownTable(results)}\n\nLoad average at start ${load(loadAtStart)}, at end ${load(loadAtEnd)}; ${cpus().length} CPUs, Node ${process.version}, Chromium ${chromiumVersion}.\n`;
// Every run: an ignored folder, so a bench leaves the tracked tree clean (issue 15 §6).
const localDir = 'bench/results/local';
mkdirSync(localDir, { recursive: true });
const runName = report.generatedAt.replace(/[:.]/g, '-');
writeFileSync(`${localDir}/${runName}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${localDir}/latest.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${localDir}/latest.md`, markdown);
// Only on request: the tracked figures the README's Performance table is pasted from.
if (save) {
  writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync('bench/results/latest.md', markdown);
}
stamp(`done: ${localDir}/latest.json and latest.md${save ? ', saved to bench/results/latest.json and latest.md' : ' (--save to update the tracked bench/results/latest.*)'}`);
if (failed) process.exitCode = 1;
