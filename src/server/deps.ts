import type { AccessKey } from './access-key';
import type { ServerConfig } from './config';
import type { Logger } from './logger';
import type { MetadataGet } from './metadata/metadata-http';
import { createDiscoveryCache } from './oauth/discovery';
import { createSecretScrubber } from './oauth/secret-scrubber';
import { createUpstreamClient } from './oauth/upstream-client';
import type { UpstreamClient } from './oauth/upstream-client';

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
  /** The one client for every call to an authorization server (see `createUpstream`). */
  upstream: UpstreamClient;
  /** POST /api/metadata: origins trusted besides the configured issuers (WORKBENCH_METADATA_ALLOW), and its GET (tests pin the network). */
  metadata?: { allowOrigins?: readonly string[]; get?: MetadataGet };
}

/**
 * The server's upstream plumbing, built once per app: one secret scrubber for everything an authorization server
 * says back, one discovery cache per issuer, and the one client over them that every route calls. `fetch` and
 * `now` are injectable, so tests pin the network and the clock.
 */
export function createUpstream(config: Pick<ServerConfig, 'profiles' | 'secrets'>, upstreamFetch: typeof fetch, now: () => number = Date.now): UpstreamClient {
  const scrubber = createSecretScrubber(config);
  const discovery = createDiscoveryCache(upstreamFetch, scrubber, now);
  return createUpstreamClient({ fetch: upstreamFetch, scrubber, discovery, now });
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
