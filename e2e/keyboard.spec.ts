import { expect, test, type Locator, type Page } from '@playwright/test';
import { clientCredentialsToken, demoApi, managementApi } from './support/demo-tenant';
import { sampleAccessToken } from './support/ui-states';

/** Each tool's core task with the keyboard only: Tab, Shift+Tab, typing, arrows, Space and Enter. No clicks, no fill(). */

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/** Presses Tab until `target` has focus; fails if it is not reachable within `max` stops. */
async function tabTo(page: Page, target: Locator, max = 200): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press('Tab');
  }
  expect(await isFocused(target), `not reachable with ${max} Tab presses`).toBe(true);
}

/** Presses `key` until `target` has focus: the arrow keys inside a one-tab-stop widget. */
async function arrowTo(page: Page, target: Locator, key = 'ArrowDown', max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  expect(await isFocused(target), `not reachable with ${max} ${key} presses`).toBe(true);
}

/** Moves a focused <select> with the arrow keys until it shows `value`. */
async function arrowSelect(page: Page, select: Locator, value: string): Promise<void> {
  for (let i = 0; i < 20 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

test('token editor: paste a token, type the secret, see the signature verified', async ({ page }) => {
  await page.goto('/debugger');
  await tabTo(page, page.getByRole('textbox', { name: 'Encoded token' }));
  await page.keyboard.insertText(await sampleAccessToken());
  await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Not verified: no key yet/);
  await tabTo(page, page.getByRole('textbox', { name: 'Verification key' }));
  await page.keyboard.insertText('a-string-secret-at-least-256-bits-long!!');
  await expect(page.getByRole('status', { name: 'Signature' })).toHaveText(/^Signature verified/);
});

test('scope picker: search, tick an endpoint with Space, read the scope string', async ({ page }) => {
  await page.goto('/scopes');
  await tabTo(page, page.getByRole('searchbox', { name: 'Search endpoints' }));
  await page.keyboard.type('users/{id}');
  // The endpoint list is one tab stop (a layout grid): arrows move inside it.
  const grid = page.getByRole('grid', { name: 'Endpoint list' });
  await tabTo(page, grid, 5);
  const patch = page.getByRole('checkbox', { name: 'PATCH /api/v2/users/{id}', exact: true });
  await arrowTo(page, patch);
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: 'Required scopes' }).getByRole('status', { name: 'Scope string' })).not.toBeEmpty();
  // Right reaches the row's "Try it"; Tab leaves the list at once, and Shift+Tab comes back to where it was.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.endpoint-row').filter({ has: patch }).getByRole('link', { name: 'Try it' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(patch).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await isFocused(grid)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(patch).toBeFocused();
  // State the intent with the arrow keys of the radio group.
  const intent = page.getByRole('group', { name: 'What must PATCH /api/v2/users/{id} be able to change?' });
  await tabTo(page, intent.getByRole('radio', { name: 'Any field' }), 20);
  await page.keyboard.press('ArrowDown');
  await expect(intent.getByRole('radio', { name: 'app_metadata only' })).toBeChecked();
});

test('scope picker: a pasted token lists its callable endpoints, and the list scrolls from the keyboard', async ({ page, request }) => {
  const token = await clientCredentialsToken(request, managementApi, 'read:users read:clients read:roles read:logs');
  await page.goto('/scopes');
  // Past the endpoint list (hundreds of tab stops, each with its "Try it" link) by the page's skip link.
  await tabTo(page, page.getByRole('link', { name: 'Skip to the token check' }), 20);
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('textbox', { name: 'Access token' }), 10);
  await page.keyboard.insertText(token);
  const callable = page.getByRole('list', { name: 'Callable endpoints' });
  await expect(callable.getByRole('listitem').first()).toBeVisible();
  await tabTo(page, callable);
  await page.keyboard.press('End');
  await expect.poll(() => callable.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
});

test('scope picker: without the skip link, "Access token" is a few Tab stops away, not ~125', async ({ page }) => {
  await page.goto('/scopes');
  await expect(page.getByRole('grid', { name: 'Endpoint list' }).getByRole('row').first()).toBeVisible();
  // The endpoint list is one tab stop; what remains is the header, the picker's controls and the empty side panels.
  await tabTo(page, page.getByRole('textbox', { name: 'Access token' }), 40);
});

