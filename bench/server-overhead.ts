import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort, startCompanionServer, waitForHttp } from './processes';
import type { CompanionServer } from './processes';
import type { BenchRow, SectionResult } from './report';
import { percentile } from './stats';

const MEASURE_SECONDS = 10;
const WARMUP_SECONDS = 2;
const LOADED_CONNECTIONS = 10;
const SLICE_SECONDS = 2;
const DEMO_PROFILE = 'demo';
const DEMO_M2M_CLIENT = 'demo-m2m';
/** Issue 15 §4: what the companion adds over the bare node:http hop, p50 at 1 connection. */
const OWN_COST_GOAL_MS = 0.2;

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

interface Slice {
  requests: number;
  seconds: number;
  failures: number;
}

/**
 * One autocannon run. Latencies are collected from each response (autocannon's own histogram keeps whole
 * milliseconds only, too coarse on loopback).
 */
function loadSlice(target: Target, seconds: number, connections: number, latencies: number[]): Promise<Slice> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, method: 'POST', headers: target.headers, body: target.body, connections, duration: seconds },
      (error, result) => {
        if (error) return reject(error as Error);
        resolve({ requests: result.requests.total, seconds: result.duration || seconds, failures: result.non2xx + result.errors });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
}

/**
 * Loads every target for `seconds` each, in rotating slices, so that all see the same machine: on a shared machine,
 * load that comes and goes would otherwise land on one side only.
 */
async function loadAlternating(targets: readonly Target[], seconds: number, connections: number): Promise<LoadResult[]> {
  const slices = Math.max(1, Math.round(seconds / SLICE_SECONDS));
  const totals = targets.map(() => ({ requests: 0, seconds: 0, failures: 0, latencies: [] as number[] }));
  for (let i = 0; i < slices; i++) {
    for (let j = 0; j < targets.length; j++) {
      const side = (i + j) % targets.length;
      const total = totals[side] as (typeof totals)[number];
      const slice = await loadSlice(targets[side] as Target, seconds / slices, connections, total.latencies);
      total.requests += slice.requests;
      total.seconds += slice.seconds;
      total.failures += slice.failures;
    }
  }
  return totals.map((t) => ({ requestsPerSecond: t.requests / t.seconds, p50: percentile(t.latencies, 50), p99: percentile(t.latencies, 99), failures: t.failures }));
}

/** The bare pass-through proxy (bench/bare-proxy.ts) in its own process, in front of `upstream`. */
async function startBareProxy(upstream: string): Promise<{ origin: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bare-proxy.ts'), String(port), upstream], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => void child.kill('SIGTERM');
  try {
    await waitForHttp(`${origin}/.well-known/openid-configuration`, 30_000, child);
  } catch (error) {
    stop();
    throw error;
  }
  return { origin, stop };
}

const basicAuth = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function expectActive(target: Target, what: string): Promise<void> {
  const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  const body = (await response.json()) as { active?: unknown };
  if (response.status !== 200 || body.active !== true) throw new Error(`${what} did not answer active: true (HTTP ${response.status})`);
}

/**
 * Section 5: POST /api/introspect (demo profile) through the companion server vs the same RFC 7662 request sent
 * straight to the demo AS, on loopback, for an opaque token minted for the demo profile's client.
 */
