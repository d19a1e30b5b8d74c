// `npm run fuzz`: a bounded fuzz run of the real companion server (its own process) against a hostile fake
// authorization server on loopback. It fails on any 5xx that is not an upstream error, any non-JSON /api error, a
// crash, a canary secret, key or live client assertion in any answer or log line, or a connection to the trap.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitForHttp } from '../../bench/processes';
import { startHostileAs, tenants, type Tenant } from './hostile-as';

const total = Number(process.env.FUZZ_REQUESTS ?? 12_000);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const concurrency = 12;
const started = Date.now();

let state = seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

// ---- The canaries: a secret with every awkward character, and a private key.
const canarySecret = `CANARY-fuzz-${randomBytes(6).toString('hex')}-"quote\\back/slash+plus=eq&amp`;
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const canaryD = (privateKey.export({ format: 'jwk' }) as { d: string }).d;
const base64Core = (text: string) => Buffer.from(text).toString('base64').slice(0, -4);
const canaries = [
  canarySecret,
  canarySecret.toUpperCase(),
  encodeURIComponent(canarySecret),
  base64Core(canarySecret),
  Buffer.from(canarySecret).toString('base64url').slice(0, -4),
  JSON.stringify(canarySecret).slice(1, -1),
  canaryD,
  ...pem.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
];

// ---- The trap: a listener on another loopback address; any connection to it is an SSRF.
let trapHits = 0;
const trap = createServer((req, res) => {
  trapHits += 1;
  res.end('trapped');
});
await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
const trapOrigin = `http://127.0.0.2:${(trap.address() as AddressInfo).port}`;

const as = await startHostileAs(trapOrigin, seed);

