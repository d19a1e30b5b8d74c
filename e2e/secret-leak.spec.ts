import { spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { e2eEnv } from './support/env';

/**
 * Secret leak: the e2e config holds a canary client secret (profile canary-secret) and a canary private key
 * (canary-key). Every route and UI flow is exercised with them; the canaries must appear in no response,
 * no page, no log line of the server, and no file of the built app.
 */
const fixture = JSON.parse(readFileSync('e2e/fixtures/workbench.e2e.json', 'utf8')) as { profiles: { id: string; clientSecret?: string }[] };
const canarySecret = fixture.profiles.find((p) => p.id === 'canary-secret')?.clientSecret ?? '';
const canaryPem = readFileSync('e2e/fixtures/canary-private-key.pem', 'utf8');
const canaryD = (createPrivateKey(canaryPem).export({ format: 'jwk' }) as { d: string }).d;
const canaries = [canarySecret, canaryD, ...canaryPem.split('\n').filter((line) => line && !line.startsWith('-----'))];
const profileIds = ['canary-secret', 'canary-key', 'demo', 'demo-rs', 'as-stopped'];

function expectNoCanary(text: string, where: string) {
  for (const canary of canaries) expect(text.includes(canary), `${where} contains a canary (${canary.slice(0, 8)}…)`).toBe(false);
}

test('the canaries are real and non-trivial', () => {
  expect(canarySecret).toMatch(/^CANARY-/);
  expect(canaryD.length).toBeGreaterThan(20);
  expect(canaries.length).toBeGreaterThan(3);
});

/** Every route, for every profile, successes and failures alike. */
async function exerciseApi(call: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<string>): Promise<string[]> {
  const texts: string[] = [];
  for (const profile of profileIds) {
    texts.push(await call('POST', '/api/token', { profile }));
    texts.push(await call('POST', '/api/token', { profile, audience: 'https://api.demo.test/', scope: 'read:appointments' }));
    texts.push(await call('POST', '/api/introspect', { profile, token: 'opaque-garbage-token', token_type_hint: 'access_token' }));
    texts.push(await call('POST', '/api/revoke', { profile, token: 'opaque-garbage-token' }));
    texts.push(await call('POST', '/api/userinfo', { profile, access_token: 'opaque-garbage-token' }));
    texts.push(await call('GET', `/api/discovery?profile=${profile}`));
    texts.push(await call('GET', `/api/jwks?profile=${profile}`));
    texts.push(await call('POST', '/api/call', { profile, method: 'GET', path: '/api/v2/clients', mintScope: 'read:clients read:client_keys' }));
    texts.push(await call('POST', '/api/call', { profile, api: 'https://api.demo.test/', method: 'GET', path: '/appointments', mintScope: 'read:appointments' }));
    texts.push(await call('POST', '/api/call', { profile, method: 'GET', path: '/api/v2/users', token: 'opaque-garbage-token' }));
  }
  // The metadata fetch reaches configured issuers unguarded: their answers and their errors alike.
  texts.push(await call('POST', '/api/metadata', { issuer: e2eEnv.issuer }));
  texts.push(await call('POST', '/api/metadata', { jwksUri: `${e2eEnv.issuer}no-such-jwks` }));
  texts.push(await call('GET', '/api/profiles'));
  texts.push(await call('POST', '/api/introspect', { profile: 'canary-secret' }));
  return texts;
}

test('no API response carries a canary, on any route', async ({ request, baseURL }) => {
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = method === 'GET' ? await request.get(path) : await request.post(path, { data: body, headers: { origin: baseURL ?? '' } });
    return `${res.status()} ${JSON.stringify(res.headers())} ${await res.text()}`;
  };
  const texts = await exerciseApi(call);
  // The canary profiles were really used: the demo AS refused the canary credentials.
  expect(texts.join('\n')).toContain('invalid_client');
  expectNoCanary(texts.join('\n'), 'an API response');
});

async function collectResponses(page: Page): Promise<string[]> {
  const bodies: string[] = [];
  page.on('response', (res) => {
    void res.text().then(
      (text) => bodies.push(`${res.url()} ${JSON.stringify(res.headers())} ${text}`),
      () => undefined,
    );
  });
  return bodies;
}

