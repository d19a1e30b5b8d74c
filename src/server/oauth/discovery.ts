import { LRUCache } from 'lru-cache';
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { discoveryUrl, isLoopbackHost } from '../../lib/oauth/issuer';
import type { ResolvedProfile } from '../config';
import { ApiError } from '../errors';
import { lruClock } from './lru-clock';
import type { SecretScrubber } from './secret-scrubber';
import { readOAuthAnswer } from './upstream-response';
import { upstreamFetch } from './upstream-fetch';

const endpointNames = ['token_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const;
export type EndpointName = (typeof endpointNames)[number];

/** OpenID Connect Discovery §3 / RFC 8414 §2, the members this server uses; the rest is kept as-is. */
const discoveryDocumentSchema = z.looseObject({
  issuer: z.string().min(1),
  ...Object.fromEntries(endpointNames.map((name) => [name, z.string().optional()])),
}) as z.ZodType<DiscoveryDocument>;
export type DiscoveryDocument = Record<string, unknown> & { issuer: string } & Partial<Record<EndpointName, string>>;

interface Discovered {
  document: DiscoveryDocument;
  upstreamStatus: number;
  elapsedMs: number;
  endpoint: string;
}

/** http is allowed only towards this machine (the embedded demo tenant, or a local AS under test). */
export function allowsInsecure(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/**
 * The endpoint `name` of the issuer's discovery document, refused unless it is on the issuer's own origin:
 * the server contacts configured issuers and nothing else, and Auth0 (custom domains included) keeps its
 * endpoints on the issuer's origin. Stops a tampered or hostile discovery document from aiming the server
 * (and the profile's credentials) at another host.
 */
export function sameOriginEndpoint(profile: ResolvedProfile, document: DiscoveryDocument, name: EndpointName): string {
  const value = document[name];
  if (!value) throw new ApiError(502, 'upstream_error', `The discovery document of ${profile.issuer} names no ${name}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError(502, 'upstream_endpoint_refused', `The discovery document's ${name} is not a URL`);
  }
  const issuerOrigin = new URL(profile.issuer).origin;
  if (url.origin !== issuerOrigin || url.username || url.password) {
    throw new ApiError(502, 'upstream_endpoint_refused', `The discovery document's ${name} (${url.origin}) is not on the issuer's origin ${issuerOrigin}: refused`);
  }
  return url.href;
}


const discoveryTtlMs = 10 * 60_000;
/** Far more issuers than any configuration names: the cache holds configured issuers only. */
const maxDiscoveryEntries = 100;

/**
 * Discovery documents per configured issuer, fetched on first use and kept for ten minutes (failures are not
 * kept), in an lru-cache whose `fetchMethod` shares one request between concurrent asks. The URL is derived from
 * the profile's issuer only, and the document must name that exact issuer (§4.3).
 */
export function createDiscoveryCache(baseFetch: typeof fetch, scrubber: SecretScrubber, now: () => number = Date.now) {
  async function fetchDocument(profile: ResolvedProfile): Promise<Discovered> {
    const issuerUrl = new URL(profile.issuer);
    const fetchImpl = upstreamFetch(baseFetch, profile.timeoutMs);
    const started = performance.now();
    let response: Response;
    try {
      response = await oauth.discoveryRequest(issuerUrl, {
        [oauth.customFetch]: fetchImpl,
        ...(allowsInsecure(profile.issuer) ? { [oauth.allowInsecureRequests]: true } : {}),
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(502, 'upstream_unreachable', `The discovery document of ${profile.issuer} cannot be requested`);
    }
    const answer = await readOAuthAnswer(response, discoveryDocumentSchema, { host: issuerUrl.host, timeoutMs: profile.timeoutMs, what: 'discovery', scrubber });
    if (answer.body.issuer !== profile.issuer) {
      throw new ApiError(502, 'upstream_error', `The discovery document names the issuer "${answer.body.issuer}", not the profile's "${profile.issuer}"`);
    }
    return { document: answer.body, upstreamStatus: answer.status, elapsedMs: Math.round(performance.now() - started), endpoint: new URL(discoveryUrl(issuerUrl.href)).href };
  }

  const documents = new LRUCache<string, Discovered, ResolvedProfile>({
    max: maxDiscoveryEntries,
    ttl: discoveryTtlMs,
    perf: lruClock(now),
    ttlResolution: 0,
    fetchMethod: (_issuer, _stale, { context }) => fetchDocument(context),
  });

  return {
    /** The issuer's discovery document, from the cache unless `refresh`. */
    async get(profile: ResolvedProfile, refresh = false): Promise<Discovered> {
      const found = await documents.fetch(profile.issuer, { context: profile, forceRefresh: refresh });
      if (!found) throw new ApiError(502, 'upstream_unreachable', `The discovery document of ${profile.issuer} cannot be requested`);
      return found;
    },
  };
}
export type DiscoveryCache = ReturnType<typeof createDiscoveryCache>;
