import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** A real client-credentials token for demo-m2m, straight from the demo authorization server. */
export async function clientCredentialsToken(request: APIRequestContext, audience = demoApi, scope?: string): Promise<string> {
  const form: Record<string, string> = { grant_type: 'client_credentials', audience };
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
