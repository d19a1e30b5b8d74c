import { expect, test, type Locator, type Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { demoApi, managementApi, signInAs } from './support/demo-tenant';
import { e2eEnv } from './support/env';

/** Opens the builder for the demo SPA: the Auth0 SPA preset (the default) and the demo-spa profile. */
async function openBuilderForDemoSpa(page: Page) {
  await page.goto('/authorize');
  await expect(page.getByRole('heading', { level: 1, name: 'Authorize-URL builder' })).toBeVisible();
  await page.getByLabel('Profile', { exact: true }).selectOption('demo-spa');
  await expect(page.getByLabel('Domain or issuer')).toHaveValue(e2eEnv.issuer);
  await expect(page.getByLabel('Client ID')).toHaveValue('demo-spa');
  await expect(page.getByLabel('PKCE')).toBeChecked();
}

function pitfall(page: Page, id: string): Locator {
  return page.getByRole('list', { name: 'Pitfalls' }).getByRole('listitem').filter({ has: page.locator('code', { hasText: new RegExp(`^${id}$`) }) });
}

/** Logs in at the demo tenant as alice and comes back to /callback. */
async function logInAsAlice(page: Page) {
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Demo tenant' })).toBeVisible();
  await signInAs(page, 'alice');
  await page.waitForURL((url) => url.pathname === '/callback');
  await expect(page.getByRole('heading', { level: 1, name: 'Callback' })).toBeVisible();
}

async function exchangeCode(page: Page) {
  await page.getByRole('button', { name: 'Exchange code' }).click();
  await expect(page.getByRole('heading', { name: 'Tokens' })).toBeVisible();
}

function tokenSection(page: Page, name: 'Access token' | 'ID token') {
  return page.getByRole('region', { name: new RegExp(`^${name}`) });
}

test('no audience: the missing-audience pitfall, then the access token is opaque', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await expect(page.getByLabel('Audience')).toHaveValue('');
  await expect(pitfall(page, 'missing-audience')).toContainText('opaque');
  await page.getByRole('button', { name: 'Fetch discovery' }).click();
  await expect(page.getByText('(from the discovery document)')).toBeVisible();
  const authorizeUrl = new URL(await page.getByLabel('Authorize URL').inputValue());
  expect(authorizeUrl.href.startsWith(`${e2eEnv.issuer}authorize?`)).toBe(true);
  expect(authorizeUrl.searchParams.get('audience')).toBeNull();

  await logInAsAlice(page);
  // The code and state are gone from the address bar once read.
  expect(new URL(page.url()).search).toBe('');
  await exchangeCode(page);
  const access = tokenSection(page, 'Access token');
  await expect(access.getByText('Opaque', { exact: true })).toBeVisible();
  const token = await access.getByRole('textbox', { name: 'Access token' }).inputValue();
  expect(token).not.toContain('.');
  await expect(tokenSection(page, 'ID token').getByText('JWT', { exact: true })).toBeVisible();
  // The round-trip secrets were deleted on return.
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  // Only its issuer can read it: "Introspect this token" takes it there, in memory.
  await access.getByRole('button', { name: 'Introspect this token' }).click();
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveValue(token);
  expect(page.url()).not.toContain(token);
});

test('audience https://api.demo.test/ with read:appointments gives a JWT access token carrying that scope', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Audience').fill(demoApi);
  await page.getByLabel('Scope', { exact: true }).fill('openid profile read:appointments');
  await expect(pitfall(page, 'missing-audience')).toHaveCount(0);

  await logInAsAlice(page);
  await exchangeCode(page);
  const access = tokenSection(page, 'Access token');
  await expect(access.getByText('JWT', { exact: true })).toBeVisible();
  const claims = decodeJwt(await access.getByRole('textbox', { name: 'Access token' }).inputValue());
  expect(claims.aud).toContain(demoApi);
  expect(String(claims.scope).split(' ')).toContain('read:appointments');
  const diff = page.getByRole('table', { name: 'Requested vs granted' });
  await expect(diff.getByRole('row', { name: /^read:appointments / })).toContainText('granted');
  // "Open in token editor" hands the token over in memory: it is in the editor, and in no URL or history entry.
  const accessToken = await access.getByRole('textbox', { name: 'Access token' }).inputValue();
  await access.getByRole('link', { name: 'Open in token editor' }).click();
  await expect(page.getByRole('textbox', { name: 'Encoded token' })).toHaveValue(accessToken);
  expect(page.url()).toMatch(/\/debugger$/);
});

