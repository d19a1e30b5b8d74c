import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { CompanionServer } from './processes';
import type { BenchRow, SectionResult } from './report';
import { percentile } from './stats';

const MEASURE_SECONDS = 10;
const WARMUP_SECONDS = 2;
const LOADED_CONNECTIONS = 10;
const DEMO_PROFILE = 'demo';
const DEMO_M2M_CLIENT = 'demo-m2m';

interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface Target {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * One autocannon run. Latencies are collected from each response (autocannon's own histogram keeps whole
 * milliseconds only, too coarse on loopback).
 */
function load(target: Target, seconds: number, connections: number): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, method: 'POST', headers: target.headers, body: target.body, connections, duration: seconds },
      (error, result) => {
        if (error) return reject(error as Error);
        resolve({
          requestsPerSecond: result.requests.total / (result.duration || seconds),
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
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
    headers: { 'content-type': 'application/json', origin: server.url },
    body: JSON.stringify({ profile: DEMO_PROFILE, token }),
  };
  const direct: Target = { url: `${server.issuer}/oauth/introspect`, headers: form, body: new URLSearchParams({ token }).toString() };
  await expectActive(companion, 'POST /api/introspect');
  await expectActive(direct, 'the demo AS introspection endpoint');

  await load(direct, WARMUP_SECONDS, LOADED_CONNECTIONS);
  await load(companion, WARMUP_SECONDS, LOADED_CONNECTIONS);
  const directLoaded = await load(direct, MEASURE_SECONDS, LOADED_CONNECTIONS);
  const companionLoaded = await load(companion, MEASURE_SECONDS, LOADED_CONNECTIONS);
  const directSingle = await load(direct, MEASURE_SECONDS / 2, 1);
  const companionSingle = await load(companion, MEASURE_SECONDS / 2, 1);

  const failures = [directLoaded, companionLoaded, directSingle, companionSingle].reduce((n, r) => n + r.non2xx + r.errors, 0);
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
  ];
  const notes = [
    'Baseline: the same introspection request (client_secret_basic as demo-m2m) sent straight to the demo AS /oauth/introspect.',
    'The demo AS runs inside the companion server process (as `npm start` runs it), so the proxied path spends that one process\'s CPU twice.',
  ];
  if (failures > 0) notes.push(`${failures} requests failed or were not 2xx during the runs.`);
  return { section, rows, notes };
}
