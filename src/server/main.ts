import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { z } from 'zod';
import { AccessKeySettingError, isLoopbackHost, resolveAccessKey, type AccessKey } from './access-key';
import { createApp } from './app';
import { ConfigError, loadConfigFile } from './config';
import { createUpstream, ownOrigins } from './deps';
import { createHttpServer } from './http-server';
import { demoApiBaseUrl } from './demo-as/demo-api';
import { demoProfiles } from './demo-as/demo-profiles';
import { startDemoAuthorizationServer, type DemoAuthorizationServer } from './demo-as/provider';
import { createRedactingLogger } from './logger';
import { parseMetadataAllow } from './metadata/public-metadata';
import { createUpstreamHttp } from './oauth/upstream-http';

const port = z.coerce.number().int().min(0).max(65_535);
const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DEMO_AS: z.enum(['on', 'off']).default('on'),
  DEMO_AS_PORT: port.default(4001),
  DEMO_AS_DATA_DIR: z.string().default('.data/demo-as'),
  WORKBENCH_DIST: z.string().default('dist'),
  WORKBENCH_ORIGINS: z.string().default(''),
  WORKBENCH_METADATA_ALLOW: z.string().default(''),
  WORKBENCH_DEV: z.enum(['0', '1']).default('0'),
  LOG_REQUESTS: z.enum(['0', '1']).default('1'),
  WORKBENCH_KEY: z.string().optional(),
});

function fail(message: string): never {
  console.error(`Token Workbench could not start: ${message}`);
  process.exit(1);
}

async function main() {
  const envResult = envSchema.safeParse(process.env);
  if (!envResult.success) fail(envResult.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const env = envResult.data;

  let config;
  try {
    config = await loadConfigFile(process.env, process.cwd());
  } catch (err) {
    fail(err instanceof ConfigError ? err.message : `config: ${(err as Error).message}`);
  }

  let accessKey: AccessKey | null;
  try {
    accessKey = resolveAccessKey(env.WORKBENCH_KEY, env.HOST, env.PORT);
  } catch (err) {
    fail(err instanceof AccessKeySettingError ? err.message : String(err));
  }

  let metadataAllow: string[];
  try {
    metadataAllow = parseMetadataAllow(env.WORKBENCH_METADATA_ALLOW);
  } catch (err) {
    fail((err as Error).message);
  }

  const extraOrigins = env.WORKBENCH_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean);
  if (env.WORKBENCH_DEV === '1') extraOrigins.push('http://127.0.0.1:5173', 'http://localhost:5173');
  const own = ownOrigins(env.HOST, env.PORT, extraOrigins);
  const displayHost = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const appUrl = `http://${displayHost === '0.0.0.0' ? '127.0.0.1' : displayHost}:${env.PORT}`;

  let demo: DemoAuthorizationServer | undefined;
  if (env.DEMO_AS === 'on') {
    try {
      demo = await startDemoAuthorizationServer({
        host: '127.0.0.1',
        port: env.DEMO_AS_PORT,
        appOrigins: own.allowedOrigins,
        dataDir: resolve(env.DEMO_AS_DATA_DIR),
        logSecrets: accessKey ? [...config.secrets, accessKey.key] : config.secrets,
      });
    } catch (err) {
      fail(`demo authorization server on port ${env.DEMO_AS_PORT}: ${(err as Error).message}`);
    }
    const taken = new Set(config.profiles.map((p) => p.id));
    const added = demoProfiles(demo.issuer, demo.keys, config.upstreamTimeoutMs).filter((p) => !taken.has(p.id));
    config.profiles.push(...added);
    config.secrets.push(demo.keys.demoM2mSecret, demo.keys.demoWebSecret, demo.keys.demoRsKey.d);
  }

  const logger = createRedactingLogger(accessKey ? [...config.secrets, accessKey.key] : config.secrets);
  const distDir = resolve(env.WORKBENCH_DIST);
  if (!existsSync(resolve(distDir, 'index.html'))) {
    console.warn(`No built app in ${distDir}: serving the API only. Run \`npm run build\` (npm start does it for you).`);
  }
  const app = createApp({
    config,
    logger: env.LOG_REQUESTS === '1' ? logger : { ...logger, info: () => {} },
    allowedOrigins: own.allowedOrigins,
    allowedHosts: own.allowedHosts,
    distDir: existsSync(resolve(distDir, 'index.html')) ? distDir : null,
    accessKey,
    upstream: createUpstream(config, createUpstreamHttp()),
    metadata: { allowOrigins: metadataAllow },
  });

  const server = await new Promise<Server>((resolveListen, reject) => {
    const s = createHttpServer(app.fetch, env.HOST);
    s.once('error', reject);
    s.listen(env.PORT, env.HOST, () => resolveListen(s));
  }).catch((err: Error) => fail(`port ${env.PORT}: ${err.message}`));

  // The one line that carries the key: open it once, and the key moves into an HttpOnly cookie.
  console.info(`Token Workbench            ${appUrl}/${accessKey ? `?key=${accessKey.key}` : ''}`);
  if (!accessKey) console.info('Access key                 off (WORKBENCH_KEY=off, loopback only): any local process can use /api');
  if (!isLoopbackHost(env.HOST)) {
    console.warn(
      `Warning: listening on ${env.HOST}, not loopback. Anyone who can reach port ${env.PORT} can load the app; /api, and with it the configured client credentials, still needs the access key. Share it only with people allowed to use those credentials.`,
    );
  }
  if (demo) console.info(`Demo authorization server  ${demo.issuer}  (users: alice, bob)`);
  if (demo) console.info(`Demo tenant APIs           ${demo.issuer}api/v2/ (Management API), ${demoApiBaseUrl(demo.issuer)} (https://api.demo.test/)`);
  else console.info('Demo authorization server  off (DEMO_AS=off)');
  console.info(`Profiles                   ${config.profiles.map((p) => p.id).join(', ') || '(none)'}`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(0), 5_000);
    force.unref();
    server.close(() => {
      void (demo?.close() ?? Promise.resolve()).then(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
