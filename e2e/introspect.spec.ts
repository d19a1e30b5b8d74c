import { expect, test, type Page } from '@playwright/test';
import { clientCredentialsToken, demoApi } from './support/demo-tenant';

/** The introspection panel against the real demo authorization server: nothing is mocked. */

const result = (page: Page) => page.getByRole('region', { name: 'Introspection result' });

async function introspect(page: Page, token: string, profile: string) {
  await page.getByRole('textbox', { name: 'Token', exact: true }).fill(token);
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption(profile);
  await page.getByRole('button', { name: 'Introspect' }).click();
}

test.beforeEach(async ({ page }) => {
  await page.goto('/introspect');
  await expect(page.getByRole('heading', { level: 1, name: 'Introspection' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Profile', exact: true }).locator('option[value="demo-rs"]')).toHaveCount(1);
});

test('mint a client-credentials token for demo-m2m, then introspect the opaque token through demo-rs (private_key_jwt)', async ({ page }) => {
  const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
  await mint.getByRole('combobox', { name: 'Client profile' }).selectOption('demo');
  await mint.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'No audience (opaque access token)' });
  await mint.getByRole('button', { name: 'Get token' }).click();
  const minted = mint.getByRole('textbox', { name: 'Minted token' });
  await expect(minted).not.toHaveValue('');
  const token = await minted.inputValue();
  expect(token).not.toContain('.');
  // Fresh, or kept by the server from an earlier ask in this run: either way the token is live.
  await expect(mint.getByText(/^(Fresh from the authorization server|From the companion server’s cache)/)).toBeVisible();
  // The token goes to the editor in memory: the link names no token.
  await expect(mint.getByRole('link', { name: 'Open in token editor' })).toHaveAttribute('href', '/debugger');

  await mint.getByRole('button', { name: 'Use this token' }).click();
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveValue(token);
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
  await page.getByRole('button', { name: 'Introspect' }).click();

  await expect(result(page).locator('[data-active="true"]')).toContainText('Active');
  await expect(result(page).getByText('active: true')).toBeVisible();
  await expect(result(page).getByRole('row', { name: /client_id/ })).toContainText('demo-m2m');
  await expect(result(page).getByRole('row', { name: /^exp/ })).toContainText(/in (23 h|24 h|1 d\b)/); // a 24 h token, seen a moment or exactly 0 s after minting
  await expect(result(page).getByText(/upstream HTTP 200 in \d+ ms/)).toContainText('client authentication: private_key_jwt');
  await expect(result(page).locator('pre')).toContainText('"active": true');

  // A second mint comes from the server's cache.
  await mint.getByRole('button', { name: 'Get token' }).click();
  await expect(mint.getByText('From the companion server’s cache')).toBeVisible();
  await expect(minted).toHaveValue(token);
});

test('a garbage token is inactive', async ({ page }) => {
  await introspect(page, 'this-is-not-a-token-at-all', 'demo-rs');
  await expect(result(page).getByText('Inactive', { exact: true })).toBeVisible();
  await expect(result(page).getByText('active: false')).toBeVisible();
});

test('a JWT is verified locally, and the refusal to introspect it is explained', async ({ page, request }) => {
  const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await introspect(page, jwt, 'demo-rs');
  await expect(result(page).getByText('This server does not introspect JWTs')).toBeVisible();
  await expect(result(page).getByText('unsupported_token_type').first()).toBeVisible();
  await expect(result(page).getByText(/^Signature verified/)).toBeVisible();
  await expect(result(page).getByText(/^Valid now/)).toBeVisible();
  const diff = result(page).getByRole('table', { name: 'Introspection vs local verification' });
  await expect(diff.getByRole('row', { name: /^active/ })).toContainText('not answered (unsupported_token_type)');
  await expect(diff.getByRole('row', { name: /^scope/ })).toContainText('read:appointments');
});

test('revoke, then introspect again: inactive', async ({ page }) => {
  const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
  await mint.getByRole('combobox', { name: 'Client profile' }).selectOption('demo');
  await mint.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'No audience (opaque access token)' });
  await mint.getByRole('button', { name: 'Get token' }).click();
  await mint.getByRole('button', { name: 'Use this token' }).click();
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
  await page.getByRole('button', { name: 'Introspect' }).click();
  await expect(result(page).getByText('active: true')).toBeVisible();

  // Revocation is the token owner's (demo-m2m) to ask for.
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo');
  await page.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText(/^Revoked\./)).toBeVisible();

  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
  await page.getByRole('button', { name: 'Introspect' }).click();
  await expect(result(page).getByText('active: false')).toBeVisible();
});

test('the authorization server is down: a clear upstream_unreachable message', async ({ page }) => {
  await introspect(page, 'any-token', 'as-stopped');
  const alert = result(page).getByRole('alert');
  await expect(alert).toContainText('Authorization server unreachable');
  await expect(alert).toContainText('upstream_unreachable');
});

test('the panel fits a 360 px wide screen with a result shown', async ({ page, request }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await introspect(page, jwt, 'demo-rs');
  await expect(result(page).getByText(/^Signature verified/)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a JWT refused by design shows as information beside the local verification, and the comparison rows come from that verification', async ({ page, request }) => {
  const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await introspect(page, jwt, 'demo-rs');
  await expect(result(page).getByText('This server does not introspect JWTs')).toBeVisible();
  await expect(result(page).getByText(/^Documented behaviour, not a failure/)).toBeVisible();
  await expect(result(page).getByRole('alert')).toHaveCount(0);
  await expect(result(page).getByText(/^Signature verified/)).toBeVisible();
  const diff = result(page).getByRole('table', { name: 'Introspection vs local verification' });
  await expect(diff.getByRole('row', { name: /^sub/ })).toContainText('demo-m2m@clients');
  await expect(diff.getByRole('row', { name: /^client_id/ })).toContainText('demo-m2m');
  await expect(diff.getByRole('row', { name: /^active/ })).toContainText('from the local verification only');
});

test('Userinfo on a client-credentials token says that the token has no user', async ({ page, request }) => {
  const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await page.getByRole('textbox', { name: 'Token', exact: true }).fill(jwt);
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
  await page.getByRole('button', { name: 'Userinfo' }).click();
  const actions = page.getByRole('region', { name: 'Revoke or ask for the user' });
  await expect(actions.getByText('This token has no user')).toBeVisible();
  await expect(actions.getByText(/sub demo-m2m@clients ends with @clients/)).toBeVisible();
});

test('stale feedback goes: a new token clears the old answer, and "Use this token" brings the user back to the Token box', async ({ page }) => {
  await introspect(page, 'this-is-not-a-token-at-all', 'demo-rs');
  await expect(result(page).getByText('Inactive', { exact: true })).toBeVisible();

  const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
  await mint.getByRole('combobox', { name: 'Client profile' }).selectOption('demo');
  await mint.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'No audience (opaque access token)' });
  await mint.getByRole('button', { name: 'Get token' }).click();
  await mint.getByRole('button', { name: 'Use this token' }).click();
  const tokenBox = page.getByRole('textbox', { name: 'Token', exact: true });
  await expect(tokenBox).toBeFocused();
  await expect(tokenBox).toBeInViewport();
  // The answer about the previous token is gone.
  await expect(result(page).getByText('Inactive', { exact: true })).toHaveCount(0);
});
