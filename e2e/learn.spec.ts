import { expect, test, type Locator, type Page } from '@playwright/test';
import { managementApi, signInAs } from './support/demo-tenant';


/**
 * Every lesson, completed by following its own steps: the step's link, then what the step says, in the real tools
 * against the real companion server and demo tenant; back on the lesson, the step reads "done ✓".
 */

const steps = (page: Page) => page.getByRole('list', { name: 'Steps' });
const step = (page: Page, n: number) => steps(page).getByRole('listitem', { name: new RegExp(`^Step ${n}:`) });
const stepState = (page: Page, n: number) => step(page, n).locator('.step-state');

async function openLesson(page: Page, id: string, title: string | RegExp) {
  await page.goto(`/learn/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** Follows a step's link: the lesson becomes the active one, and the rail names it on the tool's page. */
async function followLink(page: Page, n: number, name: string | RegExp) {
  await step(page, n).getByRole('link', { name }).click();
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toBeVisible();
}

async function backToLesson(page: Page) {
  await page.getByRole('complementary', { name: 'Lesson' }).getByRole('link', { name: 'Back to lesson' }).click();
  await expect(steps(page)).toBeVisible();
}

async function expectDone(page: Page, ...ns: number[]) {
  for (const n of ns) await expect(stepState(page, n)).toHaveText('done ✓');
}

/** Logs in at the demo tenant; a second login in the same test finds the tenant's session and comes straight back. */
async function logIn(page: Page, user: 'alice' | 'bob', { anyway = false } = {}) {
  // An error-level pitfall holds "Log in" back; the lesson says to log in anyway, to see what the tenant does.
  if (anyway) await page.getByRole('checkbox', { name: 'Log in anyway, to see what the server does' }).check();
  await page.getByRole('button', { name: 'Log in' }).click();
  const signIn = page.getByRole('button', { name: `Sign in as ${user}` });
  await expect(signIn.or(page.getByRole('heading', { level: 1, name: 'Callback' }))).toBeVisible();
  if (await signIn.isVisible()) await signInAs(page, user);
  await page.waitForURL((url) => url.pathname === '/callback');
}

function pitfall(page: Page, id: string): Locator {
  return page.getByRole('list', { name: 'Pitfalls' }).getByRole('listitem').filter({ has: page.locator('code', { hasText: new RegExp(`^${id}$`) }) });
}

test('the lessons list links every lesson; an unknown lesson is a clear not-found', async ({ page }) => {
  await page.goto('/learn');
  await expect(page.getByRole('heading', { level: 1, name: 'Lessons' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Tools' }).getByRole('link', { name: 'Lessons' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('list', { name: 'Lessons' }).getByRole('link', { name: 'One trailing slash' }).click();
  await expect(page).toHaveURL(/\/learn\/trailing-slash$/);
  await expect(stepState(page, 1)).toHaveText('to do');
  await page.goto('/learn/no-such-lesson');
  await expect(page.getByRole('heading', { level: 1, name: 'Lesson not found' })).toBeVisible();
});

test('lesson “One trailing slash”: the pitfall, “Service not found”, then the fix', async ({ page }) => {
  await openLesson(page, 'trailing-slash', 'One trailing slash');
  await followLink(page, 1, 'Open the builder (audience without the slash)');
  await expect(page.getByLabel('Audience')).toHaveValue('https://api.demo.test');
  await expect(pitfall(page, 'audience-mismatch')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('Step 2 of 3');
  await backToLesson(page);
  await expectDone(page, 1);

  await followLink(page, 2, 'Open the builder (audience without the slash)');
  await expect(page.getByLabel('Audience')).toHaveValue('https://api.demo.test');
  await expect(page.getByRole('button', { name: 'Log in' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('checkbox', { name: 'Log in anyway, to see what the server does' }).check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname === '/callback');
  await expect(page.getByRole('alert')).toContainText('Service not found');
  await backToLesson(page);
  await expectDone(page, 1, 2);

  await followLink(page, 3, 'Open the builder (audience without the slash)');
  await pitfall(page, 'audience-mismatch').getByRole('button', { name: 'Use https://api.demo.test/' }).click();
  await expect(page.getByLabel('Audience')).toHaveValue('https://api.demo.test/');
  await logIn(page, 'alice');
  await page.getByRole('button', { name: 'Exchange code' }).click();
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('All 3 steps done ✓');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3);
});

/** In the explorer: the demo profile, and a token obtained in this tab, picked by its label. */
async function useTabToken(page: Page, label: RegExp) {
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('tab');
  const select = page.getByRole('combobox', { name: 'Token', exact: true });
  const value = await select.locator('option', { hasText: label }).first().getAttribute('value');
  await select.selectOption(value ?? '');
}

const response = (page: Page) => page.getByRole('region', { name: 'Response' });
async function sendExpecting(page: Page, status: number) {
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(response(page).locator(`[data-status="${status}"]`)).toBeVisible();
}

test('lesson “401, then 400, then 403”: ID token 401, opaque 400, update:users dropped 403, own metadata 200, backend 200', async ({ page }) => {
  test.setTimeout(60_000);
  const lesson = 'spa-management-api';
  await openLesson(page, lesson, /^401, then 400, then 403/);
  await followLink(page, 1, 'Open the builder (no audience)');
  await expect(page.getByLabel('Client ID')).toHaveValue('demo-spa');
  await expect(page.getByLabel('Audience')).toHaveValue('');
  await logIn(page, 'alice');
  await page.getByRole('button', { name: 'Exchange code' }).click();
  await backToLesson(page);
  await followLink(page, 1, 'Open the explorer on GET /api/v2/users/auth0|alice');
  await useTabToken(page, /^ID token from the authorize flow/);
  await sendExpecting(page, 401);
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('Step 2 of 5');
  await backToLesson(page);
  await expectDone(page, 1);

  await followLink(page, 2, 'Open the explorer on GET /api/v2/users/auth0|alice');
  await useTabToken(page, /^Access token from the authorize flow/);
  await sendExpecting(page, 400);
  await backToLesson(page);
  await expectDone(page, 1, 2);

  await followLink(page, 3, 'Open the builder (Management API audience)');
  await expect(pitfall(page, 'management-api-user-scopes')).toContainText('update:users');
  await logIn(page, 'alice', { anyway: true });
  await page.getByRole('button', { name: 'Exchange code' }).click();
  await expect(page.getByRole('table', { name: 'Requested vs granted' }).getByRole('row', { name: /^update:users / })).toContainText('dropped');
  await backToLesson(page);
  // alice's Management API token, on bob (403) and on herself (200).
  for (const [n, user, status] of [[3, 'bob', 403], [4, 'alice', 200]] as const) {
    await followLink(page, n, `Open the explorer on PATCH /api/v2/users/auth0|${user}`);
    await expect(page.getByRole('textbox', { name: 'id', exact: true })).toHaveValue(`auth0|${user}`);
    await useTabToken(page, /^Access token from the authorize flow \(demo-spa, http/);
    await page.getByRole('textbox', { name: 'Body (JSON)' }).fill('{"user_metadata":{"theme":"dark"}}');
    await sendExpecting(page, status);
    await backToLesson(page);
    await expectDone(page, n);
  }

  await followLink(page, 5, 'Open the explorer on PATCH /api/v2/users/auth0|bob');
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await page.getByRole('combobox', { name: 'Authorize with' }).selectOption('mint');
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill('{"app_metadata":{"plan":"gold"}}');
  await sendExpecting(page, 200);
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('All 5 steps done ✓');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3, 4, 5);
});

test('lesson “Re-issue with fewer scopes”: alice’s token exchanged for write:appointments, then client credentials + user claim, diffed', async ({ page }) => {
  await openLesson(page, 'reissue-for-a-job', 'Re-issue with fewer scopes for a background job');
  await expect(step(page, 2)).toContainText('do the steps before this one first');
  await followLink(page, 1, 'Open the builder (appointments API)');
  await logIn(page, 'alice');
  await page.getByRole('button', { name: 'Exchange code' }).click();
  await backToLesson(page);
  await expectDone(page, 1);

  const panel = page.getByRole('region', { name: 'Re-issue with fewer scopes' });
  const reissued = panel.getByRole('region', { name: 'Re-issued token' });
  await followLink(page, 2, 'Re-issue alice’s token');
  await expect(panel.getByRole('checkbox', { name: 'write:appointments' })).toBeChecked();
  await panel.getByRole('checkbox', { name: 'openid' }).uncheck();
  await panel.getByRole('checkbox', { name: 'read:appointments' }).uncheck();
  await panel.getByRole('radio', { name: 'Token exchange (keeps the user)' }).check();
  await panel.getByRole('button', { name: 'Re-issue' }).click();
  await expect(reissued.getByRole('row', { name: /^scope\b/ })).toContainText('Narrowed ✓');
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('Step 3 of 3');

  await panel.getByRole('radio', { name: 'Client credentials + user claim (the token belongs to the client)' }).check();
  await panel.getByRole('button', { name: 'Re-issue' }).click();
  await expect(reissued.getByRole('row', { name: /^sub\b/ })).toContainText('The token belongs to the client now');
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('All 3 steps done ✓');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3);
});

/** The introspection page's minting panel: demo-m2m for the Management API, with exactly these scopes. */
async function mintManagementToken(page: Page, scopes: string[]) {
  const mint = page.getByRole('region', { name: 'Get a client-credentials token' });
  await mint.getByRole('combobox', { name: 'Client profile' }).selectOption('demo');
  await mint.getByRole('combobox', { name: 'Audience' }).selectOption(managementApi);
  for (const scope of scopes) await mint.getByRole('checkbox', { name: scope, exact: true }).check();
  await mint.getByRole('button', { name: 'Get token' }).click();
  await expect(mint.getByRole('status')).toContainText(`scope: ${scopes.join(' ')}.`);
}

test('lesson “Which scopes does this feature need?”: the least-privilege set, every call 200, one scope fewer 403 naming it', async ({ page }) => {
  test.setTimeout(60_000);
  await openLesson(page, 'scopes-for-a-feature', 'Which scopes does this feature of our app need?');
  await followLink(page, 1, 'Open the scope picker (the dashboard’s endpoints)');
  await expect(page.getByText('read:roles read:users').first()).toBeVisible();
  await expect(page.getByText('POST /api/v2/client-grants body')).toBeVisible();
  await backToLesson(page);
  await expectDone(page, 1);

  await followLink(page, 2, 'Open the token minting panel');
  await mintManagementToken(page, ['read:users', 'read:roles']);
  await backToLesson(page);
  for (const endpoint of ['GET /api/v2/users', 'GET /api/v2/roles']) {
    await followLink(page, 2, `Open the explorer on ${endpoint}`);
    await useTabToken(page, /^Minted by/);
    await sendExpecting(page, 200);
    await backToLesson(page);
  }
  await expectDone(page, 1, 2);

  await followLink(page, 3, 'Open the token minting panel');
  await mintManagementToken(page, ['read:users']);
  await backToLesson(page);
  await followLink(page, 3, 'Open the explorer on GET /api/v2/roles');
  await useTabToken(page, /^Minted by/);
  await sendExpecting(page, 403);
  await expect(response(page).getByRole('region', { name: 'Why' })).toContainText('read:roles');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3);
});

test('lesson “From the global client secret to client credentials”: base64 secret verifies, lifetime flagged, a 24 h two-scope token calls /clients', async ({ page }) => {
  test.setTimeout(60_000);
  await openLesson(page, 'global-secret-to-client-credentials', 'From the global client secret to client credentials');
  // The example material is made in the browser once the page is up ("Making it…" until then).
  const secretBox = page.getByRole('textbox', { name: 'Example global client secret (base64)' });
  await expect(secretBox).toHaveValue(/^[A-Za-z0-9+/]+=*$/);
  const secret = await secretBox.inputValue();
  await expect(step(page, 1).getByRole('link', { name: 'Open the legacy token in the token editor' })).toBeVisible();
  await followLink(page, 1, 'Open the legacy token in the token editor');
  await expect(page.getByRole('table', { name: /^Claims/ })).toBeVisible();
  await page.getByRole('textbox', { name: 'Verification key' }).fill(secret);
  await expect(page.getByRole('status', { name: 'Signature' })).not.toHaveText(/^Signature verified/);
  await page.getByRole('combobox', { name: 'Secret encoding' }).selectOption('base64');
  await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Signature verified/);
  await expect(page.getByRole('list', { name: 'Findings' })).toContainText('long-lived');
  await backToLesson(page);
  await expectDone(page, 1, 2);

  await followLink(page, 3, 'Open the token minting panel');
  await mintManagementToken(page, ['read:clients', 'read:client_keys']);
  await expect(page.getByRole('region', { name: 'Get a client-credentials token' }).getByRole('status')).toContainText(/expires in (1 d|23 h)/);
  await backToLesson(page);
  await expectDone(page, 3);

  await followLink(page, 4, 'Open the explorer on GET /api/v2/clients');
  await useTabToken(page, /^Minted by/);
  await sendExpecting(page, 200);
  await expect(response(page).getByLabel('Response body')).toContainText('client_secret');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3, 4);
});

test('lesson “Introspecting app-specific passwords”: create for bob, introspect active through demo-rs, delete, inactive, lint an assertion', async ({ page }) => {
  test.setTimeout(60_000);
  await openLesson(page, 'app-specific-passwords', 'Introspecting app-specific passwords with private_key_jwt');
  const assertion = page.getByRole('textbox', { name: /^Example client assertion for demo-rs/ });
  await expect(assertion).toHaveValue(/^eyJ/);
  const exampleAssertion = await assertion.inputValue();

  await followLink(page, 1, 'Open the explorer on POST …/users/auth0|bob/application-passwords');
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await expect(page.getByRole('textbox', { name: 'id', exact: true })).toHaveValue('auth0|bob');
  await page.getByRole('textbox', { name: 'Body (JSON)' }).fill('{"label":"calendar sync","audience":"https://api.demo.test/","scope":["read:appointments"]}');
  await sendExpecting(page, 201);
  const body = (await response(page).getByLabel('Response body').textContent()) ?? '';
  const value = /"value":\s*"([A-Za-z]{16})"/.exec(body)?.[1] ?? '';
  const aspId = /"id":\s*"(asp_[^"]+)"/.exec(body)?.[1] ?? '';
  expect(value).not.toBe('');
  await backToLesson(page);
  await expectDone(page, 1);

  const result = page.getByRole('region', { name: 'Introspection result' });
  const introspect = async () => {
    await page.getByRole('textbox', { name: 'Token', exact: true }).fill(value);
    await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
    await page.getByRole('button', { name: 'Introspect' }).click();
  };
  await followLink(page, 2, 'Open introspection');
  await introspect();
  await expect(result.getByRole('row', { name: /^username/ })).toContainText('bob');
  await backToLesson(page);
  await expectDone(page, 2);

  await followLink(page, 3, 'Open the explorer on DELETE …/application-passwords/{asp_id}');
  await page.getByRole('combobox', { name: 'Profile' }).selectOption('demo');
  await page.getByRole('textbox', { name: 'asp_id', exact: true }).fill(aspId);
  await sendExpecting(page, 204);
  await backToLesson(page);
  await expectDone(page, 3);

  await followLink(page, 4, 'Open introspection');
  await introspect();
  await expect(result.getByText('active: false')).toBeVisible();
  await backToLesson(page);
  await expectDone(page, 4);

  await followLink(page, 5, 'Open introspection');
  await page.getByRole('combobox', { name: 'Profile', exact: true }).selectOption('demo-rs');
  await page.getByRole('textbox', { name: 'Client assertion', exact: true }).fill(exampleAssertion);
  await page.getByRole('button', { name: 'Lint assertion' }).click();
  await expect(page.getByRole('list', { name: 'Assertion checks' }).locator('[data-severity="error"]')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Lesson' })).toContainText('All 5 steps done ✓');
  await backToLesson(page);
  await expectDone(page, 1, 2, 3, 4, 5);
});

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('never reached by Tab');
}

test('a lesson can be followed from the keyboard: the step link, the tool, the rail’s way back', async ({ page }) => {
  await openLesson(page, 'trailing-slash', 'One trailing slash');
  await tabTo(page, step(page, 1).getByRole('link', { name: 'Open the builder (audience without the slash)' }));
  await page.keyboard.press('Enter');
  const rail = page.getByRole('complementary', { name: 'Lesson' });
  await expect(pitfall(page, 'audience-mismatch')).toBeVisible();
  await expect(rail.getByRole('status')).toContainText('Step 2 of 3');
  await tabTo(page, rail.getByRole('link', { name: 'Back to lesson' }));
  await page.keyboard.press('Enter');
  await expectDone(page, 1);
  await expect(stepState(page, 2)).toHaveText('to do');
});
