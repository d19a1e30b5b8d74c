import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { CompactSign } from 'jose';
import { clientCredentialsToken, demoApi, managementApi, signInAs, userTokensFromApp } from './demo-tenant';

/**
 * Every route in its main states, as the accessibility and narrow-screen suites walk them.
 * To cover a new route or state, add a row: `reach` drives the page there and waits until the state is on screen.
 */
export interface UiState {
  route: string;
  state: string;
  reach: (page: Page, request: APIRequestContext) => Promise<void>;
}

const now = () => Math.floor(Date.now() / 1000);

/** An HS256 access token with the usual claims, signed here so the editor has something real to judge. */
export async function sampleAccessToken(): Promise<string> {
  const payload = { sub: 'alice', iss: 'https://tenant.example.com/', aud: 'https://api.example.com/', scope: 'read:appointments', iat: now() - 60, exp: now() + 3600 };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode('a-string-secret-at-least-256-bits-long!!'));
}

async function openRoute(page: Page, path: string, heading: string | RegExp) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

async function openBuilderForDemoSpa(page: Page) {
  await openRoute(page, '/authorize', 'Authorize-URL builder');
  await page.getByLabel('Profile', { exact: true }).selectOption('demo-spa');
  await expect(page.getByLabel('Client ID')).toHaveValue('demo-spa');
}

async function reachDemoLogin(page: Page) {
  await openBuilderForDemoSpa(page);
  await page.getByLabel('Audience').fill(demoApi);
  await page.getByLabel('Scope', { exact: true }).fill('openid profile read:appointments');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Demo tenant' })).toBeVisible();
}

/** Logs alice in at the demo tenant and lands on /callback with the code, not yet exchanged. */
async function reachCallback(page: Page) {
  await reachDemoLogin(page);
  await signInAs(page, 'alice');
  await page.waitForURL((url) => url.pathname === '/callback');
}

