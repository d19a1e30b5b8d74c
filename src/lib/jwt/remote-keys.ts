import { JwtError } from './errors';
import type { RemoteKeyErrorCode } from './errors';
import { isJsonObject } from './json-text';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class RemoteKeyError extends JwtError {
  declare readonly code: RemoteKeyErrorCode;
  constructor(message: string, code: RemoteKeyErrorCode, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'RemoteKeyError';
  }
}

function parseUrl(text: string): URL {
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
    return url;
  } catch (cause) {
    throw new RemoteKeyError(`"${text}" is not an http(s) URL.`, 'ERR_URL_INVALID', { cause });
  }
}

async function getJson(url: URL, fetchImpl: FetchLike): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchImpl(url.href, { headers: { accept: 'application/json' }, credentials: 'omit', redirect: 'error' });
  } catch (cause) {
    throw new RemoteKeyError(`Could not reach ${url.origin}: the browser blocked the request (network, CORS, or the page's Content Security Policy allows only configured issuers).`, 'ERR_FETCH_FAILED', { cause });
  }
  if (!response.ok) throw new RemoteKeyError(`${url.href} answered HTTP ${response.status}.`, 'ERR_HTTP_STATUS');
  try {
    return await response.json();
  } catch (cause) {
    throw new RemoteKeyError(`${url.href} did not return JSON.`, 'ERR_NOT_JWKS', { cause });
  }
}

/** RFC 7517 §5: fetches a JWK Set. Only ever called from an explicit user action. */
export async function fetchJwks(jwksUrl: string, fetchImpl: FetchLike = globalThis.fetch.bind(globalThis)): Promise<{ keys: unknown[] }> {
  const body = await getJson(parseUrl(jwksUrl), fetchImpl);
  if (!isJsonObject(body) || !Array.isArray(body.keys)) throw new RemoteKeyError('The response is not a JWK Set (no "keys" array).', 'ERR_NOT_JWKS');
  return { keys: body.keys };
}

/** OpenID Connect Discovery 1.0 §4 / RFC 8414 §3: finds jwks_uri in the issuer's metadata, then fetches the JWKS. */
export async function fetchJwksFromIssuer(issuer: string, fetchImpl: FetchLike = globalThis.fetch.bind(globalThis)): Promise<{ jwksUri: string; issuer: string; keys: unknown[] }> {
  const base = parseUrl(issuer);
  const discoveryUrl = new URL(`${base.pathname.replace(/\/?$/, '/')}.well-known/openid-configuration`, base.origin);
  const metadata = await getJson(discoveryUrl, fetchImpl);
  if (!isJsonObject(metadata) || typeof metadata.jwks_uri !== 'string' || typeof metadata.issuer !== 'string') {
    throw new RemoteKeyError('The discovery document has no "issuer" or "jwks_uri".', 'ERR_NOT_DISCOVERY');
  }
  const { keys } = await fetchJwks(metadata.jwks_uri, fetchImpl);
  return { jwksUri: metadata.jwks_uri, issuer: metadata.issuer, keys };
}
