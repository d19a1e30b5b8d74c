import type { ServerConfig } from './config';
import type { AppDeps } from './deps';
import type { Logger } from './logger';

export const testOrigin = 'http://127.0.0.1:4000';

/** A logger that keeps every line, so tests can prove what was (not) logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (m) => lines.push(m) };
}

export function testDeps(overrides: Partial<AppDeps> = {}, config: Partial<ServerConfig> = {}): AppDeps {
  return {
    config: { profiles: [], upstreamTimeoutMs: 5_000, secrets: [], ...config },
    logger: recordingLogger(),
    allowedOrigins: [testOrigin, 'http://localhost:4000'],
    allowedHosts: ['127.0.0.1:4000', 'localhost:4000'],
    distDir: null,
    accessKey: null,
    fetch: () => Promise.reject(new Error('no network in unit tests')),
    ...overrides,
  };
}

/** A same-origin JSON POST, as the app sends it. */
export function jsonPost(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: testOrigin, host: '127.0.0.1:4000', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
