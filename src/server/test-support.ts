import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app';
import type { ResolvedProfile, ServerConfig } from './config';
import { demoProfiles } from './demo-as/demo-profiles';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './demo-as/provider';
import { createUpstream } from './deps';
import type { AccessKey } from './access-key';
import type { AppDeps } from './deps';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import { createUpstreamHttp } from './oauth/upstream-http';

/**
 * The one test harness of the companion server: the app with injected dependencies (no port), the real demo
 * tenant in-process, authorization servers that misbehave (on loopback, or as a fetch), and recorders of what
 * was sent upstream or logged.
 */

export const testOrigin = 'http://127.0.0.1:4000';
const testHost = '127.0.0.1:4000';
/** The upstream fetch the server runs with in production (see main.ts). */
const upstreamTestFetch = createUpstreamHttp();
const noNetwork: typeof fetch = () => Promise.reject(new Error('no network in unit tests'));

/** A logger that keeps every line, so tests can prove what was (not) logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export interface TestDepsOptions {
  /** The upstream fetch (default: none, every upstream call fails). */
  fetch?: typeof fetch;
  /** The clock of the upstream caches. */
  now?: () => number;
  logger?: Logger;
  distDir?: string | null;
  /** The access key in force (default: off, as WORKBENCH_KEY=off on loopback). */
  accessKey?: AccessKey | null;
}

/** The app's dependencies as main.ts builds them, with the network, clock and logger injectable. */
export function testDeps(options: TestDepsOptions = {}, partialConfig: Partial<ServerConfig> = {}): AppDeps {
  const config: ServerConfig = { profiles: [], upstreamTimeoutMs: 5_000, secrets: [], ...partialConfig };
  return {
    config,
    logger: options.logger ?? recordingLogger(),
    allowedOrigins: [testOrigin, 'http://localhost:4000'],
    allowedHosts: [testHost, 'localhost:4000'],
    distDir: options.distDir ?? null,
    accessKey: options.accessKey ?? null,
    upstream: createUpstream(config, options.fetch ?? noNetwork, options.now),
  };
}

/** A same-origin JSON POST, as the app sends it. */
export function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: testOrigin, host: testHost, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** The app over `profiles`, calling upstream with the production fetch unless told otherwise, and its requests. */
export function testApp(profiles: ResolvedProfile[], options: TestDepsOptions & { secrets?: string[] } = {}) {
  const app = createApp(
    testDeps({ ...options, fetch: options.fetch ?? upstreamTestFetch, logger: options.logger ?? silentLogger }, { profiles, upstreamTimeoutMs: 3_000, secrets: options.secrets ?? [] }),
  );
  return {
    /** A same-origin JSON POST (headers override, a string body goes as-is). */
    post: (path: string, body: unknown, headers: Record<string, string> = {}) => app.request(`${testOrigin}${path}`, jsonPost(body, headers)),
    get: (path: string, headers: Record<string, string> = {}) => app.request(`${testOrigin}${path}`, { headers: { host: testHost, ...headers } }),
  };
}

export function stubProfile(issuer: string, overrides: Partial<ResolvedProfile> = {}): ResolvedProfile {
  return {
    id: 'stub', label: 'stub', issuer, clientId: 'stub-client', clientAuthMethod: 'client_secret_basic', clientSecret: 'stub-secret-value',
    assertionAudience: 'issuer', defaultAudience: null, apis: [], tokenParams: [], timeoutMs: 3_000, demo: false, ...overrides,
  };
}

/**
 * An authorization server as a fetch: the discovery document of `issuer` (endpoints under `${issuer}oauth/`,
 * overridable), then `answer` for every other request, each recorded in `requests`.
 */
export function fakeAsFetch(issuer: string, answer: (request: Request) => Response | Promise<Response>, endpoints: Record<string, string> = {}) {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).pathname.endsWith('/.well-known/openid-configuration')) {
      return Response.json({
        issuer,
        authorization_endpoint: `${issuer}authorize`,
        token_endpoint: `${issuer}oauth/token`,
        introspection_endpoint: `${issuer}oauth/introspect`,
        ...endpoints,
      });
    }
    requests.push(request);
    return answer(request);
  }) as typeof fetch;
  return { fetchImpl, requests };
}

interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: string;
}

/** Wraps fetch and records what was sent upstream. */
export function recordingFetch(base: typeof fetch = upstreamTestFetch) {
  const calls: RecordedCall[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push({ url: request.url, method: request.method, headers: request.headers, body: init?.body ? String(init.body as BodyInit) : '' });
    return base(input, init);
  };
  return { fetchImpl, calls };
}

