import { expect, test, type Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { demoApi, userTokensFromApp } from './support/demo-tenant';

/** The Re-issue panel and app-specific passwords against the real demo tenant: nothing is mocked. */

const alice = 'auth0|alice';
const bob = 'auth0|bob';
const panel = (page: Page) => page.getByRole('region', { name: 'Re-issue with fewer scopes' });
const reissued = (page: Page) => panel(page).getByRole('region', { name: 'Re-issued token' });
const diffRow = (page: Page, claim: string) => reissued(page).getByRole('row', { name: new RegExp(`^${claim.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`) });

/** alice signs in through the app; the "Re-issue" link takes her access token to /introspect in memory, never in the URL. */
async function aliceToReissue(page: Page): Promise<string> {
  const { accessToken } = await userTokensFromApp(page, 'alice', { audience: demoApi, scope: 'openid read:appointments write:appointments' });
  await page.getByRole('region', { name: /^Access token/ }).getByRole('button', { name: 'Re-issue' }).click();
  await page.waitForURL((url) => url.pathname === '/introspect');
  expect(page.url()).not.toContain(accessToken);
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveValue(accessToken);
  await expect(panel(page).getByRole('checkbox', { name: 'read:appointments' })).toBeChecked();
  await expect(panel(page).getByRole('checkbox', { name: 'write:appointments' })).toBeChecked();
  return accessToken;
}

/** Keeps write:appointments only: openid (the token carries it, for the userinfo audience) and read:appointments go. */
async function keepOnlyWrite(page: Page) {
  await panel(page).getByRole('checkbox', { name: 'openid' }).uncheck();
  await panel(page).getByRole('checkbox', { name: 'read:appointments' }).uncheck();
}

async function reissuedToken(page: Page): Promise<Record<string, unknown>> {
  const text = await reissued(page).getByRole('textbox', { name: 'Re-issued token' }).inputValue();
  return decodeJwt(text) as Record<string, unknown>;
}

test('alice’s token re-issued by token exchange with write:appointments only: her sub, act demo-m2m@clients, the API’s lifetime', async ({ page }) => {
  const subject = decodeJwt(await aliceToReissue(page));
  await keepOnlyWrite(page);
  await expect(panel(page).getByRole('combobox', { name: 'Audience' })).toHaveValue(demoApi);
  await expect(panel(page).getByRole('combobox', { name: 'Re-issuing profile' })).toHaveValue('demo');
  await panel(page).getByRole('radio', { name: 'Token exchange (keeps the user)' }).check();
  await panel(page).getByRole('button', { name: 'Re-issue' }).click();

  await expect(reissued(page)).toContainText('Token exchange (RFC 8693) keeps the user');
  const claims = await reissuedToken(page);
  const exchangedToken = await reissued(page).getByRole('textbox', { name: 'Re-issued token' }).inputValue();
  expect(claims.sub).toBe(alice);
  expect(claims.act).toEqual({ sub: 'demo-m2m@clients' });
  expect(claims.azp).toBe('demo-m2m');
  expect(claims.scope).toBe('write:appointments');
  // The API's token lifetime, whatever is left of alice's token.
  expect(Number(claims.exp) - Number(claims.iat)).toBe(86_400);
  expect(Number(claims.exp)).toBeGreaterThanOrEqual(Number(subject.exp));

  await expect(diffRow(page, 'sub')).toContainText('same');
  await expect(diffRow(page, 'act')).toContainText('demo-m2m@clients');
  await expect(diffRow(page, 'scope')).toContainText('Narrowed ✓ (dropped openid read:appointments)');
  await expect(diffRow(page, 'lifetime')).toContainText('86400 s (1 d)');
  await expect(reissued(page).locator('[data-code="user-kept"]')).toContainText(alice);
  await expect(reissued(page).getByRole('link', { name: 'Open in token editor' })).toBeVisible();

  // The explorer offers the new token among this tab's tokens (memory only).
  await page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'API explorer' }).click();
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('tab');
  await expect(page.getByRole('combobox', { name: 'Token', exact: true }).locator('option', { hasText: /^Re-issued by token exchange/ })).toHaveCount(1);

  // The token editor recognises an exchanged token and names its actor.
  await page.goto('/debugger');
  await page.getByRole('textbox', { name: 'Encoded token' }).fill(exchangedToken);
  await expect(page.getByRole('status', { name: 'Token type' })).toHaveText(/exchanged \(RFC 8693\)/);
  await expect(page.getByRole('status', { name: 'Token type' })).toContainText('demo-m2m@clients');
});

