import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { handleInteraction } from './interactions';
import { readBody, withBody } from './request-body';
import type { TenantStore } from './tenant-store';
import { rewriteTokenRequest } from './token-request';

/**
 * The demo AS's request handler: our login pages, the Auth0 token-request rewrite, then oidc-provider.
 * Nothing a client sends may throw out of it: this process also runs the companion server.
 */
export function demoRequestHandler(provider: Provider, issuer: string, tenant: TenantStore) {
  const callback = provider.callback();
  return (req: IncomingMessage, res: ServerResponse): void => {
    const respondError = (status: number, message: string) => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
      else res.destroy();
    };
    const failed = (err: unknown) => {
      if (err instanceof errors.SessionNotFound || (err instanceof Error && err.name === 'SessionNotFound')) {
        respondError(400, 'This login session has expired. Start again from the app.');
        return;
      }
      console.error(`demo AS: ${req.method ?? '?'} request failed: ${err instanceof Error ? err.message : String(err)}`);
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
        handleInteraction(provider, tenant, req, res, path).catch(failed);
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