// ---- The companion server, with profiles for every tenant and every client authentication method.
const dir = mkdtempSync(join(tmpdir(), 'workbench-fuzz-'));
writeFileSync(join(dir, 'canary.pem'), pem);
const methods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;
const ownApiIdentifier = 'https://fuzz-api.test/';
const profiles = tenants.flatMap((tenant: Tenant) =>
  methods.map((method) => ({
    id: `${tenant}-${method}`,
    issuer: as.issuer(tenant),
    clientId: `client-${tenant}`,
    clientAuthMethod: method,
    ...(method === 'private_key_jwt' ? { privateKeyFile: 'canary.pem' } : { clientSecret: canarySecret }),
    // POST /api/call may reach the tenant's Management API (listed, so the profile counts as Auth0-style) and one own API.
    apis: [{ identifier: `${as.issuer(tenant)}api/v2/` }, { identifier: ownApiIdentifier, baseUrl: `${as.issuer(tenant)}own-api/` }],
    timeoutMs: 400,
  })),
);
writeFileSync(join(dir, 'workbench.json'), JSON.stringify({ profiles }));
const port = await freePort();
const key = randomBytes(24).toString('base64url');
const baseUrl = `http://127.0.0.1:${port}`;
// A small heap: a leak, or a cache that is not bounded by bytes, crashes the server within the run instead of hiding in RSS.
const child = spawn(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', 'src/server/main.ts'], {
  env: { ...process.env, PORT: String(port), DEMO_AS: 'off', WORKBENCH_CONFIG: join(dir, 'workbench.json'), WORKBENCH_DIST: join(dir, 'no-dist'), WORKBENCH_KEY: key, LOG_REQUESTS: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
child.stdout.on('data', (c: Buffer) => (serverLog += c.toString()));
child.stderr.on('data', (c: Buffer) => (serverLog += c.toString()));
let crashed: string | null = null;
child.on('exit', (code, signal) => {
  if (!stopping) crashed = `the companion server exited (code ${code}, signal ${signal})`;
});
let stopping = false;
await waitForHttp(`${baseUrl}/api/health`, 60_000, child);

const rssMb = () => {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};
const rssBefore = rssMb();

// ---- Requests.
const profileIds = [...profiles.map((p) => p.id), 'nope', '', '__proto__', '../../etc', 'a'.repeat(70)];
const strings = ['', 'x', 'eyJhbGciOiJub25lIn0.e30.', 'a'.repeat(5_000), '\u0000\u001b[31m\n\r', '💥'.repeat(100), '{"a":1}', '%2e%2e%2f', canarySecret.slice(0, 8), 'http://127.0.0.2/'];
const trapHost = trapOrigin.slice('http://'.length);
/** Paths for POST /api/call: catalog and own-API paths, and every way out of the base that the server must refuse. */
const callPaths = [
  '/api/v2/users', '/api/v2/users/auth0|alice', '/api/v2/clients', '/api/v2/', '/appointments', '/', '/api/v2/users/email%7Ca%40b.test',
  '/api/v2/../../x', '/api/v2/users/..', '/api/v2/%2e%2e/%2E%2E/x', '/api/v2/users%2f..%2f..', '/api/v2/users%5c..', '/api/v2/users/%252e%252e/',
  '/api/v2/users\\..\\x', `//${trapHost}/`, `/api/v2//${trapHost}/`, `/api/v2/@${trapHost}/`, trapOrigin, `${trapOrigin}/api/v2/users`,
  '/api/v2/users\t/..', '/api/v2/users\r\nHost: x', '/api/v2/users?per_page=1', '/api/v2/x#y', '/api/v2/%zz', '/api/v2/%00', `/api/v2/${'p'.repeat(2_000)}`,
];
const anyValue = (): unknown => pick([pick(strings), 42, -1, 1e308, null, true, [], {}, [pick(strings)], { profile: pick(profileIds) }]);

const routes: { method: string; path: () => string; body?: () => unknown }[] = [
  { method: 'POST', path: () => '/api/introspect', body: () => ({ profile: pick(profileIds), token: pick(strings) || 't', ...(random() < 0.3 ? { token_type_hint: pick(['access_token', 'refresh_token', 'x']) } : {}) }) },
  { method: 'POST', path: () => '/api/token', body: () => ({ profile: pick(profileIds), ...(random() < 0.5 ? { audience: pick(strings), scope: pick(strings) } : {}) }) },
  { method: 'POST', path: () => '/api/revoke', body: () => ({ profile: pick(profileIds), token: pick(strings) || 't' }) },
  { method: 'POST', path: () => '/api/userinfo', body: () => ({ profile: pick(profileIds), access_token: pick(strings) || 't' }) },
  { method: 'GET', path: () => `/api/discovery?profile=${encodeURIComponent(pick(profileIds))}` },
  { method: 'GET', path: () => `/api/jwks?profile=${encodeURIComponent(pick(profileIds))}` },
  { method: 'GET', path: () => '/api/profiles' },
  { method: 'GET', path: () => '/api/health' },
  {
    method: 'POST',
    path: () => '/api/authorize/exchange',
    body: () => ({ profile: pick(profileIds), client_id: pick(['client-echo', 'x']), code: pick(strings) || 'c', redirect_uri: pick(['http://127.0.0.1/cb', 'nope']), code_verifier: 'v'.repeat(43) }),
  },
  { method: 'POST', path: () => '/api/callback/form-post', body: () => 'code=x&state=y' },
  {
    method: 'POST',
    path: () => '/api/call',
    body: () => {
      const credential = random();
      return {
        profile: pick(profileIds),
        ...(random() < 0.4 ? { api: pick([ownApiIdentifier, ownApiIdentifier, `${trapOrigin}/`, ...strings]) } : {}),
        method: pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'HEAD', 'get']),
        path: random() < 0.9 ? pick(callPaths) : pick(strings),
        ...(random() < 0.3 ? { query: { q: pick(strings), fields: [pick(strings), pick(strings)] } } : {}),
        ...(random() < 0.3 ? { body: anyValue() } : {}),
        ...(credential < 0.35 ? { token: pick(strings) || 't' } : credential < 0.7 ? { mintScope: pick(['read:users', 'read:appointments', '', ...strings]) } : {}),
      };
    },
  },
  {
    method: 'POST',
    path: () => '/api/metadata',
    // Configured issuers (trusted: the hostile tenants' discovery names the trap, redirects, garbage), and hosts that must be refused.
    body: () => {
      const target = pick([...tenants.map((t) => as.issuer(t)), `${trapOrigin}/`, `https://${trapHost}/`, 'https://localhost/', 'https://[::ffff:7f00:2]/', pick(strings)]);
      return random() < 0.5 ? { issuer: target } : { jwksUri: `${target}jwks` };
    },
  },
  { method: pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']), path: () => pick(['/api/', '/api/x', '/api//introspect', '/api/introspect/..%2f..%2fetc', `/api/${'z'.repeat(3000)}`, '/api/token?x=%ZZ']) },
];

/** A mutation of a valid body: fields dropped, retyped, added, or the whole body replaced. */
function mutate(body: unknown): { text: string; type: string } {
  const roll = random();
  if (typeof body === 'string') return { text: body, type: 'application/x-www-form-urlencoded' };
  const obj = { ...(body as Record<string, unknown>) };
  if (roll < 0.45) return { text: JSON.stringify(obj), type: 'application/json' };
  if (roll < 0.6) {
    const keys = Object.keys(obj);
    if (keys.length) obj[pick(keys)] = anyValue();
    return { text: JSON.stringify(obj), type: 'application/json' };
  }
  if (roll < 0.68) return { text: JSON.stringify({ ...obj, [pick(['extra', '__proto__', 'constructor'])]: anyValue() }), type: 'application/json' };
  if (roll < 0.74) return { text: JSON.stringify(obj).slice(0, -3), type: 'application/json' };
  if (roll < 0.78) return { text: `${'['.repeat(20_000)}${']'.repeat(20_000)}`, type: 'application/json' };
  if (roll < 0.82) return { text: JSON.stringify({ ...obj, pad: 'p'.repeat(70 * 1024) }), type: 'application/json' };
  if (roll < 0.88) return { text: JSON.stringify(obj), type: pick(['text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=utf-16']) };
  if (roll < 0.94) return { text: JSON.stringify(anyValue()), type: 'application/json' };
  return { text: '', type: 'application/json' };
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
const statusCounts = new Map<number, number>();
const failures: string[] = [];
const fail = (message: string) => {
  if (failures.length < 50) failures.push(message);
};
const upstreamCodes = new Set([
  'upstream_error', 'upstream_unreachable', 'upstream_timeout', 'upstream_endpoint_refused', 'response_too_large',
  'metadata_redirect_refused', 'metadata_status', 'metadata_invalid', 'metadata_issuer_mismatch',
]);

function send(method: string, path: string, headers: Record<string, string>, body: string | undefined): Promise<{ status: number; headers: string; text: string }> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}${path}`, { method, headers, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: JSON.stringify(res.headers), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: -1, headers: '', text: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: -1, headers: '', text: String(err) }));
    req.end(body);
  });
}

function check(label: string, answer: { status: number; headers: string; text: string }) {
  statusCounts.set(answer.status, (statusCounts.get(answer.status) ?? 0) + 1);
  const all = `${answer.headers}\n${answer.text}`;
  for (const canary of canaries) if (all.toLowerCase().includes(canary.toLowerCase())) fail(`${label}: a canary (${canary.slice(0, 10)}…) in the answer`);
  for (const assertion of as.assertions) if (all.includes(assertion.split('.')[2] ?? assertion)) fail(`${label}: a live client assertion in the answer`);
  if (answer.status === -1) return fail(`${label}: no answer (${answer.text})`);
  if (answer.status < 400) return;
  let code: string | undefined;
  try {
    code = (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  if (typeof code !== 'string') return fail(`${label}: ${answer.status} is not a JSON error: ${answer.text.slice(0, 120)}`);
  if (answer.status >= 500 && !upstreamCodes.has(code)) fail(`${label}: ${answer.status} ${code} is a 5xx that is not an upstream error`);
}

async function oneRequest(i: number) {
  const route = pick(routes);
  const path = route.path();
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, origin: baseUrl };
  const roll = random();
  if (roll < 0.9) headers['x-workbench-key'] = key;
  else if (roll < 0.94) headers['x-workbench-key'] = `${key.slice(0, -1)}x`;
  if (random() < 0.04) headers.origin = pick(['https://evil.example', 'null', trapOrigin]);
  if (random() < 0.02) headers.host = pick(['evil.example', '127.0.0.1', `localhost:${port}`]);
  let body: string | undefined;
  if (route.body) {
    const mutated = mutate(route.body());
    body = mutated.text;
    if (mutated.type) headers['content-type'] = mutated.type;
  }
  check(`#${i} ${route.method} ${path.slice(0, 60)}`, await send(route.method, path, headers, body));
}

