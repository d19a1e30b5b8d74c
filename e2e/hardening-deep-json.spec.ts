import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { base64url } from 'jose';

// Issue 14 §4: a payload nested 3,000+ levels deep crashed the token editor ("Maximum call stack size exceeded").
const DEPTH = 5000;
const nested = `${'['.repeat(DEPTH)}"bottom"${']'.repeat(DEPTH)}`;
const deepToken = `${base64url.encode('{"alg":"HS256","typ":"JWT"}')}.${base64url.encode(`{"sub":"deep-alice","deep":${nested}}`)}.`;

const findings = (page: Page) => page.getByRole('list', { name: 'Findings' });

async function expectDecodedNotCrashed(page: Page) {
  await expect(findings(page)).toContainText('deep-json');
  await expect(findings(page)).toContainText('The payload nests 5,001 levels deep');
  await expect(page.getByRole('textbox', { name: 'Payload' })).toContainText('"sub": "deep-alice"');
  await expect(page.getByRole('table', { name: /^Claims/ })).toContainText('deep-alice');
  await expect(page.getByText('This tool crashed')).toHaveCount(0);
}

test('a 5,000-level payload opened from a share link decodes, explains and renders', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`/debugger#token=${deepToken}`);
  await expectDecodedNotCrashed(page);
  expect(errors).toEqual([]);
});

test('a 5,000-level payload pasted into "Encoded token" decodes, explains and renders', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/debugger');
  await page.getByRole('textbox', { name: 'Encoded token' }).fill(deepToken);
  await expectDecodedNotCrashed(page);
  expect(errors).toEqual([]);
});
