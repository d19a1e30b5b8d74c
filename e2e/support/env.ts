import { randomBytes } from 'node:crypto';

/** Ports and folders of one e2e run. Override them to run several suites at once. */
const appPort = Number(process.env.E2E_PORT ?? 4000);
const asPort = Number(process.env.E2E_AS_PORT ?? 4001);

// The config runs in the runner first, and its workers inherit the environment: one key for the whole run.
process.env.E2E_WORKBENCH_KEY ??= randomBytes(24).toString('base64url');
const accessKey = process.env.E2E_WORKBENCH_KEY;

export const e2eEnv = {
  appPort,
  asPort,
  /** An intranet identity provider's origin, listed in WORKBENCH_METADATA_ALLOW (e2e/metadata-fetch.spec.ts serves it). */
  metadataAllowedOrigin: `http://127.0.0.1:${process.env.E2E_METADATA_PORT ?? appPort + 2}`,
  baseURL: `http://127.0.0.1:${appPort}`,
  issuer: `http://127.0.0.1:${asPort}/`,
  dataDir: process.env.E2E_DATA_DIR ?? `.data/e2e-demo-as-${asPort}`,
  distDir: process.env.WORKBENCH_DIST ?? 'dist',
  /** The companion server's access key for this run, and the cookie that opening `/?key=…` would set. */
  accessKey,
  accessKeyCookie: { name: `workbench_key_${appPort}`, value: accessKey, domain: '127.0.0.1', path: '/', httpOnly: true, secure: false, sameSite: 'Strict' as const, expires: -1 },
};

/** A browser or request context that never opened the key URL. */
export const withoutAccessKey = { storageState: { cookies: [], origins: [] } };
