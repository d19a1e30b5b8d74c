/** What went wrong in the "Domain or issuer" text, each with a stable kind. */
export type DomainProblemKind =
  | 'whitespace'
  | 'doubled-scheme'
  | 'unsupported-scheme'
  | 'http-scheme'
  | 'endpoint-path'
  | 'unexpected-path'
  | 'bare-domain-trailing-slash'
  | 'issuer-missing-trailing-slash'
  | 'uppercase-host';

export interface DomainProblem {
  readonly kind: DomainProblemKind;
  readonly message: string;
}

/** The authorization server a "Domain or issuer" value points at. */
export interface ResolvedIssuer {
  /** The issuer identifier as ID tokens carry it in `iss`. */
  readonly issuer: string;
  readonly origin: string;
  readonly host: string;
  /** A *.auth0.com tenant domain (custom domains cannot be told apart from the text). */
  readonly isAuth0Domain: boolean;
  /** The value the user should have typed: the same form (bare domain or URL), with the mistakes fixed. */
  readonly suggestedInput: string;
  readonly problems: readonly DomainProblem[];
}

const AUTH0_HOST = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)?\.auth0\.com$/;
const ENDPOINT_PATH = /\/(authorize|oauth\/token|oauth\/revoke|oauth\/introspect|userinfo|\.well-known\/.*|v2\/logout|api\/v2\/?|login|u\/login)\/?$/i;

/** True for hosts that only the local machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** True for Auth0 tenant domains (tenant.auth0.com, tenant.eu.auth0.com, ...). */
export function isAuth0Host(host: string): boolean {
  return AUTH0_HOST.test(host.toLowerCase());
}

/**
 * Resolves a domain or issuer as people type it: `tenant.auth0.com`, `https://tenant.eu.auth0.com/`,
 * a custom domain, or any issuer URL (OpenID Connect Discovery §2). Returns undefined when nothing usable was typed.
 */
export function resolveIssuer(input: string): ResolvedIssuer | undefined {
  const problems: DomainProblem[] = [];
  const trimmed = input.trim();
  if (trimmed === '') return undefined;
  if (trimmed !== input || /\s/.test(trimmed)) problems.push({ kind: 'whitespace', message: 'The domain contains spaces or line breaks.' });
  let text = trimmed.replace(/\s+/g, '');

  const doubled = /^(https?:\/\/)+(https?:\/\/)/i.exec(text);
  if (doubled) {
    problems.push({ kind: 'doubled-scheme', message: 'The scheme is written twice.' });
    text = text.slice(doubled[0].length - (doubled[2]?.length ?? 0));
  }

  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  const hasScheme = schemeMatch !== null;
  if (hasScheme && !/^https?$/i.test(schemeMatch[1] ?? '')) {
    problems.push({ kind: 'unsupported-scheme', message: 'An issuer is an https URL.' });
    return undefined;
  }

  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;

  const typedHost = hasScheme ? text.slice((schemeMatch[0] ?? '').length).split(/[/?#]/)[0] ?? '' : text.split(/[/?#]/)[0] ?? '';
  if (typedHost !== typedHost.toLowerCase()) problems.push({ kind: 'uppercase-host', message: 'Host names are case-insensitive; issuers are compared as exact strings, in lower case.' });

  const host = url.host;
  const loopback = isLoopbackHost(url.hostname);
  const auth0 = isAuth0Host(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    problems.push({ kind: 'http-scheme', message: 'Authorization servers are only reachable over https (except on this machine).' });
  }
  const scheme = url.protocol === 'http:' && loopback ? 'http:' : 'https:';

  let path = url.pathname;
  if (ENDPOINT_PATH.test(path)) {
    problems.push({ kind: 'endpoint-path', message: `"${path}" is an endpoint, not part of the domain.` });
    path = path.replace(ENDPOINT_PATH, '/');
  } else if (auth0 && path !== '/') {
    problems.push({ kind: 'unexpected-path', message: 'An Auth0 domain has no path.' });
    path = '/';
  }

  if (!hasScheme && url.pathname === '/' && text.endsWith('/')) {
    problems.push({ kind: 'bare-domain-trailing-slash', message: 'A domain is written without a trailing slash (SDKs add "https://" and paths to it).' });
  }
  if (hasScheme && auth0 && url.pathname === '/' && !text.replace(/[?#].*$/, '').endsWith('/')) {
    problems.push({ kind: 'issuer-missing-trailing-slash', message: 'The Auth0 issuer ends with a slash: https://tenant.auth0.com/ — it must match the iss claim exactly.' });
  }

  const normalizedPath = path === '' ? '/' : path;
  const origin = `${scheme}//${host}`;
  const issuer = auth0 || normalizedPath === '/' ? `${origin}/` : `${origin}${normalizedPath}`;
  const suggestedInput = hasScheme ? issuer : normalizedPath === '/' ? host : `${host}${normalizedPath}`;
  return { issuer, origin, host, isAuth0Domain: auth0, suggestedInput, problems };
}

/** Where a value came from: the discovery document, or the Auth0 convention / a guess from the issuer. */
export type EndpointSource = 'discovery' | 'auth0' | 'guess';

export interface AuthorizationServerEndpoints {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly source: EndpointSource;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * The endpoints of an issuer without discovery: Auth0 tenants (and Auth0 custom domains) serve
 * `/authorize` and `/oauth/token`; for other servers this is a guess until "Fetch discovery".
 */
export function defaultEndpoints(resolved: ResolvedIssuer, auth0Like: boolean): AuthorizationServerEndpoints {
  if (auth0Like || resolved.isAuth0Domain) {
    return { issuer: resolved.issuer, authorizationEndpoint: `${resolved.origin}/authorize`, tokenEndpoint: `${resolved.origin}/oauth/token`, source: 'auth0' };
  }
  const base = withoutTrailingSlash(resolved.issuer);
  return { issuer: resolved.issuer, authorizationEndpoint: `${base}/authorize`, tokenEndpoint: `${base}/token`, source: 'guess' };
}

/** The discovery document URL of an issuer (OpenID Connect Discovery §4). */
export function discoveryUrl(issuer: string): string {
  return `${withoutTrailingSlash(issuer)}/.well-known/openid-configuration`;
}

/** The Management API audience of an Auth0(-like) tenant: `https://{domain}/api/v2/`, trailing slash included. */
export function managementApiIdentifier(resolved: ResolvedIssuer): string {
  return `${resolved.origin}/api/v2/`;
}

/** The issuer that an authorization endpoint URL most likely belongs to (for pasted URLs). */
export function issuerInputFromEndpoint(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    const path = url.pathname.replace(/\/(authorize|oauth2?\/authorize|protocol\/openid-connect\/auth|v[0-9.]+\/authorize)\/?$/i, '');
    if (isAuth0Host(url.hostname) || path === '' || path === '/') return isLoopbackHost(url.hostname) ? `${url.origin}/` : url.host;
    return `${url.origin}${path}`;
  } catch {
    return '';
  }
}
