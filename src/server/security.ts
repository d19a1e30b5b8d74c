import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

/**
 * Refuses state-changing /api requests from any origin but the app's own (CSRF), and any /api request
 * whose Host is not one of ours (DNS rebinding).
 */
export function sameOriginOnly(allowedOrigins: readonly string[], allowedHosts: readonly string[]): MiddlewareHandler {
  const origins = new Set(allowedOrigins);
  const hosts = new Set(allowedHosts.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const host = (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    if (!hosts.has(host)) {
      throw new ApiError(403, 'forbidden_host', `Host "${host}" is not this server's own address`);
    }
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    // Browsers label every request: another site's page may not even make us call an issuer with a GET.
    const crossSite = fetchSite === 'cross-site' || fetchSite === 'same-site';
    const unsafeMethod = c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.req.method !== 'OPTIONS';
    if (crossSite || (origin !== undefined && unsafeMethod && !origins.has(origin))) {
      throw new ApiError(403, 'forbidden_origin', 'Cross-origin requests to the companion server are refused');
    }
    await next();
  };
}

/** Security headers for everything the server sends; the CSP allows connections only to us and the configured issuers. */
export function securityHeaders(connectOrigins: readonly string[]): MiddlewareHandler {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // CodeMirror injects its theme as <style> elements; no inline *script* is ever allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    `form-action 'self' ${connectOrigins.join(' ')}`.trim(),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  const always: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  const html: [string, string][] = [...always, ['Content-Security-Policy', csp], ['X-Frame-Options', 'DENY']];
  return async (c, next) => {
    await next();
    setResponseHeaders(c, c.res.headers.get('content-type')?.startsWith('text/html') ? html : always);
  };
}

/**
 * Sets headers on the response a handler already made. In place when its headers are mutable (every response
 * we build): Hono's `c.header()` on a finished response copies the whole response once per header, which was
 * most of this middleware's cost per request. A response with immutable headers (one straight from `fetch`) is
 * still copied, by `c.header()`.
 */
function setResponseHeaders(c: Context, headers: readonly (readonly [string, string])[]): void {
  try {
    for (const [name, value] of headers) c.res.headers.set(name, value);
  } catch {
    for (const [name, value] of headers) c.header(name, value);
  }
}
