import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type BodyLimitOptions = Parameters<typeof bodyLimit>[0] & { onError: NonNullable<Parameters<typeof bodyLimit>[0]['onError']> };

/**
 * hono/body-limit with the same verdicts, minus its cost on every ordinary request. Hono's middleware reads
 * `c.req.raw.body` first, which makes @hono/node-server build a full WHATWG Request and body stream per request
 * (a GET included); here a declared Content-Length (without Transfer-Encoding) is judged from the headers alone, as
 * hono's middleware then does too, and GET and HEAD, which carry no body, pass. Any other request (chunked, no
 * length) goes through hono's middleware, which counts the bytes.
 */
export function declaredBodyLimit(options: BodyLimitOptions): MiddlewareHandler {
  const counting = bodyLimit(options);
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counting(c, next);
    return parseInt(length || '0', 10) > options.maxSize ? Promise.resolve(options.onError(c)) : next();
  };
}
