import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { decodeJwt } from 'jose';

/** Issue 13 §3: what a first-time user meets in the token editor, from the empty box to each example's diagnosis. */

const tokenBox = (page: Page) => page.getByRole('textbox', { name: 'Encoded token' });
const status = (page: Page, name: string) => page.getByRole('status', { name });
const findings = (page: Page) => page.getByRole('list', { name: 'Findings' });

async function loadExample(page: Page, label: string) {
  await page.getByRole('combobox', { name: 'Examples' }).selectOption({ label });
  await page.getByRole('button', { name: 'Load example' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Loaded: ${label}.` })).toBeVisible();
}

test('an empty editor has nothing to judge: no verdict, no fail line, no finding', async ({ page }) => {
  await page.goto('/debugger');
  await expect(status(page, 'Signature')).toHaveText(/^Nothing to judge yet/);
  await expect(status(page, 'Token validity')).toHaveText(/^Nothing to judge yet/);
  await expect(page.getByText('No findings.')).toBeVisible();
  await expect(page.getByText(/^Nothing to judge yet: paste a token, and each expectation/)).toBeVisible();
  await expect(page.locator('main .badge').filter({ hasText: /^fail$/ })).toHaveCount(0);
  await expect(page.getByText(/Algorithm: undefined/)).toHaveCount(0);
  await expect(page.locator('main .status.danger, main .status.warn')).toHaveCount(0);
});

test('each example loads with the key that checks it, and shows its own diagnosis', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('/debugger');
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));

  await loadExample(page, 'Auth0-style access token (RS256)');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified: RS256 with kid/);
  await expect(status(page, 'Token type')).toHaveText(/^Access token for an API/);
  await expect(status(page, 'Token validity')).toHaveText(/^Valid now/);
  const access = decodeJwt(await tokenBox(page).inputValue());
  expect(access.exp).toBeGreaterThan(Date.now() / 1000);

  await loadExample(page, 'ID token (RS256)');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified: RS256/);
  await expect(status(page, 'Token type')).toHaveText(/^ID token/);
  await expect(findings(page)).toContainText('id-token-as-access-token');

  await loadExample(page, 'Client-credentials access token (RS256)');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified: RS256/);
  await expect(status(page, 'Token type')).toHaveText(/^Client-credentials access token/);

  await loadExample(page, 'Opaque access token');
  await expect(status(page, 'Token type')).toHaveText(/^Opaque token/);
  await expect(status(page, 'Signature')).toHaveText(/only its issuer can check it/);
  await expect(findings(page)).toContainText('opaque-token');
  await expect(page.getByRole('button', { name: 'Introspect this token' })).toBeVisible();

  await loadExample(page, 'Encrypted token (JWE, dir + A256GCM)');
  await expect(status(page, 'Token type')).toHaveText(/^Encrypted token \(JWE\)/);
  await expect(page.getByRole('textbox', { name: 'Decryption key' })).not.toHaveValue('');
  await page.getByRole('button', { name: 'Decrypt' }).click();
  await page.getByRole('button', { name: 'Open the inner token' }).click();
  await expect(status(page, 'Token type')).toHaveText(/^Access token for an API/);
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified: RS256/);

  await loadExample(page, 'Legacy Management API token (HS256, base64 secret)');
  await expect(page.getByRole('combobox', { name: 'Secret encoding' })).toHaveValue('base64');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified: HS256/);
  await expect(findings(page)).toContainText('long-lived');
  await expect(findings(page)).toContainText(/Lifetime 365 days|exceeds 30 days/);

  // Made in the page: no request but the app's own lazy chunks.
  for (const url of requests) expect(new URL(url).pathname, url).toMatch(/^\/assets\//);
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not rendered');
  return found;
}

test('at 1400 x 900 the token, its header and payload and the signature verdict sit side by side above the fold', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/debugger');
  await loadExample(page, 'Auth0-style access token (RS256)');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified/);
  const token = await box(tokenBox(page));
  const header = await box(page.getByRole('textbox', { name: 'Header' }));
  const payload = await box(page.getByRole('textbox', { name: 'Payload' }));
  const verdict = await box(status(page, 'Signature'));
  for (const [name, b] of Object.entries({ token, header, payload, verdict })) {
    expect(b.y, name).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, name).toBeLessThanOrEqual(900);
    expect(b.x + b.width, name).toBeLessThanOrEqual(1400);
  }
  // Three columns, left to right: encoded, decoded, verdict.
  expect(token.x + token.width).toBeLessThanOrEqual(header.x);
  expect(header.x + header.width).toBeLessThanOrEqual(verdict.x);
  expect(Math.abs(payload.x - header.x)).toBeLessThan(24);
  await expect(page.getByRole('textbox', { name: 'Verification key' })).toBeInViewport();
});

test('at 360 px the editor stacks: token, verdict, then the decoded parts, with no sideways scroll', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/debugger');
  await loadExample(page, 'ID token (RS256)');
  await expect(status(page, 'Signature')).toHaveText(/^Signature verified/);
  const token = await box(tokenBox(page));
  const verdict = await box(status(page, 'Signature'));
  const header = await box(page.getByRole('textbox', { name: 'Header' }));
  expect(verdict.y).toBeGreaterThan(token.y);
  expect(header.y).toBeGreaterThan(verdict.y);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
});

test('"Fill from the token" on an ID token keeps the client id out of the expected audience, and says why', async ({ page }) => {
  await page.goto('/debugger');
  await loadExample(page, 'ID token (RS256)');
  await page.getByRole('button', { name: 'Fill from the token' }).click();
  await expect(page.getByRole('textbox', { name: 'Expected issuer' })).toHaveValue('https://example-tenant.us.auth0.com/');
  await expect(page.getByRole('textbox', { name: 'Expected audience' })).toHaveValue('');
  await expect(page.getByText(/is the client id of the app that signed the user in, not an API audience/)).toBeVisible();

  await loadExample(page, 'Auth0-style access token (RS256)');
  await page.getByRole('button', { name: 'Fill from the token' }).click();
  await expect(page.getByRole('textbox', { name: 'Expected audience' })).toHaveValue('https://api.example.com/');
  await expect(page.getByRole('list', { name: 'Validation results' })).not.toContainText('fail');
});

test('"Introspect this token" takes an opaque token to /introspect in memory, never in the URL', async ({ page }) => {
  await page.goto('/debugger');
  await loadExample(page, 'Opaque access token');
  const token = await tokenBox(page).inputValue();
  await page.getByRole('button', { name: 'Introspect this token' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Introspection' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveValue(token);
  expect(page.url()).not.toContain(token);
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(token);
});