export async function benchServerOverhead(server: CompanionServer): Promise<SectionResult> {
  const section = 'Companion /api/introspect';
  const keys = JSON.parse(readFileSync(join(server.dataDir, 'keys.json'), 'utf8')) as { demoM2mSecret: string };
  const authorization = basicAuth(DEMO_M2M_CLIENT, keys.demoM2mSecret);
  const form = { 'content-type': 'application/x-www-form-urlencoded', authorization };

  // No audience: the demo AS, like Auth0, then issues an opaque access token, which it can introspect.
  const minted = await fetch(`${server.issuer}/oauth/token`, { method: 'POST', headers: form, body: 'grant_type=client_credentials' });
  const { access_token: token } = (await minted.json()) as { access_token?: string };
  if (!minted.ok || !token || token.includes('.')) throw new Error(`could not mint an opaque token for ${DEMO_M2M_CLIENT} (HTTP ${minted.status})`);

  const companion: Target = {
    url: `${server.url}/api/introspect`,
    headers: { 'content-type': 'application/json', origin: server.url, 'x-workbench-key': server.key },
    body: JSON.stringify({ profile: DEMO_PROFILE, token }),
  };
  const direct: Target = { url: `${server.issuer}/oauth/introspect`, headers: form, body: new URLSearchParams({ token }).toString() };
  await expectActive(companion, 'POST /api/introspect');
  await expectActive(direct, 'the demo AS introspection endpoint');

  const bare = await startBareProxy(server.issuer);
  let directLoaded: LoadResult, companionLoaded: LoadResult, directSingle: LoadResult, companionSingle: LoadResult, bareSingle: LoadResult;
  try {
    const bareTarget: Target = { ...direct, url: `${bare.origin}/oauth/introspect` };
    await expectActive(bareTarget, 'the bare proxy in front of the demo AS');
    await loadAlternating([direct, companion], WARMUP_SECONDS, LOADED_CONNECTIONS);
    [directLoaded, companionLoaded] = (await loadAlternating([direct, companion], MEASURE_SECONDS, LOADED_CONNECTIONS)) as [LoadResult, LoadResult];
    [directSingle, companionSingle, bareSingle] = (await loadAlternating([direct, companion, bareTarget], MEASURE_SECONDS / 2, 1)) as [LoadResult, LoadResult, LoadResult];
  } finally {
    bare.stop();
  }

  // The same comparison with the companion in its own process (DEMO_AS=off), in front of the demo AS of the
  // first process: what a deployment in front of a remote authorization server looks like, minus the network.
  const splitConfig = join(server.dataDir, 'bench-split.config.json');
  mkdirSync(server.dataDir, { recursive: true });
  writeFileSync(
    splitConfig,
    JSON.stringify({ profiles: [{ id: 'bench-split', issuer: `${server.issuer}/`, clientId: DEMO_M2M_CLIENT, clientAuthMethod: 'client_secret_basic', clientSecret: '${BENCH_DEMO_M2M_SECRET}' }] }),
  );
  const split = await startCompanionServer('.no-dist', server.dataDir, join(server.dataDir, 'bench-split.log'), {
    DEMO_AS: 'off',
    WORKBENCH_CONFIG: splitConfig,
    BENCH_DEMO_M2M_SECRET: keys.demoM2mSecret,
    LOG_REQUESTS: '0',
  });
  let splitLoaded: LoadResult, splitDirectLoaded: LoadResult, splitSingle: LoadResult, splitDirectSingle: LoadResult;
  try {
    const splitTarget: Target = { url: `${split.url}/api/introspect`, headers: { 'content-type': 'application/json', origin: split.url, 'x-workbench-key': split.key }, body: JSON.stringify({ profile: 'bench-split', token }) };
    await expectActive(splitTarget, 'POST /api/introspect on the split companion');
    [splitDirectLoaded, splitLoaded] = (await loadAlternating([direct, splitTarget], MEASURE_SECONDS, LOADED_CONNECTIONS)) as [LoadResult, LoadResult];
    [splitDirectSingle, splitSingle] = (await loadAlternating([direct, splitTarget], MEASURE_SECONDS / 2, 1)) as [LoadResult, LoadResult];
  } finally {
    await split.stop();
  }

  const failures = [directLoaded, companionLoaded, directSingle, companionSingle, bareSingle, splitLoaded, splitDirectLoaded, splitSingle, splitDirectSingle].reduce((n, r) => n + r.failures, 0);
  const rows: BenchRow[] = [
    {
      section, metric: `throughput, ${LOADED_CONNECTIONS} connections, ${MEASURE_SECONDS} s`, unit: 'req/s',
      value: companionLoaded.requestsPerSecond, baseline: directLoaded.requestsPerSecond,
      ratio: companionLoaded.requestsPerSecond / directLoaded.requestsPerSecond, goal: '≥ 0.85× direct',
      met: companionLoaded.requestsPerSecond / directLoaded.requestsPerSecond >= 0.85,
    },
    {
      section, metric: `latency p50, ${LOADED_CONNECTIONS} connections`, unit: 'ms', value: companionLoaded.p50, baseline: directLoaded.p50,
      ratio: companionLoaded.p50 / directLoaded.p50, goal: '≤ 1.15× direct', met: companionLoaded.p50 / directLoaded.p50 <= 1.15,
    },
    { section, metric: `latency p99, ${LOADED_CONNECTIONS} connections`, unit: 'ms', value: companionLoaded.p99, baseline: directLoaded.p99, ratio: companionLoaded.p99 / directLoaded.p99 },
    { section, metric: `latency p50, 1 connection, ${MEASURE_SECONDS / 2} s`, unit: 'ms', value: companionSingle.p50, baseline: directSingle.p50, ratio: companionSingle.p50 / directSingle.p50 },
    { section, metric: 'latency p99, 1 connection', unit: 'ms', value: companionSingle.p99, baseline: directSingle.p99, ratio: companionSingle.p99 / directSingle.p99 },
    {
      section, metric: 'latency p50, 1 connection, bare node:http proxy (floor of any hop)', unit: 'ms',
      value: bareSingle.p50, baseline: directSingle.p50, ratio: bareSingle.p50 / directSingle.p50,
    },
    {
      section, metric: 'latency p50, 1 connection, companion vs the bare-hop floor', unit: 'ms',
      value: companionSingle.p50, baseline: bareSingle.p50, ratio: companionSingle.p50 / bareSingle.p50,
    },
    {
      section, metric: 'companion\'s own cost: p50 over the bare-hop floor, 1 connection', unit: 'ms',
      value: companionSingle.p50 - bareSingle.p50, goal: `≤ ${OWN_COST_GOAL_MS} ms`, met: companionSingle.p50 - bareSingle.p50 <= OWN_COST_GOAL_MS,
    },
    {
      section, metric: `split processes: throughput, ${LOADED_CONNECTIONS} connections`, unit: 'req/s',
      value: splitLoaded.requestsPerSecond, baseline: splitDirectLoaded.requestsPerSecond,
      ratio: splitLoaded.requestsPerSecond / splitDirectLoaded.requestsPerSecond, goal: '≥ 0.85× direct',
      met: splitLoaded.requestsPerSecond / splitDirectLoaded.requestsPerSecond >= 0.85,
    },
    {
      section, metric: `split processes: latency p50, ${LOADED_CONNECTIONS} connections`, unit: 'ms', value: splitLoaded.p50, baseline: splitDirectLoaded.p50,
      ratio: splitLoaded.p50 / splitDirectLoaded.p50, goal: '≤ 1.15× direct', met: splitLoaded.p50 / splitDirectLoaded.p50 <= 1.15,
    },
    { section, metric: `split processes: latency p99, ${LOADED_CONNECTIONS} connections`, unit: 'ms', value: splitLoaded.p99, baseline: splitDirectLoaded.p99, ratio: splitLoaded.p99 / splitDirectLoaded.p99 },
    { section, metric: 'split processes: latency p50, 1 connection', unit: 'ms', value: splitSingle.p50, baseline: splitDirectSingle.p50, ratio: splitSingle.p50 / splitDirectSingle.p50 },
  ];
  const notes = [
    'Baseline: the same introspection request (client_secret_basic as demo-m2m) sent straight to the demo AS /oauth/introspect.',
    `The targets run in rotating ${SLICE_SECONDS} s slices, so that all see the same machine load.`,
    'The floor row sends the direct request through a bare keep-alive node:http pass-through in its own process: what any proxy hop costs here.',
    'The demo AS runs inside the companion server process (as `npm start` runs it), so the proxied path spends that one process\'s CPU twice.',
    '"split processes" rows: a second companion server (DEMO_AS=off) in its own process, in front of the first process\'s demo AS.',
  ];
  if (failures > 0) notes.push(`${failures} requests failed or were not 2xx during the runs.`);
  return { section, rows, notes };
}