export const uiStates: UiState[] = [
  { route: '/debugger', state: 'empty', reach: (page) => openRoute(page, '/debugger', /./) },
  {
    route: '/debugger',
    state: 'token pasted',
    reach: async (page) => {
      await openRoute(page, '/debugger', /./);
      await page.getByRole('textbox', { name: 'Encoded token' }).fill(await sampleAccessToken());
      await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Not verified: no key yet/);
      await expect(page.getByRole('table', { name: /^Claims/ })).toBeVisible();
    },
  },
  {
    route: '/debugger',
    state: 'opaque example loaded',
    reach: async (page) => {
      await openRoute(page, '/debugger', /./);
      await page.getByRole('combobox', { name: 'Examples' }).selectOption({ label: 'Opaque access token' });
      await page.getByRole('button', { name: 'Load example' }).click();
      await expect(page.getByRole('button', { name: 'Introspect this token' })).toBeVisible();
    },
  },
  { route: '/scopes', state: 'empty', reach: (page) => openRoute(page, '/scopes', /./) },
  {
    route: '/scopes',
    state: 'endpoints selected with a token',
    reach: async (page, request) => {
      const token = await clientCredentialsToken(request, managementApi, 'read:users read:clients');
      await openRoute(page, '/scopes', /./);
      await page.getByRole('searchbox', { name: 'Search endpoints' }).fill('users/{id}');
      await page.getByRole('checkbox', { name: 'GET /api/v2/users/{id}', exact: true }).check();
      await page.getByRole('checkbox', { name: 'PATCH /api/v2/users/{id}', exact: true }).check();
      await page.getByRole('textbox', { name: 'Access token' }).fill(token);
      await expect(page.getByRole('list', { name: 'Callable endpoints' }).getByRole('listitem').first()).toBeVisible();
      await page.getByLabel('Endpoint to check').selectOption('PATCH /api/v2/users/{id}');
      await expect(page.getByRole('region', { name: 'Why 403?' })).toContainText('Fails');
    },
  },
  { route: '/authorize', state: 'empty', reach: (page) => openRoute(page, '/authorize', 'Authorize-URL builder') },
  {
    route: '/authorize',
    state: 'pitfalls shown',
    reach: async (page) => {
      await openBuilderForDemoSpa(page);
      await page.getByLabel('Audience').fill(managementApi);
      await page.getByLabel('Scope', { exact: true }).fill('openid update:users read:current_user roles');
      await expect(page.getByRole('list', { name: 'Pitfalls' }).getByRole('listitem')).not.toHaveCount(0);
    },
  },
  { route: '/introspect', state: 'empty', reach: (page) => openRoute(page, '/introspect', 'Introspection') },
  {
    route: '/introspect',
    state: 'introspection result (opaque token)',
    reach: async (page) => {
      await openRoute(page, '/introspect', 'Introspection');
      const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
      await mint.getByRole('combobox', { name: 'Client profile' }).selectOption('demo');
      await mint.getByRole('combobox', { name: 'Audience' }).selectOption({ label: 'No audience (opaque access token)' });
      await mint.getByRole('button', { name: 'Get token' }).click();
      await expect(mint.getByRole('textbox', { name: 'Minted token' })).not.toHaveValue('');
      await mint.getByRole('button', { name: 'Use this token' }).click();
      await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
      await page.getByRole('button', { name: 'Introspect' }).click();
      await expect(page.getByRole('region', { name: 'Introspection result' }).getByRole('table')).toBeVisible();
    },
  },
  {
    route: '/introspect',
    state: 'introspection result (JWT, verified locally)',
    reach: async (page, request) => {
      const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
      await openRoute(page, '/introspect', 'Introspection');
      await expect(page.getByRole('combobox', { name: 'Profile', exact: true }).locator('option[value="demo-rs"]')).toHaveCount(1);
      await page.getByRole('textbox', { name: 'Token', exact: true }).fill(jwt);
      await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
      await page.getByRole('button', { name: 'Introspect' }).click();
      await expect(page.getByRole('table', { name: 'Introspection vs local verification' })).toBeVisible();
    },
  },
  {
    route: '/introspect',
    state: 're-issue diff',
    reach: async (page) => {
      await userTokensFromApp(page, 'alice', { audience: demoApi, scope: 'openid read:appointments write:appointments' });
      await page.getByRole('region', { name: /^Access token/ }).getByRole('button', { name: 'Re-issue' }).click();
      await page.waitForURL((url) => url.pathname === '/introspect');
      const panel = page.getByRole('region', { name: 'Re-issue with fewer scopes' });
      await panel.getByRole('checkbox', { name: 'read:appointments' }).uncheck();
      await panel.getByRole('radio', { name: 'Token exchange (keeps the user)' }).check();
      await panel.getByRole('button', { name: 'Re-issue' }).click();
      await expect(panel.getByRole('region', { name: 'Re-issued token' }).getByRole('table')).toBeVisible();
    },
  },
  { route: '/explorer', state: 'empty', reach: (page) => openRoute(page, '/explorer', 'API explorer') },
  {
    route: '/explorer',
    state: 'a 403 explained',
    reach: async (page, request) => {
      const token = await clientCredentialsToken(request, managementApi, 'read:users');
      await page.goto(`/explorer?endpoint=${encodeURIComponent('GET /api/v2/clients')}`);
      await expect(page.getByRole('heading', { level: 1, name: 'API explorer' })).toBeVisible();
      await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
      await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('paste');
      await page.getByRole('textbox', { name: 'Bearer token' }).fill(token);
      await page.getByRole('button', { name: 'Send request' }).click();
      await expect(page.getByRole('region', { name: 'Response' }).getByRole('region', { name: 'Why' })).toContainText('read:clients');
    },
  },
  { route: '/callback', state: 'empty', reach: (page) => openRoute(page, '/callback', 'Callback') },
  { route: 'demo tenant login', state: 'login page', reach: (page) => reachDemoLogin(page) },
  {
    route: 'demo tenant error',
    state: 'unknown client id',
    reach: async (page) => {
      await openBuilderForDemoSpa(page);
      await page.getByLabel('Client ID').fill('no-such-app');
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.getByRole('link', { name: 'Back to the Authorize-URL builder' })).toBeVisible();
    },
  },
  {
    route: '/callback',
    state: 'callback with tokens',
    reach: async (page) => {
      await reachCallback(page);
      await page.getByRole('button', { name: 'Exchange code' }).click();
      await expect(page.getByRole('heading', { name: 'Tokens' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Requested vs granted' })).toBeVisible();
    },
  },
  {
    route: '/callback',
    state: 'tokens lost after a reload',
    reach: async (page) => {
      await reachCallback(page);
      await expect(page.getByRole('button', { name: 'Exchange code' })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('heading', { name: 'The tokens of this login are gone' })).toBeVisible();
    },
  },
];

/** The lessons this suite walks: /learn/<id>, each with its title. Add a row when a lesson is added. */
export const lessonPages: { id: string; title: string }[] = [
  { id: 'spa-management-api', title: '401, then 400, then 403: calling the Management API from a SPA' },
  { id: 'global-secret-to-client-credentials', title: 'From the global client secret to client credentials' },
  { id: 'trailing-slash', title: 'One trailing slash' },
  { id: 'reissue-for-a-job', title: 'Re-issue with fewer scopes for a background job' },
  { id: 'app-specific-passwords', title: 'Introspecting app-specific passwords with private_key_jwt' },
  { id: 'scopes-for-a-feature', title: 'Which scopes does this feature of our app need?' },
];

uiStates.push(
  { route: '/learn', state: 'list', reach: (page) => openRoute(page, '/learn', 'Lessons') },
  ...lessonPages.map(({ id, title }): UiState => ({
    route: `/learn/${id}`,
    state: 'steps to do',
    reach: async (page) => {
      await openRoute(page, `/learn/${id}`, title);
      await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem').first()).toBeVisible();
      // The example material (a legacy token, an assertion) is made in the browser once the demo tenant is known.
      await expect(page.getByText('Making it…')).toHaveCount(0);
    },
  })),
  {
    route: '/learn/trailing-slash',
    state: 'a step done',
    reach: async (page) => {
      await openRoute(page, '/learn/trailing-slash', 'One trailing slash');
      await page.getByRole('list', { name: 'Steps' }).getByRole('link').first().click();
      // Step 1 is done once the builder shows the pitfall, which needs the profiles and the tenant's APIs first.
      await expect(page.getByRole('list', { name: 'Pitfalls' }).locator('code', { hasText: /^audience-mismatch$/ })).toBeVisible();
      await page.getByRole('complementary', { name: 'Lesson' }).getByRole('link', { name: 'Back to lesson' }).click();
      await expect(page.getByRole('list', { name: 'Steps' }).getByRole('listitem', { name: /^Step 1:/ }).locator('.step-state')).toHaveText('done ✓');
    },
  },
  {
    route: '/authorize',
    state: 'with the lesson rail',
    reach: async (page) => {
      await openRoute(page, '/learn/trailing-slash', 'One trailing slash');
      await page.getByRole('list', { name: 'Steps' }).getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1, name: 'Authorize-URL builder' })).toBeVisible();
      await expect(page.getByRole('complementary', { name: 'Lesson' })).toBeVisible();
    },
  },
);

/** The two colour schemes every state is checked in; the app follows the OS scheme by default. */
export const colorSchemes = ['light', 'dark'] as const;