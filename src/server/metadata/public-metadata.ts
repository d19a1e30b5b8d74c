import type { z } from 'zod';
import { discoveryUrl } from '../../lib/oauth/issuer';
import { discoverySummarySchema, jwkSetSchema, type MetadataRequest, type MetadataResponse } from '../../shared/metadata-contract';
import { ApiError } from '../errors';
import { AddressRefusedError, type MetadataGet } from './metadata-http';
import { ipLiteral, isPublicAddress } from './public-address';

/** Where, and how long, the companion server may fetch public metadata. */
export interface MetadataPolicy {
  /** Configured issuers' origins and WORKBENCH_METADATA_ALLOW: these may be private, and plain http. */
  trustedOrigins: ReadonlySet<string>;
  timeoutMs: number;
  get: MetadataGet;
}

/** Upstream text quoted in a message: shortened, since a hostile server chooses it. */
const quoted = (text: string) => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

const trustHint = 'configured issuers and the origins listed in WORKBENCH_METADATA_ALLOW are the only exceptions';

/** Parses WORKBENCH_METADATA_ALLOW: comma-separated origins (`scheme://host[:port]`), each http or https. */
export function parseMetadataAllow(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = URL.parse(entry);
      const isOrigin = url && (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
      if (!isOrigin) throw new Error(`WORKBENCH_METADATA_ALLOW: "${entry}" is not an http(s) origin (scheme://host[:port], no path)`);
      return url.origin;
    });
}

/** The rules every metadata URL meets before any connection: https unless trusted, no credentials, no non-public IP literal. */
function checkTarget(url: URL, policy: MetadataPolicy): { trusted: boolean } {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ApiError(403, 'metadata_url_refused', `${url.href} is not an https URL`);
  if (url.username || url.password) throw new ApiError(403, 'metadata_url_refused', `${url.origin} is named with credentials: metadata is public, and is fetched without any`);
  const trusted = policy.trustedOrigins.has(url.origin);
  if (trusted) return { trusted };
  if (url.protocol !== 'https:') {
    throw new ApiError(403, 'metadata_url_refused', `${url.href} is not https: metadata is fetched over https only (${trustHint})`);
  }
  const literal = ipLiteral(url.hostname);
  if (literal !== null && !isPublicAddress(literal)) {
    throw new ApiError(403, 'metadata_address_refused', `${url.href}: ${literal} is not a public address (${trustHint})`);
  }
  return { trusted };
}

function causeOf<T>(err: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof type) return current;
  }
  return undefined;
}

function errorCode(err: unknown): string | undefined {
  for (let current = err, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

async function getJson(url: URL, policy: MetadataPolicy): Promise<unknown> {
  const { trusted } = checkTarget(url, policy);
  const signal = AbortSignal.timeout(policy.timeoutMs);
  let answer;
  try {
    answer = await policy.get(url, { trusted, signal });
  } catch (err) {
    const refused = causeOf(err, AddressRefusedError);
    if (refused) throw new ApiError(403, 'metadata_address_refused', `${url.href}: ${refused.message} (${trustHint})`);
    if (signal.aborted) throw new ApiError(504, 'upstream_timeout', `${url.href} did not answer within ${policy.timeoutMs} ms`);
    const code = errorCode(err);
    if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') throw new ApiError(502, 'response_too_large', `${url.href} answered more than the 512 KB a metadata document may have`);
    throw new ApiError(502, 'upstream_unreachable', `Could not reach ${url.origin}${code ? ` (${code})` : ''}`);
  }
  if (answer.status >= 300 && answer.status < 400) {
    const to = answer.location ? ` to ${quoted(answer.location)}` : '';
    throw new ApiError(502, 'metadata_redirect_refused', `${url.href} answered HTTP ${answer.status}, a redirect${to}: redirects are never followed, fetch the final URL instead`);
  }
  if (answer.status !== 200) throw new ApiError(502, 'metadata_status', `${url.href} answered HTTP ${answer.status}`);
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw new ApiError(502, 'metadata_invalid', `${url.href} did not answer JSON`);
  }
}

function validated<T extends z.ZodType>(schema: T, value: unknown, url: URL, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError(502, 'metadata_invalid', `${url.href} is not ${what}`, {
    details: parsed.error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message })),
  });
}

/** OpenID Connect Discovery 1.0 §4.1: `/.well-known/openid-configuration` appended to the issuer's path. */
export function discoveryUrlOf(issuer: string): URL {
  const url = new URL(issuer);
  if (url.search || url.hash) throw new ApiError(400, 'invalid_request', `An issuer has no query or fragment: ${issuer}`);
  // Joined as text, not resolved against the origin: a path such as `//evil.example/x` would resolve to another host.
  return new URL(discoveryUrl(url.href));
}

/** Private members of a JWK (RFC 7518 §6.2.2, §6.3.2, §6.4.1, RFC 8037 §2): never relayed to the browser. */
const privateJwkMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

async function fetchJwkSet(url: URL, policy: MetadataPolicy) {
  const jwks = validated(jwkSetSchema, await getJson(url, policy), url, 'a JWK Set (RFC 7517 §5: a "keys" array of JWK objects)');
  const index = jwks.keys.findIndex((key) => privateJwkMembers.some((member) => member in key));
  if (index >= 0) {
    const members = privateJwkMembers.filter((member) => member in (jwks.keys[index] ?? {}));
    throw new ApiError(502, 'metadata_invalid', `${url.href} publishes private key material (key ${index + 1} has ${members.map((m) => `"${m}"`).join(', ')}): a JWK Set for verifying names public keys only, so it is not passed on`);
  }
  return jwks;
}

/**
 * Fetches an issuer's discovery document and the JWK Set it names (OIDC Discovery §4, §4.3: the document's `issuer`
 * must be the one asked for), or a JWK Set by URL. Both GETs meet the same rules (see `checkTarget`).
 */
export async function fetchPublicMetadata(input: MetadataRequest, policy: MetadataPolicy): Promise<MetadataResponse> {
  if ('jwksUri' in input) {
    const url = new URL(input.jwksUri);
    return { jwks: await fetchJwkSet(url, policy), fetchedFrom: { jwks: url.href } };
  }
  const discoveryUrl = discoveryUrlOf(input.issuer);
  const discovery = validated(discoverySummarySchema, await getJson(discoveryUrl, policy), discoveryUrl, 'an OpenID discovery document (it needs "issuer" and "jwks_uri")');
  if (discovery.issuer !== input.issuer) {
    throw new ApiError(
      502,
      'metadata_issuer_mismatch',
      `${discoveryUrl.href} names the issuer ${quoted(discovery.issuer)}, not ${quoted(input.issuer)}: they must be identical (OIDC Discovery §4.3), so its keys are not used. If you trust it, fetch from ${quoted(discovery.issuer)}.`,
    );
  }
  const jwksUrl = new URL(discovery.jwks_uri);
  return { discovery, jwks: await fetchJwkSet(jwksUrl, policy), fetchedFrom: { discovery: discoveryUrl.href, jwks: jwksUrl.href } };
}
