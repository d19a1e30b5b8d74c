import { expect, test, type Page } from '@playwright/test';
import { clientCredentialsToken, demoApi, managementApi, signInAs } from './support/demo-tenant';
import { e2eEnv } from './support/env';

const requiredScopes = (page: Page) => page.getByRole('region', { name: 'Required scopes' });
const scopeString = (page: Page) => requiredScopes(page).getByRole('status', { name: 'Scope string' });
const endpoint = (page: Page, id: string) => page.getByRole('checkbox', { name: id, exact: true });

test('search, pick GET and PATCH /api/v2/users/{id}, get the scope string for each token kind', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto('/debugger');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The catalog is its own lazy chunk: the first route does not load it.
  expect(requests.some((url) => url.includes('auth0-management-api'))).toBe(false);

  await page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'Scope picker' }).click();
  const search = page.getByRole('searchbox', { name: 'Search endpoints' });
  await search.fill('users/{id}');
  await endpoint(page, 'GET /api/v2/users/{id}').check();
  await endpoint(page, 'PATCH /api/v2/users/{id}').check();

  await expect(page.getByRole('radio', { name: 'Machine-to-machine', exact: true })).toBeChecked();
  // By default the scope that takes any body; update:users_app_metadata only when the user says app_metadata only.
  await expect(scopeString(page)).toHaveText('read:users update:users');
  const intent = requiredScopes(page).getByRole('group', { name: 'What must PATCH /api/v2/users/{id} be able to change?' });
  await expect(intent.getByRole('radio', { name: 'Any field' })).toBeChecked();
  await intent.getByRole('radio', { name: 'app_metadata only' }).check();
  await expect(scopeString(page)).toHaveText('read:users update:users_app_metadata');
  await expect(requiredScopes(page).getByRole('list', { name: 'What these scopes allow' })).toContainText(
    'update:users_app_metadata may change only app_metadata, of any user: a body with any other field gets a 403.',
  );
  const accepted = page.getByRole('list', { name: 'Accepted scopes' });
  await expect(accepted).toContainText('update:users');
  await expect(accepted).toContainText('update:current_user_metadata');

  await page.getByRole('radio', { name: 'User (SPA / login)', exact: true }).check();
  await expect(scopeString(page)).toHaveText('read:current_user update:current_user_metadata');
  await expect(requiredScopes(page).getByRole('alert')).toHaveCount(0);
  await expect(requiredScopes(page).getByRole('list', { name: 'What these scopes allow' })).toContainText('user_metadata, of your own user only');

  // An endpoint no user-context scope satisfies is marked, with the client-credentials fix.
  await search.fill('GET /api/v2/clients');
  await endpoint(page, 'GET /api/v2/clients').check();
  await expect(requiredScopes(page).getByRole('alert')).toContainText('client-credentials');
});

test('paste a client-credentials token: its callable endpoints, and why a call fails', async ({ page, request }) => {
  const token = await clientCredentialsToken(request, managementApi, 'read:users read:clients');
  await page.goto('/scopes');
  await page.getByRole('textbox', { name: 'Access token' }).fill(token);

  const callable = page.getByRole('list', { name: 'Callable endpoints' });
  await expect(callable.getByText('GET /api/v2/users/{id}', { exact: true })).toBeVisible();
  await expect(callable.getByText('GET /api/v2/clients', { exact: true })).toBeVisible();
  await expect(callable.getByText('PATCH /api/v2/users/{id}', { exact: true })).toHaveCount(0);
  const count = await callable.getByRole('listitem').count();
  expect(count).toBeGreaterThan(5);
  await expect(page.locator('.callable-count')).toHaveText(String(count));

  await page.getByLabel('Endpoint to check').selectOption('PATCH /api/v2/users/{id}');
  const verdict = page.getByRole('region', { name: 'Why 403?' });
  await expect(verdict).toContainText('Fails');
  await expect(verdict).toContainText('update:users_app_metadata');

  await page.getByLabel('Endpoint to check').selectOption('GET /api/v2/users/{id}');
  await expect(verdict).toContainText('Passes');
});

/** Signs in as alice with the implicit flow and returns the tokens of the redirect's fragment. */
async function implicitTokens(page: Page, baseURL: string | undefined, params: Record<string, string>): Promise<URLSearchParams> {
  await page.route('**/callback**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>caught</title>' }));
  const authorize = new URL('authorize', e2eEnv.issuer);
  authorize.search = new URLSearchParams({
    client_id: 'demo-spa',
    redirect_uri: `${baseURL}/callback`,
    nonce: 'e2e-nonce-scopes',
    state: 'e2e-state',
    ...params,
  }).toString();
  await page.goto(authorize.href);
  await signInAs(page, 'alice');
  // Read the fragment as the navigation commits: should the stub miss the redirect, the app's callback route
  // would consume the fragment once its script runs.
  let fragment = '';
  await page.waitForURL(
    (url) => {
      if (url.pathname !== '/callback' || url.hash === '') return false;
      fragment = url.hash.slice(1);
      return true;
    },
    { waitUntil: 'commit' },
  );
  await page.unroute('**/callback**');
  return new URLSearchParams(fragment);
}

