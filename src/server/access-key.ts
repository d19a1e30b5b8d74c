import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ApiError } from './errors';

/** The companion server's access key, like Jupyter's token: whoever can reach the port still needs it to spend our credentials. */
export interface AccessKey {
  readonly key: string;
  /** Per port, so two instances on one host (cookies ignore ports) don't overwrite each other's key. */
  readonly cookieName: string;
}

export const accessKeyHeader = 'X-Workbench-Key';
export const accessKeyQueryParam = 'key';
const minKeyLength = 16;

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` is a loopback address (127.0.0.0/8, ::1, localhost): only then may the key be turned off. */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase()) || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export class AccessKeySettingError extends Error {
  readonly code = 'ERR_ACCESS_KEY_SETTING';
}

/**
 * WORKBENCH_KEY → the key in force: unset gives a fresh random key, `off` gives none (loopback only),
 * anything else is used as given (at least 16 characters, no white space).
 */
export function resolveAccessKey(setting: string | undefined, host: string, port: number): AccessKey | null {
  const cookieName = `workbench_key_${port}`;
  if (setting === undefined || setting === '') return { key: randomBytes(24).toString('base64url'), cookieName };
  if (setting === 'off') {
    if (!isLoopbackHost(host)) {
      throw new AccessKeySettingError(
        `WORKBENCH_KEY=off is refused when HOST is ${host}: anyone who can reach that address could use the configured client credentials. Keep the key, or bind HOST=127.0.0.1.`,
      );
    }
    return null;
  }
  if (setting.length < minKeyLength || /\s/.test(setting)) {
    throw new AccessKeySettingError(`WORKBENCH_KEY must be at least ${minKeyLength} characters with no white space (or "off" on loopback)`);
  }
  return { key: setting, cookieName };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison: hashing first gives equal lengths, so neither content nor length leaks through timing. */
export function keyMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  return timingSafeEqual(digest(expected), digest(presented));
}

/** Every /api route behind this needs the key, as the cookie (the app) or the X-Workbench-Key header (scripts). */
export function requireAccessKey(accessKey: AccessKey | null): MiddlewareHandler {
  return async (c, next) => {
    if (accessKey) {
      const presented = c.req.header(accessKeyHeader) ?? getCookie(c, accessKey.cookieName);
      if (!keyMatches(accessKey.key, presented)) {
        throw new ApiError(
          401,
          'unauthenticated',
          `The companion server needs its access key: open the app with the URL that npm start printed (…/?${accessKeyQueryParam}=…), or send the ${accessKeyHeader} header`,
        );
      }
    }
    await next();
  };
}

/**
 * `GET /any/page?key=…` (the URL the server prints): a matching key becomes an HttpOnly, SameSite=Strict cookie,
 * and a 303 strips the key from the address bar and history. A wrong key is stripped too, and sets nothing.
 */
export function acceptAccessKeyFromUrl(accessKey: AccessKey | null): MiddlewareHandler {
  return async (c, next) => {
    const presented = c.req.query(accessKeyQueryParam);
    if (!accessKey || presented === undefined || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    if (keyMatches(accessKey.key, presented)) {
      setCookie(c, accessKey.cookieName, accessKey.key, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    const url = new URL(c.req.url);
    url.searchParams.delete(accessKeyQueryParam);
    c.header('Cache-Control', 'no-store');
    return c.redirect(`${url.pathname}${url.search}${url.hash}`, 303);
  };
}
