import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { loadOrCreateDemoKeys, toPublicJwk, type DemoKeys } from './keys';
import { renderLoginPage } from './login-page';
import {
  clientGrantScopes,
  demoApiIdentifier,
  demoApiScopes,
  demoClientIds,
  demoUsers,
  findDemoUserBySub,
  managementApiAudience,
  userContextScopes,
} from './tenant';
import { splitScope } from '../../lib/oauth/scope';
import { rewriteTokenRequest } from './token-request';

export interface DemoAuthorizationServerOptions {
  host: string;
  port: number;
  /** Where the app runs: demo-spa and demo-web redirect to `${origin}/callback`. */
  appOrigins: readonly string[];
  dataDir: string;
}

export interface DemoAuthorizationServer {
  issuer: string;
  keys: DemoKeys;
  server: Server;
  close(): Promise<void>;
}

const oneDay = 24 * 60 * 60;
const oidcScopeNames = new Set(['openid', 'profile', 'email', 'offline_access']);

function isUserBound(ctx: KoaContextWithOIDC): boolean {
  return !(ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials');
}

/** oidc-provider configured to behave like an Auth0 tenant (audience, opaque tokens, user-context scopes, gty). */
export function buildProviderConfiguration(issuer: string, keys: DemoKeys, appOrigins: readonly string[]): Configuration {
  const mgmtAudience = managementApiAudience(issuer);
  const redirectUris = appOrigins.map((o) => `${o}/callback`);
  const formPostUris = appOrigins.map((o) => `${o}/api/callback/form-post`);
  return {
    clients: [
      {
        client_id: demoClientIds.spa,
        client_name: 'Demo SPA',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'implicit', 'refresh_token'],
        response_types: ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'],
        redirect_uris: [...redirectUris, ...formPostUris],
      },
      {
        client_id: demoClientIds.web,
        client_name: 'Demo regular web app',
        client_secret: keys.demoWebSecret,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...redirectUris, ...formPostUris],
      },
      {
        client_id: demoClientIds.m2m,
        client_name: 'Demo machine-to-machine app',
        client_secret: keys.demoM2mSecret,
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
      {
        client_id: demoClientIds.rs,
        client_name: 'Demo resource server (introspects)',
        token_endpoint_auth_method: 'private_key_jwt',
        token_endpoint_auth_signing_alg: 'ES256',
        jwks: { keys: [toPublicJwk(keys.demoRsKey) as never] },
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [keys.signingKey as never] },
    cookies: { keys: keys.cookieKeys },
    claims: {
      openid: ['sub'],
      profile: ['name', 'nickname', 'updated_at'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    extraParams: ['audience', 'organization', 'invitation', 'connection'],
    routes: {
      authorization: '/authorize',
      token: '/oauth/token',
      userinfo: '/userinfo',
      introspection: '/oauth/introspect',
      revocation: '/oauth/revoke',
      jwks: '/.well-known/jwks.json',
      end_session: '/oidc/logout',
    },
    responseTypes: ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, client) => client.clientAuthMethod !== 'none',
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx) => {
          const audience = ctx.oidc.params?.audience;
          return typeof audience === 'string' && audience ? audience : undefined;
        },
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource, client) => {
          if (resource !== demoApiIdentifier && resource !== mgmtAudience) {
            throw new errors.InvalidTarget(`Service not found: ${resource}`);
          }
          let scopes: readonly string[];
          if (isUserBound(ctx)) {
            // Auth0 grants users only the *:current_user* scopes of the Management API, and drops the rest without an error.
            scopes = resource === mgmtAudience ? userContextScopes : demoApiScopes;
          } else {
            scopes = clientGrantScopes(client.clientId, resource, issuer);
            if (scopes.length === 0) {
              throw new errors.InvalidTarget(`Client "${client.clientId}" is not authorized to access "${resource}": it has no client grant for it`);
            }
          }
          return {
            scope: scopes.join(' '),
            audience: resource,
            accessTokenTTL: oneDay,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    formats: {
      // Auth0's opaque access tokens are 32 characters: 192 bits of base64url.
      bitsOfOpaqueRandomness: 192,
      customizers: {
        jwt: (ctx, token, jwt) => {
          const payload = jwt.payload as Record<string, unknown>;
          const clientId = payload.client_id as string | undefined;
          delete payload.client_id;
          payload.azp = clientId;
          if (token.kind === 'ClientCredentials') {
            payload.sub = `${clientId}@clients`;
            payload.gty = 'client-credentials';
            return;
          }
          const user = findDemoUserBySub(String(payload.sub));
          const apiScopes = typeof payload.scope === 'string' ? splitScope(payload.scope) : [];
          // Auth0 repeats the granted OIDC scopes in a user access token's `scope`; oidc-provider keeps only the API's.
          const exchanged = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
          const oidcScopes = splitScope(exchanged?.scope ?? ctx.oidc.params?.scope?.toString()).filter((s) => oidcScopeNames.has(s));
          const scopes = [...oidcScopes, ...apiScopes.filter((s) => !oidcScopeNames.has(s))];
          if (scopes.length) payload.scope = scopes.join(' ');
          if (payload.aud === demoApiIdentifier) {
            // RBAC with "Add Permissions in the Access Token".
            payload.permissions = (user?.permissions ?? []).filter((p) => scopes.includes(p));
          }
          if (scopes.includes('openid')) payload.aud = [String(payload.aud), new URL('userinfo', issuer).href];
        },
      },
    },
    ttl: {
      AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? oneDay,
      ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? oneDay,
      AuthorizationCode: 60,
      IdToken: 36_000,
      Interaction: 3_600,
      Session: 14 * oneDay,
      Grant: 14 * oneDay,
      RefreshToken: 30 * oneDay,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = findDemoUserBySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => ({
          sub: user.sub,
          name: user.name,
          nickname: user.id,
          email: user.email,
          email_verified: true,
          updated_at: 1_767_225_600,
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      const text = Object.entries(out)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n')
        .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Demo tenant error</title><h1>Demo tenant error</h1><pre>${text}</pre>`;
    },
  };
}

async function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request carrying `body` in place of the consumed stream, for oidc-provider, which reads the raw stream itself. */
function withBody(req: IncomingMessage, body: string): IncomingMessage {
  const stream = Readable.from([Buffer.from(body, 'utf8')]);
  return Object.assign(stream, {
    method: req.method,
    url: req.url,
    httpVersion: req.httpVersion,
    httpVersionMajor: req.httpVersionMajor,
    httpVersionMinor: req.httpVersionMinor,
    socket: req.socket,
    connection: req.socket,
    headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) },
    rawHeaders: req.rawHeaders,
  }) as unknown as IncomingMessage;
}

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  const [, , uid, action] = path.split('/');
  if (uid !== details.uid) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('This login page does not belong to the current login. Start again from the app.');
    return;
  }

  if (req.method === 'POST' && action === 'abort') {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the login' }, { mergeWithLastSubmission: false });
    return;
  }
  if (req.method === 'POST' && action === 'login') {
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const user = demoUsers.find((u) => u.id === form.get('user'));
    if (!user) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Unknown demo user');
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === 'login') {
    const audience = typeof params.audience === 'string' ? params.audience : undefined;
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'",
        'cache-control': 'no-store',
      })
      .end(renderLoginPage({ uid: details.uid, clientId: String(params.client_id), scope: String(params.scope ?? ''), audience }));
    return;
  }
  if (prompt.name === 'consent') {
    // First-party apps skip consent at Auth0: grant what the user's RBAC permissions allow, reject the rest.
    const accountId = session?.accountId ?? '';
    const user = findDemoUserBySub(accountId);
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(params.client_id) });
    if (!grant) throw new Error('grant not found');
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
      const allowed = resource === demoApiIdentifier ? scopes.filter((s) => user?.permissions.includes(s)) : scopes;
      const denied = scopes.filter((s) => !allowed.includes(s));
      if (allowed.length) grant.addResourceScope(resource, allowed.join(' '));
      if (denied.length) grant.rejectResourceScope(resource, denied.join(' '));
    }
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { 'content-type': 'text/plain' }).end(`Unsupported prompt ${prompt.name}`);
}

/**
 * oidc-provider insists on https redirect URIs for web clients that may use the implicit flow. The demo tenant
 * runs on loopback over http, and keeps implicit for teaching, so those two checks (and only those) are waived:
 * oidc-provider's documented hook for this is Client.Schema.prototype.invalidate, filtered by its code.
 */
function allowLoopbackImplicitRedirects(provider: Provider) {
  const schema = (provider.Client as unknown as { Schema: { prototype: { invalidate(message: string, code?: string): void } } }).Schema;
  const original = schema.prototype.invalidate;
  schema.prototype.invalidate = function invalidate(message: string, code?: string) {
    if (code === 'implicit-force-https' || code === 'implicit-forbid-localhost') return;
    original.call(this, message, code);
  };
}

/**
 * The demo AS's request handler: our login pages, the Auth0 token-request rewrite, then oidc-provider.
 * Nothing a client sends may throw out of it: this process also runs the companion server.
 */
export function demoRequestHandler(provider: Provider, issuer: string) {
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
        handleInteraction(provider, req, res, path).catch(failed);
        return;
      }
      if (req.method === 'POST' && path === '/oauth/token') {
        readBody(req)
          .then((buf) => {
            const rewritten = rewriteTokenRequest(buf.toString('utf8'), req.headers['content-type'], req.headers.authorization, issuer);
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

/** Starts the embedded demo authorization server (an oidc-provider that behaves like an Auth0 tenant). */
export async function startDemoAuthorizationServer(options: DemoAuthorizationServerOptions): Promise<DemoAuthorizationServer> {
  const keys = await loadOrCreateDemoKeys(options.dataDir);
  const issuer = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}/`;
  const provider = new Provider(issuer, buildProviderConfiguration(issuer, keys, options.appOrigins));
  allowLoopbackImplicitRedirects(provider);
  provider.on('server_error', (_ctx, err) => console.error(`demo AS: server error: ${err.message}`));

  const server = createServer(demoRequestHandler(provider, issuer));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  if (actualPort !== options.port) throw new Error('demo AS: port mismatch');
  return {
    issuer,
    keys,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
