import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config';
import type { ResolvedProfile } from '../config';
import { createRedactingLogger } from '../logger';
import { startDemoTenant, startFaultServer, testApp } from '../oauth/upstream-stubs';

/**
 * Secret leak: with a canary client secret and a canary private key configured, every route, on its success and
 * failure paths (including an AS that quotes the request back), must keep both out of every response and log line.
 */
const canarySecret = 'CANARY-secret-7f3c9a1e-do-not-leak';
let tenant: Awaited<ReturnType<typeof startDemoTenant>>;
let faults: Awaited<ReturnType<typeof startFaultServer>>;
let keyDir: string;
let canaryNeedles: string[];
let profiles: ResolvedProfile[];
let secrets: string[];

beforeAll(async () => {
  tenant = await startDemoTenant();
  faults = await startFaultServer();
  keyDir = mkdtempSync(join(tmpdir(), 'tw-canary-key-'));
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const pem = await exportPKCS8(privateKey);
  writeFileSync(join(keyDir, 'canary.pem'), pem);
  const d = (await exportJWK(privateKey)).d ?? '';
  const pemBody = pem.split('\n').filter((line) => line && !line.startsWith('-----'));
  canaryNeedles = [canarySecret, d, ...pemBody];
  const issuer = tenant.as.issuer;
  const config = await resolveConfig(
    {
      profiles: [
        { id: 'canary-basic', issuer, clientId: 'demo-m2m', clientAuthMethod: 'client_secret_basic', clientSecret: '${CANARY_SECRET}' },
        { id: 'canary-post', issuer, clientId: 'demo-web', clientAuthMethod: 'client_secret_post', clientSecret: '${CANARY_SECRET}' },
        { id: 'canary-jwt', issuer, clientId: 'demo-rs', clientAuthMethod: 'private_key_jwt', privateKeyFile: 'canary.pem' },
        { id: 'echo-basic', issuer: faults.issuer('echo'), clientId: 'c', clientAuthMethod: 'client_secret_basic', clientSecret: '${CANARY_SECRET}' },
        { id: 'echo-post', issuer: faults.issuer('echo'), clientId: 'c', clientAuthMethod: 'client_secret_post', clientSecret: '${CANARY_SECRET}' },
        { id: 'echo-jwt', issuer: faults.issuer('echo'), clientId: 'c', clientAuthMethod: 'private_key_jwt', privateKeyFile: 'canary.pem' },
        { id: 'garbage', issuer: faults.issuer('garbage'), clientId: 'c', clientAuthMethod: 'client_secret_basic', clientSecret: '${CANARY_SECRET}' },
        { id: 'down', issuer: 'http://127.0.0.1:9/', clientId: 'c', clientAuthMethod: 'private_key_jwt', privateKeyFile: 'canary.pem', timeoutMs: 500 },
      ],
    },
    { env: { CANARY_SECRET: canarySecret }, baseDir: keyDir, source: 'canary.json' },
  );
  profiles = [...config.profiles, ...tenant.profiles];
  secrets = config.secrets;
});
afterAll(async () => {
  await Promise.all([tenant.stop(), faults.stop()]);
  rmSync(keyDir, { recursive: true, force: true });
});

describe('canary secrets', () => {
  it('appear in no response and no log line, on any route, success or failure', async () => {
    const lines: string[] = [];
    const sink = { info: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const app = testApp(profiles, { logger: createRedactingLogger(secrets, sink), secrets });
    const texts: string[] = [];
    const record = async (res: Response) => {
      texts.push(`${res.status} ${JSON.stringify(Object.fromEntries(res.headers))} ${await res.text()}`);
    };
    const opaque = ((await (await app.post('/api/token', { profile: 'demo' })).json()) as { access_token: string }).access_token;
    for (const profile of profiles.map((p) => p.id)) {
      await record(await app.post('/api/introspect', { profile, token: opaque }));
      await record(await app.post('/api/token', { profile, audience: 'https://api.demo.test/' }));
      await record(await app.post('/api/revoke', { profile, token: 'not-a-token' }));
      await record(await app.post('/api/userinfo', { profile, access_token: opaque }));
      await record(await app.get(`/api/discovery?profile=${profile}`));
      await record(await app.get(`/api/jwks?profile=${profile}`));
    }
    await record(await app.get('/api/profiles'));
    await record(await app.post('/api/introspect', { profile: 'canary-basic' }));

    // The canaries really were used: the AS refused them, and the echoing AS quoted them (scrubbed).
    const all = texts.join('\n');
    expect(all).toContain('invalid_client');
    expect(all).toContain('[redacted]');
    for (const needle of canaryNeedles) {
      expect(all.includes(needle), `a response contains canary ${needle.slice(0, 12)}…`).toBe(false);
      expect(lines.join('\n').includes(needle), `a log line contains canary ${needle.slice(0, 12)}…`).toBe(false);
    }
    // Nothing even tried to log a secret: the redaction never fired.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('[redacted]');
  });
});
