import type { AccessKey } from './access-key';
import type { ServerConfig } from './config';
import type { Logger } from './logger';

/** Everything the companion server app needs, injected so that tests run it with `app.request()` and no port. */
export interface AppDeps {
  config: ServerConfig;
  logger: Logger;
  /** Origins allowed to POST to /api (the app's own origin, under each name that reaches it). */
  allowedOrigins: readonly string[];
  /** Host headers accepted on /api: refuses DNS-rebinding pages that reach 127.0.0.1 under another name. */
  allowedHosts: readonly string[];
  /** The built app to serve, or null to serve the API only. */
  distDir: string | null;
  /** The key every /api route but health needs (cookie or X-Workbench-Key); null only when turned off on loopback. */
  accessKey: AccessKey | null;
  /** Upstream fetch, injectable for tests. */
  fetch: typeof fetch;
}

/** The app's own origins and hosts when it listens on `host:port`, under every loopback name. */
export function ownOrigins(host: string, port: number, extraOrigins: readonly string[] = []): { allowedOrigins: string[]; allowedHosts: string[] } {
  const hosts = new Set([`${host}:${port}`]);
  if (['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '::'].includes(host)) {
    for (const name of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(`${name}:${port}`);
  }
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  for (const origin of extraOrigins) {
    const url = new URL(origin);
    origins.add(url.origin);
    hosts.add(url.host);
  }
  return { allowedOrigins: [...origins], allowedHosts: [...hosts] };
}