/** Requests that no well-behaved client sends: broken request lines, bodies cut off, bad chunks. */
function rawRequest(i: number): Promise<void> {
  const lines = [
    'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n',
    `GET /api/profiles HTTP/1.1\r\nHost: [bad\r\nX-Workbench-Key: ${key}\r\n\r\n`,
    `POST /api/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${baseUrl}\r\nX-Workbench-Key: ${key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"pro\r\nZZ\r\n`,
    `POST /api/token HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${baseUrl}\r\nX-Workbench-Key: ${key}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"profile":`,
    `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\n`,
  ];
  const bytes = pick(lines);
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (c) => (answer += c.toString()));
    const done = () => {
      statusCounts.set(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), (statusCounts.get(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0)) ?? 0) + 1);
      if (answer && !/content-type: application\/json/i.test(answer)) fail(`raw #${i}: not a JSON answer: ${answer.slice(0, 80)}`);
      resolve();
    };
    socket.on('close', done);
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), bytes.includes('Content-Length: 500') ? 50 : 1_000);
  });
}

let next = 0;
const rawCount = Math.max(100, Math.floor(total / 50));
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total && !crashed) {
      const i = next++;
      await (i % Math.floor(total / rawCount) === 0 ? rawRequest(i) : oneRequest(i));
    }
  }),
);
await new Promise((r) => setTimeout(r, 300));
const rssAfter = crashed ? 0 : rssMb();
stopping = true;
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
agent.destroy();
await as.close();
await new Promise((r) => trap.close(r));

