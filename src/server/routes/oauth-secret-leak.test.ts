import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config';
import type { ResolvedProfile } from '../config';
import { createRedactingLogger } from '../logger';
import { fakeAsFetch, startDemoTenant, startFaultServer, stubProfile, testApp } from '../test-support';

/**
 * Secret leak: with a canary client secret and a canary private key configured, every route, on its success and
 * failure paths (including an AS that quotes the request back, in an error or in a success answer), must keep both
 * out of every response and log line, in every encoding the request carried them in.
 */
// `/ + = &` are the characters that form- and percent-encoding change: the encoded forms differ from the raw one.
const canarySecret = 'CANARY/s3cr+t=7f3c&9a1e-do-not-leak';

/** Percent-escapes decoded, run by run; a malformed run is kept as it is. */
function percentDecoded(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** `text` as written, percent-decoded, and every base64 run in it decoded (then percent-decoded): Basic credentials. */
function decodedViews(text: string): string[] {
  const base64Runs = [...text.matchAll(/[A-Za-z0-9+/]{12,}={0,2}/g)].map(([run]) => Buffer.from(run, 'base64').toString('latin1'));
  return [text, percentDecoded(text), ...base64Runs.map(percentDecoded)];
}

function revealsNeedle(text: string, needle: string): boolean {
  return decodedViews(text).some((view) => view.includes(needle));
}
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
        { id: 'echo-ok-basic', issuer: faults.issuer('echo-ok'), clientId: 'c-1', clientAuthMethod: 'client_secret_basic', clientSecret: '${CANARY_SECRET}' },
        { id: 'echo-ok-post', issuer: faults.issuer('echo-ok'), clientId: 'c-1', clientAuthMethod: 'client_secret_post', clientSecret: '${CANARY_SECRET}' },
        { id: 'echo-ok-jwt', issuer: faults.issuer('echo-ok'), clientId: 'c-1', clientAuthMethod: 'private_key_jwt', privateKeyFile: 'canary.pem' },
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
    for (const { id: profile, clientId } of profiles) {
      await record(await app.post('/api/authorize/exchange', { profile, client_id: clientId, code: 'canary-code', redirect_uri: 'http://127.0.0.1:4950/callback' }));
      await record(await app.post('/api/introspect', { profile, token: opaque }));
      await record(await app.post('/api/token', { profile, audience: 'https://api.demo.test/' }));
      await record(await app.post('/api/revoke', { profile, token: 'not-a-token' }));
      await record(await app.post('/api/userinfo', { profile, access_token: opaque }));
      await record(await app.get(`/api/discovery?profile=${profile}`));
      await record(await app.get(`/api/jwks?profile=${profile}`));
    }
    await record(await app.get('/api/profiles'));
    await record(await app.post('/api/introspect', { profile: 'canary-basic' }));

    const all = texts.join('\n');
    for (const needle of canaryNeedles) {
      expect(revealsNeedle(all, needle), `a response contains canary ${needle.slice(0, 12)}…`).toBe(false);
      expect(revealsNeedle(lines.join('\n'), needle), `a log line contains canary ${needle.slice(0, 12)}…`).toBe(false);
    }
    // The canaries really were used: the AS refused them, and the echoing AS quoted them (scrubbed).
    expect(all).toContain('invalid_client');
    expect(all).toContain('[redacted]');
    // The echoing AS's success answers went through, minus the credentials.
    expect(all).toContain('"access_token":"echo {');
    // Nothing even tried to log a secret: the redaction never fired.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('[redacted]');
  });
});

describe('a live client assertion (issue 14 §2)', () => {
  it('never reaches the browser, though the AS echoes it in a 200 answer or an error, raw or encoded', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const key = createPrivateKey({ key: await exportPKCS8(privateKey), format: 'pem' });
    const issuer = 'https://echo-assertion.example/';
    const sent: string[] = [];
    let mode: 'ok' | 'error' = 'ok';
    const as = fakeAsFetch(issuer, async (request) => {
      const assertion = new URLSearchParams(await request.text()).get('client_assertion') ?? '';
      sent.push(assertion);
      const echo = `${assertion} ${encodeURIComponent(assertion)} client_assertion=${assertion} sig ${assertion.split('.')[2] ?? ''}`;
      if (mode === 'error') return Response.json({ error: 'invalid_client', error_description: echo }, { status: 400 });
      return Response.json({ active: true, sub: echo, scope: 'read', client_id: echo, access_token: echo, token_type: 'Bearer', expires_in: 60 });
    });
    const profile = stubProfile(issuer, { id: 'jwt', clientAuthMethod: 'private_key_jwt', clientSecret: undefined, privateKey: { key, alg: 'ES256', kid: 'k1' } });
    const app = testApp([profile], { fetch: as.fetchImpl });
    const texts: string[] = [];
    for (const next of ['ok', 'error'] as const) {
      mode = next;
      texts.push(await (await app.post('/api/introspect', { profile: 'jwt', token: 'opaque-token' })).text());
      texts.push(await (await app.post('/api/token', { profile: 'jwt', scope: `read ${next}` })).text());
    }
    expect(sent.filter(Boolean)).toHaveLength(4);
    const all = texts.join('\n');
    for (const assertion of sent) {
      expect(all).not.toContain(assertion);
      expect(all).not.toContain(assertion.split('.')[2]);
      expect(all).not.toContain(encodeURIComponent(assertion));
    }
    // The answers went through, minus the live credential.
    expect(all).toContain('"active":true');
    expect(all).toContain('[redacted]');
  });
});