test('an ID token pasted as an access token gets the ID-token verdict', async ({ page, baseURL }) => {
  const idToken = (await implicitTokens(page, baseURL, { response_type: 'id_token', scope: 'openid profile' })).get('id_token');
  expect(idToken).toBeTruthy();

  await page.goto('/scopes?kind=user&endpoints=GET%20/api/v2/users/{id}');
  await page.getByRole('textbox', { name: 'Access token' }).fill(idToken ?? '');
  const verdict = page.getByRole('region', { name: 'Why 403?' });
  await expect(verdict).toContainText('Fails');
  await expect(verdict).toContainText('This is an ID token, not an access token');
  // One verdict: not the audience, not the scopes an ID token could never carry.
  const reasons = verdict.getByRole('list', { name: 'Reasons' }).getByRole('listitem');
  await expect(reasons).toHaveCount(1);
  await expect(reasons).toContainText(`Get an access token for the API: request it with audience=${managementApi}`);
  await expect(verdict).not.toContainText('Add one of');
  await expect(page.locator('.callable-count')).toHaveText('0');
});

test('a user token asking for update:users: the scope is dropped, and the verdict says users cannot get it', async ({ page, baseURL }) => {
  const tokens = await implicitTokens(page, baseURL, {
    response_type: 'id_token token',
    scope: 'openid read:current_user update:users',
    audience: managementApi,
  });
  const accessToken = tokens.get('access_token');
  expect(accessToken).toBeTruthy();

  await page.goto('/scopes?kind=user&endpoints=PATCH%20/api/v2/users/{id}');
  await page.getByRole('textbox', { name: 'Access token' }).fill(accessToken ?? '');
  const callable = page.getByRole('list', { name: 'Callable endpoints' });
  await expect(callable.getByText('GET /api/v2/users/{id}', { exact: true })).toBeVisible();
  await expect(callable.getByText('PATCH /api/v2/users/{id}', { exact: true })).toHaveCount(0);

  const verdict = page.getByRole('region', { name: 'Why 403?' });
  await page.getByLabel('Endpoint to check').selectOption('PATCH /api/v2/users/{id}');
  await expect(verdict).toContainText('Fails');
  await expect(verdict).toContainText('update:current_user_metadata');
  await page.getByLabel('Endpoint to check').selectOption('GET /api/v2/clients');
  await expect(verdict).toContainText('A user token cannot carry');
  await expect(verdict).toContainText('client-credentials');
});

test('a token for another API: the verdict names the issuer\u2019s Management API audience, not a placeholder', async ({ page, request }) => {
  const token = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await page.goto('/scopes?kind=m2m&endpoints=GET%20/api/v2/users/{id}');
  await page.getByRole('textbox', { name: 'Access token' }).fill(token);
  const verdict = page.getByRole('region', { name: 'Why 403?' });
  await expect(verdict).toContainText(`The audience ${demoApi} is not ${managementApi}.`);
  await expect(verdict).not.toContainText('{tenant}');
});

test('the deep link restores a selection and follows every change', async ({ page }) => {
  await page.goto('/scopes?kind=m2m&endpoints=GET%20/api/v2/users/{id},PATCH%20/api/v2/users/{id}');
  await expect(scopeString(page)).toHaveText('read:users update:users');
  await expect(page.getByRole('radio', { name: 'Machine-to-machine', exact: true })).toBeChecked();
  await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users/{id}');
  await expect(endpoint(page, 'GET /api/v2/users/{id}')).toBeChecked();
  await expect(endpoint(page, 'PATCH /api/v2/users/{id}')).toBeChecked();

  await page.getByRole('radio', { name: 'User (SPA / login)', exact: true }).check();
  await endpoint(page, 'PATCH /api/v2/users/{id}').uncheck();
  await expect(page).toHaveURL(/\/scopes\?kind=user&endpoints=GET%20\/api\/v2\/users\/\{id\}$/);
  const shared = await page.getByRole('textbox', { name: 'Share link' }).inputValue();

  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(scopeString(other)).toHaveText('read:current_user');
  await expect(other.getByRole('radio', { name: 'User (SPA / login)', exact: true })).toBeChecked();
  await other.reload();
  await expect(scopeString(other)).toHaveText('read:current_user');
});