test('authorize URL: pick the demo profile, log in as alice, exchange the code', async ({ page }) => {
  await page.goto('/authorize');
  const profile = page.getByLabel('Profile', { exact: true });
  await tabTo(page, profile);
  await arrowSelect(page, profile, 'demo-spa');
  await tabTo(page, page.getByLabel('Audience'));
  await page.keyboard.type(demoApi);
  await tabTo(page, page.getByRole('button', { name: 'Log in' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Demo tenant' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Sign in as alice' }), 20);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/callback');
  await tabTo(page, page.getByRole('button', { name: 'Exchange code' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tokens' })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Access token/ }).getByText('JWT', { exact: true })).toBeVisible();
});

test('authorize URL: with no client ID, "Log in" is disabled and says why', async ({ page }) => {
  await page.goto('/authorize');
  await expect(page.getByLabel('Client ID')).toHaveValue('');
  const logIn = page.getByRole('button', { name: 'Log in' });
  await expect(logIn).toBeDisabled();
  await expect(logIn).toHaveAccessibleDescription(/“Log in” is disabled: There is no client ID/);
  await tabTo(page, page.getByLabel('Domain or issuer'));
  await page.keyboard.type('tenant.auth0.com');
  await expect(logIn).toBeDisabled();
  await tabTo(page, page.getByLabel('Client ID'));
  await page.keyboard.type('my-app');
  await expect(logIn).toBeEnabled();
  await expect(page.getByText('“Log in” is disabled')).toHaveCount(0);
});

test('introspection: type a token, choose the profile, introspect with Enter', async ({ page, request }) => {
  const jwt = await clientCredentialsToken(request, demoApi, 'read:appointments');
  await page.goto('/introspect');
  await tabTo(page, page.getByRole('textbox', { name: 'Token', exact: true }));
  await page.keyboard.insertText(jwt);
  const profile = page.getByRole('combobox', { name: 'Profile', exact: true });
  await expect(profile.locator('option[value="demo-rs"]')).toHaveCount(1);
  await tabTo(page, profile);
  await arrowSelect(page, profile, 'demo-rs');
  await tabTo(page, page.getByRole('button', { name: 'Introspect' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Introspection result' }).getByText(/^Signature verified/)).toBeVisible();
});

for (const width of [360, 1400]) {
  test(`at ${width} px, tabbing backwards never leaves the focused control under the sticky header`, async ({ page }) => {
    await page.setViewportSize({ width, height: 740 });
    for (const path of ['/authorize', '/debugger']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // Start at the last control of the page, then walk back up.
      await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('main a[href], main button:not([disabled]), main input, main select, main textarea')].at(-1)?.focus());
      const hidden: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Shift+Tab');
        const under = await page.evaluate(() => {
          const el = document.activeElement;
          const header = document.querySelector('.app-header');
          if (!el || !header || header.contains(el) || el === document.body) return null;
          const box = el.getBoundingClientRect();
          const bottom = header.getBoundingClientRect().bottom;
          // Covered means the header, not the control, is what shows at the control's top edge (the skip link sits above the header).
          const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 8), box.top + 1);
          return box.top < bottom - 1 && hit !== null && header.contains(hit) ? `${el.tagName.toLowerCase()}.${el.className} h${Math.round(box.height)} "${el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.slice(0, 30) ?? ''}" top ${Math.round(box.top)} < header ${Math.round(bottom)}` : null;
        });
        if (under) hidden.push(under);
      }
      expect(hidden, `${path}: focused controls under the header`).toEqual([]);
    }
  });
}

test('API explorer: pick the profile with the arrows, send with Enter, read the 200', async ({ page }) => {
  await page.goto(`/explorer?endpoint=${encodeURIComponent('GET /api/v2/users')}`);
  const profile = page.getByRole('combobox', { name: 'Profile' });
  await tabTo(page, profile);
  await arrowSelect(page, profile, 'demo');
  await expect(page.getByRole('combobox', { name: 'Authorize with' })).toHaveValue('mint');
  await tabTo(page, page.getByRole('button', { name: 'Send request' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Response' }).locator('[data-status="200"]')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Response' }).getByLabel('Response body')).toContainText('alice@demo.test');
});
