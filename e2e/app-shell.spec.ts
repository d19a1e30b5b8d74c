import { expect, test } from '@playwright/test';

const tools = [
  { path: '/debugger', link: 'Token editor' },
  { path: '/scopes', link: 'Scope picker' },
  { path: '/authorize', link: 'Authorize URL' },
  { path: '/introspect', link: 'Introspection' },
  { path: '/explorer', link: 'API explorer' },
];

test('the app loads at / and redirects to the token editor', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/debugger$/);
  await expect(page.getByRole('navigation', { name: 'Tools' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

for (const tool of tools) {
  test(`${tool.path} renders its tool inside the shell`, async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(tool.path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: tool.link })).toHaveAttribute('aria-current', 'page');
    expect(errors).toEqual([]);
  });
}

test('/callback renders', async ({ page }) => {
  await page.goto('/callback');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('an unknown route shows the not-found page with links to the tools', async ({ page }) => {
  await page.goto('/no/such/tool?x=1');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/tool')).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Scope picker' }).click();
  await expect(page).toHaveURL(/\/scopes$/);
});

test('the tool navigation works from the keyboard', async ({ page }) => {
  await page.goto('/debugger');
  const nav = page.getByRole('navigation', { name: 'Tools' });
  await nav.getByRole('link', { name: 'Token editor' }).focus();
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Scope picker' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/authorize$/);
  await expect(nav.getByRole('link', { name: 'Authorize URL' })).toHaveAttribute('aria-current', 'page');
});

test('the theme choice applies and survives a reload', async ({ page }) => {
  await page.goto('/debugger');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const darkBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  const lightBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(lightBg).not.toBe(darkBg);
});

test('the layout fits a 360 px wide screen without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const tool of tools) {
    await page.goto(tool.path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${tool.path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test('HTML pages carry the security headers', async ({ request }) => {
  const res = await request.get('/debugger');
  expect(res.status()).toBe(200);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  expect(res.headers()['referrer-policy']).toBe('no-referrer');
});
