import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

/** A TCP port that was free a moment ago, on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the process serving ${url} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

/** Runs a command to completion with its output shown, failing on a non-zero exit. */
export function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

export interface CompanionServer {
  url: string;
  issuer: string;
  dataDir: string;
  /** The server's access key: /api needs it as the X-Workbench-Key header. */
  key: string;
  stop: () => Promise<void>;
}

/**
 * The real companion server (src/server/main.ts) with its embedded demo authorization server, serving the app
 * built in `distDir`. Its request log goes to a file, as a deployment would send it somewhere, not to our table.
 */
export async function startCompanionServer(distDir: string, dataDir: string, logFile: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<CompanionServer> {
  const [port, asPort] = [await freePort(), await freePort()];
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const key = randomBytes(24).toString('base64url');
  // `node --import tsx` is what `npx tsx` runs, minus two wrapper processes, so SIGTERM reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, WORKBENCH_DIST: distDir, PORT: String(port), DEMO_AS_PORT: String(asPort), DEMO_AS_DATA_DIR: dataDir, WORKBENCH_KEY: key, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const issuer = `http://127.0.0.1:${asPort}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitForHttp(`${url}/api/health`, 60_000, child);
    if (extraEnv.DEMO_AS !== 'off') await waitForHttp(`${issuer}/.well-known/openid-configuration`, 30_000, child);
  } catch (error) {
    await stop();
    throw new Error(`the companion server did not start (log: ${logFile}): ${(error as Error).message}`);
  }
  return { url, issuer, dataDir, key, stop };
}
