import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { createRedactingLogger, type Logger } from '../logger';
import { handleInteraction } from './interactions';
import { BodyTooLargeError, readBody, withBody } from './request-body';
import { renderLoginExpiredPage, tenantPageHeaders } from './tenant-page';
import type { TenantStore } from './tenant-store';
import { rewriteTokenRequest } from './token-request';

/** The tenant's resource servers, served beside the authorization server: a path prefix and its handler. */
export interface MountedResource {
  prefix: string;
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
}

/**
 * The demo AS's request handler: our login pages, the resource servers (the Management API, the demo API),
 * the Auth0 token-request rewrite, then oidc-provider.
 * Nothing a client sends may throw out of it: this process also runs the companion server.
 */
export function demoRequestHandler(
  provider: Provider,
  issuer: string,
  tenant: TenantStore,
  resources: readonly MountedResource[] = [],
  appOrigin?: string,
  logger: Logger = createRedactingLogger([]),
) {
  const callback = provider.callback();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const respond = (status: number, contentType: string, body: string, headers: Record<string, string> = {}) => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': contentType, ...headers }).end(body);
      else res.destroy();
    };
    const respondError = (status: number, message: string) => respond(status, 'text/plain; charset=utf-8', message);
    const failed = (err: unknown) => {
      if (err instanceof errors.SessionNotFound || (err instanceof Error && err.name === 'SessionNotFound')) {
        const page = renderLoginExpiredPage('This login session has expired. Start again from the app.', appOrigin);
        respond(400, 'text/html; charset=utf-8', page.html, tenantPageHeaders(page.csp));
        return;
      }
      if (err instanceof BodyTooLargeError) {
        // The token endpoint answers as OAuth endpoints do (RFC 6749 §5.2), in JSON; the unread rest of the body ends the connection.
        const close = { connection: 'close', 'cache-control': 'no-store' };
        if (req.url?.startsWith('/oauth/')) respond(413, 'application/json; charset=utf-8', JSON.stringify({ error: 'invalid_request', error_description: err.message }), close);
        else respond(413, 'text/plain; charset=utf-8', err.message, close);
        return;
      }
      logger.error(`demo AS: ${req.method ?? '?'} request failed: ${err instanceof Error ? err.message : String(err)}`);
      respondError(500, 'Internal error');
    };
    try {
      // A request-target such as `//[` is a protocol-relative URL with an invalid host: new URL throws.
      const parsed = URL.parse(req.url ?? '/', issuer);
      if (!parsed || !(req.url ?? '/').startsWith('/') || (req.url ?? '/').startsWith('//')) {
        respondError(400, 'Bad request target');
        return;
      }
      const path = parsed.pathname;
      if (path.startsWith('/interaction/')) {
        handleInteraction(provider, tenant, req, res, path, appOrigin).catch(failed);
        return;
      }
      const resource = resources.find((r) => path.startsWith(r.prefix));
      if (resource) {
        resource.handle(req, res).catch(failed);
        return;
      }
      if (req.method === 'POST' && path === '/oauth/token') {
        readBody(req)
          .then((buf) => {
            const rewritten = rewriteTokenRequest(buf.toString('utf8'), req.headers['content-type'], req.headers.authorization, tenant);
            return callback(withBody(req, rewritten.body), res);
          })
          .catch(failed);
        return;
      }
      Promise.resolve(callback(req, res)).catch(failed);
    } catch (err) {
      failed(err);
    }
  };
}
