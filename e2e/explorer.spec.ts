import { expect, test, type Page } from '@playwright/test';
import { clientCredentialsToken, demoApi, managementApi, userTokensFromApp } from './support/demo-tenant';

/** The API explorer against the real demo tenant: its Management API emulation and its appointments API, through POST /api/call. */

const response = (page: Page) => page.getByRole('region', { name: 'Response' });
const why = (page: Page) => response(page).getByRole('region', { name: 'Why' });
const send = (page: Page) => page.getByRole('button', { name: 'Send request' }).click();
const statusLine = (page: Page, status: number) => response(page).locator(`[data-status="${status}"]`);

async function openEndpoint(page: Page, endpoint: string) {
  await page.goto(`/explorer?endpoint=${encodeURIComponent(endpoint)}`);
  await expect(page.getByRole('combobox', { name: 'Endpoint' })).toHaveValue(endpoint);
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
}

/** Leaves /callback for the explorer by the tool navigation: a client-side move, so the tokens of this tab stay in memory. */
async function toExplorer(page: Page) {
  await page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'API explorer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API explorer' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
}

async function pickEndpoint(page: Page, endpoint: string) {
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill(endpoint);
  await page.getByRole('combobox', { name: 'Endpoint' }).selectOption(endpoint);
}

async function useTabToken(page: Page, label: RegExp) {
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('tab');
  const select = page.getByRole('combobox', { name: 'Token', exact: true });
  const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

async function pasteToken(page: Page, token: string) {
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('paste');
  await page.getByRole('textbox', { name: 'Bearer token' }).fill(token);
}

test('GET /api/v2/users with the demo profile’s least-privilege token: 200 with the demo users', async ({ page }) => {
  await openEndpoint(page, 'GET /api/v2/users');
  await expect(page.getByRole('combobox', { name: 'Authorize with' })).toHaveValue('mint');
  await expect(page.locator('.explorer-mint-scope')).toHaveText('read:users');
  await expect(page.getByText('Check before sending').locator('..')).toContainText('Passes');
  await send(page);
  await expect(statusLine(page, 200)).toContainText(/200 OK\s*in \d+ ms/);
  const body = response(page).getByLabel('Response body');
  await expect(body).toContainText('alice@demo.test');
  await expect(body).toContainText('bob@demo.test');
  await expect(response(page)).toContainText(/\d+ of \d+ left, resets/);
  // The history keeps the call for this tab.
  await expect(page.getByRole('button', { name: 'GET /api/v2/users' })).toBeVisible();
});

test('a pasted token without read:clients gets 403, explained; "Mint a token with these scopes and retry" gets 200', async ({ page, request }) => {
  const token = await clientCredentialsToken(request, managementApi, 'read:users');
  await openEndpoint(page, 'GET /api/v2/clients');
  await pasteToken(page, token);
  await expect(page.getByText('Check before sending').locator('..')).toContainText('Fails');
  await send(page);
  await expect(statusLine(page, 403)).toBeVisible();
  await expect(why(page)).toContainText('read:clients');
  await expect(why(page)).toContainText('Insufficient scope');
  // Copy as curl never carries the token.
  await page.getByText('Show the curl command').click();
  await expect(page.getByLabel('curl command')).toContainText('Authorization: Bearer $TOKEN');
  await expect(page.getByLabel('curl command')).not.toContainText(token);

  await why(page).getByRole('button', { name: 'Mint a token with these scopes and retry' }).click();
  await expect(statusLine(page, 200)).toBeVisible();
  await expect(response(page).getByLabel('Response body')).toContainText('demo-m2m');
  await expect(response(page)).toContainText('a token minted by demo');
});

test('alice’s SPA token for the Management API: her own user_metadata 200, her email 403, bob 403; her ID token 401', async ({ page }) => {
  await userTokensFromApp(page, 'alice', { audience: managementApi, scope: 'openid profile read:current_user update:current_user_metadata' });
  await toExplorer(page);
  await pickEndpoint(page, 'PATCH /api/v2/users/{id}');
  await useTabToken(page, /^Access token from the authorize flow/);
  const id = page.getByRole('textbox', { name: 'id', exact: true });
  const body = page.getByRole('textbox', { name: 'Body (JSON)' });

  await id.fill('auth0|alice');
  await body.fill('{"user_metadata":{"theme":"dark"}}');
  await send(page);
  await expect(statusLine(page, 200)).toBeVisible();
  await expect(response(page).getByLabel('Response body')).toContainText('"theme": "dark"');

  await body.fill('{"email":"alice@elsewhere.test"}');
  await send(page);
  await expect(statusLine(page, 403)).toBeVisible();
  // update:current_user_metadata covers user_metadata only; the email takes update:users, which a user token never carries.
  await expect(why(page)).toHaveAttribute('data-code', 'OWN_USER_ONLY');
  await expect(why(page)).toContainText('update:current_user_metadata');

  await id.fill('auth0|bob');
  await body.fill('{"user_metadata":{"theme":"dark"}}');
  await send(page);
  await expect(statusLine(page, 403)).toBeVisible();
  await expect(why(page)).toHaveAttribute('data-code', 'OWN_USER_ONLY');

  // The ID token is for the SPA, not for an API.
  await pickEndpoint(page, 'GET /api/v2/users');
  await useTabToken(page, /^ID token from the authorize flow/);
  // Before sending: one verdict, that it is an ID token; its audience (a client id) and scopes are beside the point.
  const check = page.getByRole('region', { name: 'Check before sending' });
  const causes = check.getByRole('list').first().getByRole('listitem');
  await expect(causes).toHaveCount(1);
  await expect(causes).toContainText('This is an ID token, not an access token');
  await send(page);
  await expect(statusLine(page, 401)).toBeVisible();
  await expect(why(page)).toHaveAttribute('data-code', 'ID_TOKEN');
  await expect(why(page)).toContainText('ID token');
  // Clicking a call of the history puts it back into the form.
  await page.getByRole('button', { name: 'PATCH /api/v2/users/auth0|alice' }).first().click();
  await expect(page.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('PATCH /api/v2/users/{id}');
});

test('an opaque token gets the 400, explained', async ({ page, request }) => {
  const opaque = await clientCredentialsToken(request, null);
  expect(opaque).not.toContain('.');
  await openEndpoint(page, 'GET /api/v2/users');
  await pasteToken(page, opaque);
  await send(page);
  await expect(statusLine(page, 400)).toBeVisible();
  await expect(why(page)).toHaveAttribute('data-code', 'OPAQUE_TOKEN');
  await expect(why(page)).toContainText('audience');
});

test('create an API and a client grant for it through the explorer, then mint a token with the grant', async ({ page }) => {
  const identifier = `https://e2e-${Date.now()}.test/`;
  await openEndpoint(page, 'POST /api/v2/resource-servers');
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill(JSON.stringify({ identifier, name: 'E2E API', scopes: [{ value: 'read:things', description: 'Read things' }] }));
  await send(page);
  await expect(statusLine(page, 201)).toBeVisible();

  await pickEndpoint(page, 'POST /api/v2/client-grants');
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill(JSON.stringify({ client_id: 'demo-m2m', audience: identifier, scope: ['read:things'] }));
  await send(page);
  await expect(statusLine(page, 201)).toBeVisible();
  await response(page).getByRole('button', { name: 'Mint a token for this grant' }).click();
  const minted = response(page).getByTestId('grant-token');
  await expect(minted).toContainText(identifier);
  await expect(minted).toContainText('read:things');
});

test('bob’s token, POST /appointments on the demo API: 403 insufficient_scope, explained', async ({ page }) => {
  await userTokensFromApp(page, 'bob', { audience: demoApi, scope: 'openid read:appointments write:appointments' });
  await toExplorer(page);
  await page.getByRole('combobox', { name: 'Which API' }).selectOption(demoApi);
  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await page.getByRole('textbox', { name: 'Path' }).fill('/appointments');
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill('{"patient":"Bob","at":"2026-05-01T09:00:00Z"}');
  await useTabToken(page, /^Access token from the authorize flow/);
  await send(page);
  await expect(statusLine(page, 403)).toBeVisible();
  await expect(why(page)).toHaveAttribute('data-code', 'MISSING_SCOPE');
  await expect(why(page)).toContainText('write:appointments');
  await expect(response(page).getByText('www-authenticate', { exact: true })).toBeAttached();
});

test('the scope picker’s "Try it" opens the endpoint in the explorer', async ({ page }) => {
  await page.goto('/scopes');
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('GET /api/v2/users');
  const row = page.locator('.endpoint-row').filter({ has: page.getByRole('checkbox', { name: 'GET /api/v2/users', exact: true }) });
  await row.getByRole('link', { name: 'Try it' }).click();
  await expect(page).toHaveURL(/\/explorer\?endpoint=GET%20%2Fapi%2Fv2%2Fusers$/);
  await expect(page.getByRole('combobox', { name: 'Endpoint' })).toHaveValue('GET /api/v2/users');
});

test('the explorer fits 360 px after a 403 explained', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openEndpoint(page, 'GET /api/v2/clients');
  await pasteToken(page, await clientCredentialsToken(request, managementApi, 'read:users'));
  await send(page);
  await expect(why(page)).toBeVisible();
  await response(page).getByText(/^Headers/).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('PATCH /api/v2/users/{id}: the minted scope follows the body, update:users_app_metadata only for an app_metadata-only body', async ({ page }) => {
  await openEndpoint(page, 'PATCH /api/v2/users/{id}');
  await expect(page.getByRole('combobox', { name: 'Authorize with' })).toHaveValue('mint');
  await page.getByRole('textbox', { name: 'id', exact: true }).fill('auth0|bob');
  const body = page.getByRole('textbox', { name: 'Body (JSON)' });
  const mintScope = page.locator('.explorer-mint-scope');

  await body.fill('{"app_metadata":{"plan":"gold"}}');
  await expect(mintScope).toHaveText('update:users_app_metadata');
  await send(page);
  await expect(statusLine(page, 200)).toBeVisible();

  // Another field: the narrow scope would get a 403, so the explorer mints the one that takes any body.
  await body.fill('{"app_metadata":{"plan":"gold"},"nickname":"bobby"}');
  await expect(mintScope).toHaveText('update:users');
  await send(page);
  await expect(statusLine(page, 200)).toBeVisible();
  await expect(response(page).getByLabel('Response body')).toContainText('"nickname": "bobby"');
});
