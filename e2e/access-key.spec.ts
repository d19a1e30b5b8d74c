import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { e2eEnv, withoutAccessKey } from './support/env';

/**
 * The companion server's access key (issue 14 §1): whoever reaches the port still needs the key to spend the
 * configured credentials. The other suites run with the key's cookie, as if they had opened the printed URL.
 */

/** Runs the real entry file with `env`, and resolves with what it printed once `until` matches or it exits. */
function runServer(env: Record<string, string>, until: RegExp): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not npx: a signal to npx would not reach the server it starts.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DEMO_AS: 'off', DEMO_AS_PORT: String(e2eEnv.asPort), WORKBENCH_CONFIG: 'e2e/fixtures/workbench.e2e.json', LOG_REQUESTS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${until} within 20 s: ${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ output, code });
    });
  });
}

test.describe('without the key', () => {
  test.use(withoutAccessKey);

  test('/api answers 401 unauthenticated as JSON; health and the app itself stay open', async ({ request }) => {
    for (const path of ['/api/profiles', '/api/jwks?profile=demo', '/api/no-such-route']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('?key=') } });
    }
    const minted = await request.post('/api/token', { data: { profile: 'demo' }, headers: { origin: e2eEnv.baseURL } });
    expect(minted.status()).toBe(401);
    expect((await request.get('/api/health')).status()).toBe(200);
    expect((await request.get('/debugger')).status()).toBe(200);
  });

  test('scripts send the X-Workbench-Key header; a wrong key is refused', async ({ request }) => {
    const ok = await request.get('/api/profiles', { headers: { 'X-Workbench-Key': e2eEnv.accessKey } });
    expect(ok.status()).toBe(200);
    expect(((await ok.json()) as { profiles: unknown[] }).profiles.length).toBeGreaterThan(0);
    const wrong = await request.get('/api/profiles', { headers: { 'X-Workbench-Key': `${e2eEnv.accessKey}x` } });
    expect(wrong.status()).toBe(401);
  });

  test('a tool that needs the server says how to open the app with the key; decoding still works', async ({ page }) => {
    await page.goto('/introspect');
    const notice = page.getByRole('alert').filter({ hasText: 'The companion server needs its access key' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText(`${e2eEnv.baseURL}/?key=`);
    await expect(notice).toContainText('X-Workbench-Key');
    await page.goto('/debugger');
    await page.getByRole('textbox', { name: 'Encoded token' }).fill('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.sig');
    await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "alice"');
  });

  test('opening the printed URL sets an HttpOnly cookie and strips the key from the address bar and history', async ({ page, context }) => {
    await page.goto(`/introspect?key=${encodeURIComponent(e2eEnv.accessKey)}`);
    await expect(page).toHaveURL(`${e2eEnv.baseURL}/introspect`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const cookies = await context.cookies(e2eEnv.baseURL);
    const cookie = cookies.find((c) => c.name === `workbench_key_${e2eEnv.appPort}`);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    // Script in the page can neither read the key nor find it in the history entry.
    const seen = await page.evaluate(() => ({ cookie: document.cookie, href: location.href, length: history.length }));
    expect(seen.cookie).not.toContain(e2eEnv.accessKey);
    expect(seen.href).not.toContain('key=');
    const answer = await page.evaluate(async () => (await fetch('/api/profiles')).status);
    expect(answer).toBe(200);
  });
});

test('WORKBENCH_KEY=off is refused with a clear message when HOST is not loopback', async () => {
  const { output, code } = await runServer({ HOST: '0.0.0.0', PORT: '0', WORKBENCH_KEY: 'off' }, /could not start/);
  expect(code).not.toBe(0);
  expect(output).toContain('WORKBENCH_KEY=off is refused when HOST is 0.0.0.0');
});

test('npm start prints the app URL with the key, and logs the key nowhere else', async () => {
  const key = 'printed-key-for-the-startup-line-test';
  const port = String(e2eEnv.appPort + 50);
  const { output } = await runServer({ HOST: '127.0.0.1', PORT: port, WORKBENCH_KEY: key, LOG_REQUESTS: '1' }, /Profiles/);
  expect(output).toContain(`http://127.0.0.1:${port}/?key=${key}`);
  expect(output.split(key).length - 1).toBe(1);
});
