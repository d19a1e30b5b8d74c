import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { acceptAccessKeyFromUrl, requireAccessKey } from './access-key';
import { declaredBodyLimit } from './body-limit';
import type { AppDeps } from './deps';
import { ApiError, toApiError } from './errors';
import { apiCallRoutes } from './routes/api-call';
import { formPostCallbackRoutes } from './routes/callback';
import { codeExchangeRoutes } from './routes/code-exchange';
import { metadataRoutes } from './routes/metadata-routes';
import { metaRoutes } from './routes/meta';
import { oauthRoutes } from './routes/oauth-routes';
import { sameOriginOnly, securityHeaders } from './security';
import { appShell, staticAssets } from './static-assets';

const maxJsonBodyBytes = 64 * 1024;

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);
const escapeControlCharacters = (text: string) =>
  Array.from(text, (ch) => (isControl(ch.charCodeAt(0)) ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : ch)).join('');

/** The client hung up or sent a malformed body while we read it: its error, not ours (node:http marks the request). */
function clientAbortedRequest(c: Context): boolean {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return Boolean(incoming && (incoming.errored || (incoming.destroyed && !incoming.complete)));
}

/** The companion server: JSON API under /api, and the built app with SPA fallback. Pure: no port, no process. */
export function createApp(deps: AppDeps) {
  const issuerOrigins = [...new Set(deps.config.profiles.map((p) => new URL(p.issuer).origin))];
  const app = new Hono();

  app.use('*', securityHeaders(issuerOrigins));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Paths only: query strings may carry tokens, and bodies are never logged.
    // Control characters are escaped: a decoded %0A in the path must not forge a log line.
    const path = escapeControlCharacters(c.req.path);
    deps.logger.info(`${c.req.method} ${path} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  });

  const acceptKeyFromUrl = acceptAccessKeyFromUrl(deps.accessKey);
  const api = new Hono();
  api.use('*', sameOriginOnly(deps.allowedOrigins, deps.allowedHosts));
  // Health carries nothing of ours: scripts and Playwright poll it before they hold the key.
  const keyGuard = requireAccessKey(deps.accessKey);
  api.use('*', (c, next) => (c.req.path === '/api/health' ? next() : keyGuard(c, next)));
  api.use(
    '*',
    declaredBodyLimit({
      maxSize: maxJsonBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${maxJsonBodyBytes / 1024} KB`);
      },
    }),
  );
  api.route('/', metaRoutes(deps));
  api.route('/authorize', codeExchangeRoutes(deps));
  api.route('/', oauthRoutes(deps));
  api.route('/', apiCallRoutes(deps));
  api.route('/', metadataRoutes(deps));
  api.all('*', (c) => {
    throw new ApiError(404, 'not_found', `No API route ${c.req.method} ${c.req.path}`);
  });
  // form_post responses arrive cross-origin from the AS, so this one route sits before the same-origin guard.
  app.route('/api/callback/form-post', formPostCallbackRoutes());
  app.route('/api', api);

  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : acceptKeyFromUrl(c, next)));

  if (deps.distDir) {
    app.use('*', staticAssets(deps.distDir));
    app.get('*', appShell(deps.distDir));
  }

  app.notFound(() => {
    throw new ApiError(404, 'not_found', 'Not found');
  });
  app.onError((err, c) => {
    if (!(err instanceof ApiError) && clientAbortedRequest(c)) {
      deps.logger.info(`${c.req.method} ${escapeControlCharacters(c.req.path)}: the client aborted the request or sent a malformed body`);
      return c.json(new ApiError(400, 'invalid_request', 'The request body was aborted or malformed').toBody(), 400);
    }
    const apiError = toApiError(err);
    if (apiError.status >= 500 && apiError.code === 'internal_error') {
      deps.logger.error(`${c.req.method} ${c.req.path} failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    }
    return c.json(apiError.toBody(), apiError.status);
  });
  return app;
}