test('client credentials with user_id: sub demo-m2m@clients and the namespaced claim names alice; an extra scope is refused', async ({ page }) => {
  await aliceToReissue(page);
  await keepOnlyWrite(page);
  await panel(page).getByRole('radio', { name: 'Client credentials + user claim (the token belongs to the client)' }).check();
  await panel(page).getByRole('button', { name: 'Re-issue' }).click();

  await expect(reissued(page)).toContainText('Client credentials make the token the client’s');
  const claims = await reissuedToken(page);
  expect(claims.sub).toBe('demo-m2m@clients');
  expect(claims.gty).toBe('client-credentials');
  expect(claims['https://demo.test/user_id']).toBe(alice);
  expect(claims.scope).toBe('write:appointments');
  await expect(diffRow(page, 'sub')).toContainText('The token belongs to the client now');
  await expect(diffRow(page, 'https://demo.test/user_id')).toContainText(alice);
  await expect(reissued(page).locator('[data-code="client-names-any-user"]')).toContainText('can mint a token that names any user');

  // Asking for a scope alice's token does not hold: the exchange refuses it with invalid_scope, naming it.
  await panel(page).getByRole('radio', { name: 'Token exchange (keeps the user)' }).check();
  await panel(page).getByRole('textbox', { name: 'Also ask for (scopes the token does not hold)' }).fill('delete:appointments');
  await expect(panel(page)).toContainText('Not in the token: delete:appointments');
  await panel(page).getByRole('button', { name: 'Re-issue' }).click();
  const refusal = panel(page).getByRole('alert');
  await expect(refusal).toContainText('invalid_scope');
  await expect(refusal).toContainText('delete:appointments');
});

test('an app-specific password for bob, created in the explorer, introspected through demo-rs, then deleted: inactive', async ({ page }) => {
  const response = page.getByRole('region', { name: 'Response' });
  await page.goto(`/explorer?endpoint=${encodeURIComponent('POST /api/v2/users/{id}/application-passwords')}`);
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  // The least-privilege token the explorer mints for this endpoint.
  await expect(page.getByRole('combobox', { name: 'Authorize with' })).toHaveValue('mint');
  await expect(page.locator('.explorer-mint-scope')).toHaveText('create:user_application_passwords');
  await page.getByRole('textbox', { name: 'id', exact: true }).fill(bob);
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill(JSON.stringify({ label: 'e2e re-issue', audience: demoApi, scope: ['read:appointments'] }));
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(response.locator('[data-status="201"]')).toBeVisible();
  const body = (await response.getByLabel('Response body').textContent()) ?? '';
  const value = /"value":\s*"([A-Za-z]{16})"/.exec(body)?.[1];
  const aspId = /"id":\s*"(asp_[^"]+)"/.exec(body)?.[1];
  expect(value).toBeTruthy();
  expect(aspId).toBeTruthy();

  const result = page.getByRole('region', { name: 'Introspection result' });
  const introspect = async () => {
    await page.getByRole('textbox', { name: 'Token', exact: true }).fill(value ?? '');
    await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
    await page.getByRole('button', { name: 'Introspect' }).click();
  };
  await page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'Introspection' }).click();
  await introspect();
  await expect(result.locator('[data-active="true"]')).toContainText('Active');
  await expect(result.getByRole('row', { name: /^token_type/ })).toContainText('application_specific_password_token');
  await expect(result.getByRole('row', { name: /^username/ })).toContainText('bob');
  await expect(result.locator('[data-token-type="application_specific_password_token"]')).toContainText('a user’s own bearer credential');
  await expect(result.getByText(/upstream HTTP 200/)).toContainText('client authentication: private_key_jwt');

  await page.goto(`/explorer?endpoint=${encodeURIComponent('DELETE /api/v2/users/{id}/application-passwords/{asp_id}')}`);
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await page.getByRole('textbox', { name: 'id', exact: true }).fill(bob);
  await page.getByRole('textbox', { name: 'asp_id', exact: true }).fill(aspId ?? '');
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(response.locator('[data-status="204"]')).toBeVisible();

  await page.goto('/introspect');
  await introspect();
  await expect(result.getByText('Inactive', { exact: true })).toBeVisible();
  await expect(result.getByText('active: false')).toBeVisible();
});
