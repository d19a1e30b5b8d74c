import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAs } from './support/demo-tenant';

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

async function logIn(page: Page, user: 'alice' | 'bob') {
  await page.getByRole('button', { name: 'Log in' }).click();
  await signInAs(page, user);
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