test('no page or network answer carries a canary in any UI flow', async ({ page, request }: { page: Page; request: APIRequestContext }) => {
  const bodies = await collectResponses(page);
  await page.goto('/introspect');
  const profileSelect = page.getByRole('combobox', { name: 'Profile', exact: true });
  await expect(profileSelect.locator('option[value="canary-key"]')).toHaveCount(1);
  const token = page.getByRole('textbox', { name: 'Token', exact: true });
  const jwt = JSON.parse(await (await request.post('/api/token', { data: { profile: 'demo', audience: 'https://api.demo.test/' }, headers: { origin: e2eEnv.baseURL } })).text()) as { access_token: string };

  for (const profile of ['canary-secret', 'canary-key']) {
    for (const value of ['opaque-garbage-token', jwt.access_token]) {
      await token.fill(value);
      await profileSelect.selectOption(profile);
      await page.getByRole('button', { name: 'Introspect' }).click();
      await expect(page.getByRole('region', { name: 'Introspection result' }).getByRole('alert').first()).toContainText('invalid_client');
    }
    await page.getByRole('button', { name: 'Revoke' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'invalid_client' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Userinfo' }).click();
    const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
    await mint.getByRole('combobox', { name: 'Client profile' }).selectOption(profile);
    await mint.getByRole('button', { name: 'Get token' }).click();
    await expect(mint.getByRole('alert')).toContainText('invalid_client');
  }
  // The assertion linter, with the canary profile as context.
  await page.getByRole('textbox', { name: 'Client assertion' }).fill(jwt.access_token);
  await page.getByRole('button', { name: 'Lint assertion' }).click();
  await expect(page.getByRole('list', { name: 'Assertion checks' })).toBeVisible();

  await page.waitForLoadState('networkidle');
  expect(bodies.some((b) => b.includes('/api/introspect'))).toBe(true);
  expectNoCanary(bodies.join('\n'), 'a network response');
  expectNoCanary(await page.content(), 'the page');
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('no file of the built app carries a canary', () => {
  const files = filesUnder(e2eEnv.distDir);
  expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
  for (const file of files) {
    const text = readFileSync(file, 'latin1');
    expectNoCanary(text, file);
    expect(text.includes(e2eEnv.accessKey), `${file} contains the access key`).toBe(false);
  }
});

test('no log line of the server carries a canary', async () => {
  test.setTimeout(60_000);
  // A second server with request logging on, on its own port, using the same config and the running demo AS.
  const port = e2eEnv.appPort + 2;
  const origin = `http://127.0.0.1:${port}`;
  const key = `${e2eEnv.accessKey}-logging-server`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), DEMO_AS: 'off', DEMO_AS_PORT: String(e2eEnv.asPort), WORKBENCH_DIST: e2eEnv.distDir, WORKBENCH_CONFIG: 'e2e/fixtures/workbench.e2e.json', LOG_REQUESTS: '1', WORKBENCH_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  try {
    await expect.poll(async () => fetch(`${origin}/api/health`).then((r) => r.status, () => 0), { timeout: 30_000 }).toBe(200);
    const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
      const headers = { 'x-workbench-key': key };
      const res = await fetch(`${origin}${path}`, method === 'GET' ? { headers } : { method, headers: { ...headers, 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
      return res.text();
    };
    const texts = await exerciseApi(call);
    // The canary profiles were really used, with the key: the demo AS refused the canary credentials.
    expect(texts.join('\n')).toContain('invalid_client');
    expectNoCanary(texts.join('\n'), 'a response of the logging server');
    expect(texts.join('\n')).not.toContain(key);
    await expect.poll(() => output).toContain('POST /api/introspect');
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  expectNoCanary(output, 'the server log');
  // The access key is printed once, in the app URL of the startup line, and on no other line.
  expect(output.split('\n').filter((line) => line.includes(key))).toEqual([expect.stringContaining(`/?key=${key}`)]);
  expect(output).not.toContain('[redacted]');
});
