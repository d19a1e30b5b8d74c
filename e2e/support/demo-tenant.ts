import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { APIRequestContext, Page } from '@playwright/test';
import { e2eEnv } from './env';

export const demoApi = 'https://api.demo.test/';
export const managementApi = `${e2eEnv.issuer}api/v2/`;

interface DemoKeysFile {
  demoM2mSecret: string;
}

/** The demo tenant's generated secrets, as the server wrote them at first start (test harness only: never the browser). */
export function demoSecrets(): DemoKeysFile {
  return JSON.parse(readFileSync(join(e2eEnv.dataDir, 'keys.json'), 'utf8')) as DemoKeysFile;
}

/** A real client-credentials token for demo-m2m, straight from the demo authorization server; a null audience gives an opaque token. */
export async function clientCredentialsToken(request: APIRequestContext, audience: string | null = demoApi, scope?: string): Promise<string> {
  const form: Record<string, string> = { grant_type: 'client_credentials' };
  if (audience !== null) form.audience = audience;
  if (scope) form.scope = scope;
  const res = await request.post(`${e2eEnv.issuer}oauth/token`, {
    form,
    headers: { authorization: `Basic ${Buffer.from(`demo-m2m:${demoSecrets().demoM2mSecret}`).toString('base64')}` },
  });
  if (!res.ok()) throw new Error(`client credentials failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** On the demo tenant's login page, picks a demo user. */
export async function signInAs(page: Page, user: 'alice' | 'bob'): Promise<void> {
  await page.getByRole('button', { name: `Sign in as ${user}` }).click();
}

/**
 * Logs a demo user in through the app's own Authorize-URL builder (demo-spa: a public SPA, code + PKCE), exchanges the
 * code, and returns the tokens shown on /callback. The page stays on /callback, so the tab keeps them in memory.
 */
export async function userTokensFromApp(page: Page, user: 'alice' | 'bob', { audience, scope }: { audience: string; scope: string }): Promise<{ accessToken: string; idToken: string }> {
  await page.goto('/authorize');
  await page.getByLabel('Profile', { exact: true }).selectOption('demo-spa');
  await expect(page.getByLabel('Client ID')).toHaveValue('demo-spa');
  await page.getByLabel('Audience').fill(audience);
  await page.getByLabel('Scope', { exact: true }).fill(scope);
  await page.getByRole('button', { name: 'Log in' }).click();
  await signInAs(page, user);
  await page.waitForURL((url) => url.pathname === '/callback');
  await page.getByRole('button', { name: 'Exchange code' }).click();
  const accessToken = await page.getByRole('textbox', { name: 'Access token', exact: true }).inputValue();
  const idToken = await page.getByRole('textbox', { name: 'ID token', exact: true }).inputValue();
  return { accessToken, idToken };
}