test('the callback shows the raw token response with copy buttons, says why for every requested-vs-granted row, and says so when a reload lost the tokens', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Audience').fill(demoApi);
  await page.getByLabel('Scope', { exact: true }).fill('openid profile read:appointments');
  await logInAsAlice(page);
  await exchangeCode(page);

  const raw = page.getByRole('region', { name: 'Token response' });
  const json = JSON.parse((await raw.getByLabel('Token response JSON').textContent()) ?? '{}') as Record<string, unknown>;
  expect(String(json.token_type).toLowerCase()).toBe('bearer');
  expect(json.access_token).toBe(await tokenSection(page, 'Access token').getByRole('textbox', { name: 'Access token' }).inputValue());
  for (const name of ['Copy response JSON', 'Copy access_token', 'Copy id_token']) await expect(raw.getByRole('button', { name })).toBeVisible();

  // oidc-provider lists only the API's scopes in the token response; the OIDC ones are answered by the ID token.
  expect(json.scope).toBe('read:appointments');
  const diff = page.getByRole('table', { name: 'Requested vs granted' });
  for (const scope of ['openid', 'profile']) {
    const row = diff.getByRole('row', { name: new RegExp(`^${scope} `) });
    await expect(row).toContainText('granted');
    await expect(row).toContainText('leaves them out of the token response');
  }
  // The demo tenant, like Auth0, keeps them in the JWT access token's scope (for /userinfo).
  await expect(diff.getByRole('row', { name: /^openid / })).toContainText('The access token’s scope carries it.');
  const whys = await diff.locator('tbody td:last-child').allTextContents();
  expect(whys.length).toBe(3);
  expect(whys.every((why) => why.trim().length > 20)).toBe(true);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'The tokens of this login are gone' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tokens', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Start a new login' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Authorize-URL builder' })).toBeVisible();
});

test('Management API audience with update:users in a SPA: the pitfall before login, update:users dropped after', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Audience').fill(managementApi);
  await page.getByLabel('Scope', { exact: true }).fill('openid update:users read:current_user');
  const warning = pitfall(page, 'management-api-user-scopes');
  await expect(warning).toContainText('update:users');
  await expect(warning).toContainText('update:current_user_metadata');
  // An error-level pitfall holds "Log in" back, with the reason; the user may go ahead on purpose to watch the drop.
  const logIn = page.getByRole('button', { name: 'Log in' });
  await expect(logIn).toBeDisabled();
  await expect(logIn).toHaveAccessibleDescription(/“Log in” is disabled: Users cannot be granted update:users/);
  await page.getByRole('checkbox', { name: 'Log in anyway, to see what the server does' }).check();
  await expect(logIn).toBeEnabled();

  await logInAsAlice(page);
  await exchangeCode(page);
  const claims = decodeJwt(await tokenSection(page, 'Access token').getByRole('textbox', { name: 'Access token' }).inputValue());
  expect(String(claims.scope).split(' ')).toContain('read:current_user');
  expect(String(claims.scope).split(' ')).not.toContain('update:users');
  const diff = page.getByRole('table', { name: 'Requested vs granted' });
  const dropped = diff.getByRole('row', { name: /^update:users / });
  await expect(dropped).toContainText('dropped');
  await expect(dropped).toContainText('user-context scopes');
  await expect(diff.getByRole('row', { name: /^read:current_user / })).toContainText('granted');
});

test('an unknown client id ends on the demo tenant’s own error page, styled like the app, with the way back to the builder', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Client ID').fill('no-such-app');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The authorization request was refused' })).toBeVisible();
  await expect(page.getByText('does not know this client ID')).toBeVisible();
  await expect(page.getByText('invalid_client', { exact: true })).toBeVisible();
  // The page's CSP lets its stylesheet through (by hash): the app's palette is applied.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgba(0, 0, 0, 0)');
  await page.getByRole('link', { name: 'Back to the Authorize-URL builder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Authorize-URL builder' })).toBeVisible();
});