async function listen(server: Server, host: string, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** An HTTP server on loopback (a random port) answering with `handler`; `stop` also ends open connections. */
export async function startHttpStub(handler: RequestListener, host = '127.0.0.1') {
  const server = createServer(handler);
  const port = await listen(server, host);
  return { server, origin: `http://${host}:${port}`, stop: () => close(server) };
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, host);
  await close(probe);
  return port;
}

/** The embedded demo tenant on a random port with a throwaway data dir, and its four built-in profiles. */
export async function startDemoTenant(): Promise<{ as: DemoAuthorizationServer; profiles: ResolvedProfile[]; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tw-oauth-test-'));
  const as = await startDemoAuthorizationServer({ host: '127.0.0.1', port: await freePort(), appOrigins: [testOrigin], dataDir });
  return {
    as,
    profiles: demoProfiles(as.issuer, as.keys, 3_000),
    stop: async () => {
      await as.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type FaultMode = 'hang' | 'status-500' | 'garbage' | 'close' | 'oauth-error' | 'ok' | 'off-origin' | 'wrong-issuer' | 'discovery-hang' | 'redirect' | 'echo' | 'echo-ok';

/**
 * A misbehaving authorization server on loopback. Each fault lives under its own issuer path
 * (`${origin}/<mode>/`): discovery answers well, then every endpoint misbehaves as the mode says.
 */
export async function startFaultServer(offOriginTarget = 'http://127.0.0.2:9/') {
  const requests: { method: string; path: string; headers: IncomingMessage['headers'] }[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    requests.push({ method: req.method ?? '', path, headers: req.headers });
    const mode = path.split('/')[1] as FaultMode;
    const issuer = `${origin}/${mode}/`;
    if (path.endsWith('/.well-known/openid-configuration')) {
      if (mode === 'discovery-hang') return;
      const base = mode === 'off-origin' ? offOriginTarget : issuer;
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          issuer: mode === 'wrong-issuer' ? 'https://elsewhere.example/' : issuer,
          token_endpoint: `${base}oauth/token`,
          introspection_endpoint: `${base}oauth/introspect`,
          revocation_endpoint: `${base}oauth/revoke`,
          userinfo_endpoint: `${base}userinfo`,
          jwks_uri: `${base}.well-known/jwks.json`,
        }),
      );
      return;
    }
    if (mode === 'echo' || mode === 'echo-ok') {
      // A careless AS that quotes the whole request (headers with credentials, and body) back: in its error
      // ('echo'), or in a success answer that fits every endpoint's schema ('echo-ok').
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const echoed = `${JSON.stringify(req.headers)} ${req.headers.authorization ?? ''} ${body}`;
        if (mode === 'echo') {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'invalid_request', error_description: `bad request: ${echoed}` }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            active: true, access_token: `echo ${echoed}`, token_type: 'Bearer', sub: `echo ${echoed}`, scope: echoed, keys: [],
            echo: { headers: req.headers, body, [`${req.headers.authorization ?? ''} ${body}`]: 'as a member name' },
          }),
        );
      });
      return;
    }
    req.resume();
    switch (mode) {
      case 'hang':
        return;
      case 'status-500':
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html><body>Internal Server Error</body></html>');
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"active": tru');
        return;
      case 'close':
        req.socket.destroy();
        return;
      case 'redirect':
        res.writeHead(302, { location: `${offOriginTarget}oauth/introspect` }).end();
        return;
      case 'oauth-error':
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="stub"' }).end(
          JSON.stringify({ error: 'invalid_client', error_description: 'client authentication failed' }),
        );
        return;
      default:
        if (path.endsWith('/userinfo')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sub: 'auth0|stub', name: 'Stub User' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ active: false }));
    }
  });
  origin = `http://127.0.0.1:${await listen(server, '127.0.0.1')}`;
  return {
    origin,
    requests,
    issuer: (mode: FaultMode) => `${origin}/${mode}/`,
    stop: () => close(server),
  };
}

/** A listener that must see no connection (the SSRF canary host). */
export async function startTrapListener(host = '127.0.0.2') {
  let connections = 0;
  const stub = await startHttpStub((_req, res) => res.writeHead(418).end(), host);
  stub.server.on('connection', () => {
    connections += 1;
  });
  return { origin: stub.origin, connections: () => connections, stop: stub.stop };
}