if (crashed) fail(crashed);
for (const canary of canaries) if (serverLog.toLowerCase().includes(canary.toLowerCase())) fail(`a canary (${canary.slice(0, 10)}…) in the server log`);
const keyLines = serverLog.split('\n').filter((line) => line.includes(key));
if (keyLines.length !== 1) fail(`the access key is on ${keyLines.length} log lines (only the startup URL may carry it)`);
if (/internal_error|failed:/.test(serverLog)) fail(`the server logged an internal error: ${/.*(internal_error|failed:).*/.exec(serverLog)?.[0]}`);
if (trapHits > 0) fail(`${trapHits} connection(s) reached the trap listener (SSRF)`);

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`\nnpm run fuzz: ${total} requests (${rawCount} raw) in ${seconds} s, seed ${seed} (FUZZ_SEED=${seed} repeats it)`);
console.log(`hostile AS requests: ${as.requests}; live client assertions seen: ${as.assertions.size}; trap hits: ${trapHits}`);
console.log(`status counts: ${[...statusCounts.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
console.log(`companion RSS: ${rssBefore.toFixed(0)} MB before, ${rssAfter.toFixed(0)} MB after`);
if (rssAfter - rssBefore > 256) fail(`the companion grew by ${(rssAfter - rssBefore).toFixed(0)} MB`);
if (failures.length > 0) {
  console.error(`\nFAILED: ${failures.length} problem(s)${failures.length >= 50 ? ' (first 50)' : ''}:`);
  for (const failure of failures) console.error(`- ${failure}`);
  process.exit(1);
}
console.log('fuzz: 0 failures');