test('a response whose state does not match is refused, and no code is exchanged', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Demo tenant' })).toBeVisible();
  // An attacker's response lands on our callback in this tab (login CSRF).
  await page.goto('/callback?code=attacker-code&state=forged-state');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Refused: the state does not match');
  await expect(alert).toContainText('ERR_STATE_MISMATCH');
  await expect(page.getByRole('button', { name: 'Exchange code' })).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('an error from the authorization server is shown plainly', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  // prompt=none without a session at the AS: it must answer login_required.
  await page.getByLabel('Prompt').selectOption('none');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/callback');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The authorization server returned an error');
  await expect(alert).toContainText('login_required');
});

test('a pasted /authorize URL fills the form and round-trips exactly, unknown and repeated parameters included', async ({ page }) => {
  const pasted = `${e2eEnv.issuer}authorize?client_id=demo-spa&response_type=token&scope=openid+roles&redirect_uri=http%3A%2F%2Fexample.com%2Fcb&x_custom=a%20b&x_custom=c`;
  await page.goto(`/authorize?url=${encodeURIComponent(pasted)}`);
  await expect(page.getByLabel('Authorize URL')).toHaveValue(pasted);
  await expect(page.getByLabel('Client ID')).toHaveValue('demo-spa');
  await expect(page.getByLabel('Response type')).toHaveValue('token');
  await expect(page.getByLabel('Scope', { exact: true })).toHaveValue('openid roles');
  await expect(page.getByLabel('Parameter 2 value')).toHaveValue('c');
  for (const id of ['implicit-flow', 'non-standard-scope', 'state-missing', 'redirect-uri-insecure', 'repeated-parameter']) {
    await expect(pitfall(page, id)).toHaveCount(1);
  }
  // One-click fix: remove the words that are not scopes.
  await pitfall(page, 'non-standard-scope').getByRole('button', { name: 'Remove roles' }).click();
  await expect(page.getByLabel('Scope', { exact: true })).toHaveValue('openid');
  await expect(pitfall(page, 'non-standard-scope')).toHaveCount(0);
});

test('a confidential client with form_post: the companion server hands the response over and redeems the code with the profile secret', async ({ page }) => {
  await page.goto('/authorize');
  await page.getByLabel('Preset').selectOption({ label: 'Auth0 regular web app' });
  await page.getByLabel('Profile', { exact: true }).selectOption('demo-web');
  await expect(page.getByLabel('Client type')).toHaveValue('confidential');
  await expect(page.getByLabel('Response mode')).toHaveValue('form_post');
  await page.getByRole('button', { name: 'Use the form_post receiver' }).click();
  await expect(page.getByLabel('Redirect URI')).toHaveValue(`${e2eEnv.baseURL}/api/callback/form-post`);
  await page.getByLabel('Audience').fill(demoApi);

  await logInAsAlice(page);
  await expect(page.getByText('form_post (handed over by the companion server)')).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await exchangeCode(page);
  await expect(tokenSection(page, 'Access token').getByText('JWT', { exact: true })).toBeVisible();
});

test('the implicit flow is flagged, and its fragment response is checked (state and nonce) and shown without an exchange', async ({ page }) => {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Response type').selectOption('id_token token');
  await page.getByLabel('Audience').fill(demoApi);
  await page.getByLabel('Scope', { exact: true }).fill('openid read:appointments');
  await expect(pitfall(page, 'implicit-flow')).toContainText('authorization code flow with PKCE');

  await logInAsAlice(page);
  await expect(page.getByText('The response came in the URL fragment.')).toBeVisible();
  await expect(page.getByText(/nonce checked/)).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  await expect(page.getByRole('button', { name: 'Exchange code' })).toHaveCount(0);
  const claims = decodeJwt(await tokenSection(page, 'ID token').getByRole('textbox', { name: 'ID token' }).inputValue());
  expect(claims.aud).toBe('demo-spa');
  await expect(page.getByRole('table', { name: 'Requested vs granted' }).getByRole('row', { name: /^read:appointments / })).toContainText('granted');
});
