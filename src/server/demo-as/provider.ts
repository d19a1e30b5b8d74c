import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import Provider from 'oidc-provider';
import { createRedactingLogger, type Logger } from '../logger';
import { bearerVerifier } from './bearer-token';
import { demoApi, demoApiPath } from './demo-api';
import { tenantEndpointHooks } from './endpoint-hooks';
import { demoRequestHandler, type MountedResource } from './http-front';
import { managementApi } from './management-api';
import { loadOrCreateDemoKeys, type DemoKeys } from './keys';
import { buildProviderConfiguration } from './provider-config';
import { createDemoTenant, managementApiAudience } from './tenant';
import type { TenantStore } from './tenant-store';
import { registerTokenExchange } from './token-exchange';

export interface DemoAuthorizationServerOptions {
  host: string;
  port: number;
  /** Where the app runs: demo-spa and demo-web redirect to `${origin}/callback`. */
  appOrigins: readonly string[];
  dataDir: string;
  /** Secrets besides the tenant's own that its log lines must never carry (the server's config, the access key). */
  logSecrets?: readonly string[];
  /** Where the redacted lines go. */
  logSink?: Logger;
}

export interface DemoAuthorizationServer {
  issuer: string;
  keys: DemoKeys;
  /** The tenant's clients, grants, APIs and users: token issuance reads it on every request. */
  tenant: TenantStore;
  server: Server;
  close(): Promise<void>;
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


/** The tenant's own secrets: its clients' secrets and every private key's private part. */
const demoSecrets = (keys: DemoKeys): string[] =>
  [keys.demoM2mSecret, keys.demoWebSecret, ...keys.cookieKeys, ...[keys.signingKey, keys.demoRsKey].flatMap((k) => [k.d, k.p, k.q, k.dp, k.dq, k.qi])].filter(
    (s): s is string => typeof s === 'string' && s.length > 0,
  );

/** Starts the embedded demo authorization server (an oidc-provider that behaves like an Auth0 tenant). */
export async function startDemoAuthorizationServer(options: DemoAuthorizationServerOptions): Promise<DemoAuthorizationServer> {
  const keys = await loadOrCreateDemoKeys(options.dataDir);
  const issuer = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}/`;
  const tenant = createDemoTenant({ issuer, keys, appOrigins: options.appOrigins });
  const provider = new Provider(issuer, buildProviderConfiguration(issuer, keys, tenant, options.appOrigins[0]));
  allowLoopbackImplicitRedirects(provider);
  registerTokenExchange(provider, tenant, issuer, keys.signingKey);
  provider.use(tenantEndpointHooks(tenant, issuer, keys.signingKey));
  const logger = createRedactingLogger([...demoSecrets(keys), ...(options.logSecrets ?? [])], options.logSink);
  provider.on('server_error', (_ctx, err) => logger.error(`demo AS: server error: ${err.message}`));

  const verifier = bearerVerifier(issuer, keys.signingKey);
  const resources: MountedResource[] = [
    { prefix: '/api/v2/', handle: getRequestListener(managementApi({ tenant, verifier, audience: managementApiAudience(issuer), logger }).fetch) },
    { prefix: `${demoApiPath}/`, handle: getRequestListener(demoApi(verifier, undefined, logger).fetch) },
  ];
  const server = createServer(demoRequestHandler(provider, issuer, tenant, resources, options.appOrigins[0], logger));
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolveListen());
  });
  const actualPort = (server.address() as AddressInfo).port;
  if (actualPort !== options.port) throw new Error('demo AS: port mismatch');
  return {
    issuer,
    keys,
    tenant,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
