import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { colorSchemes, uiStates } from './support/ui-states';

/** axe-core on every route and main state, in both colour schemes: zero violations, WCAG 2.x A and AA plus best practices. */

for (const scheme of colorSchemes) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const { route, state, reach } of uiStates) {
      test(`${route}, ${state}: no axe violations`, async ({ page, request }) => {
        // A time limit, not a speed assertion: axe walks every node, and the scope picker has thousands.
        test.setTimeout(120_000);
        await reach(page, request);
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        const summary = violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}`).join('\n')}`);
        expect(summary, summary.join('\n')).toEqual([]);
      });
    }
  });
}

test('forced colours keep the token segments apart by line style, in the token and its legend', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/debugger');
  const legend = page.locator('.segment-legend');
  const styleOf = (cls: string) => legend.locator(`.${cls}`).evaluate((el) => `${getComputedStyle(el).textDecorationLine} ${getComputedStyle(el).textDecorationStyle}`);
  const styles = [await styleOf('seg-header'), await styleOf('seg-payload'), await styleOf('seg-signature')];
  expect(styles.every((s) => s.startsWith('underline'))).toBe(true);
  expect(new Set(styles).size).toBe(3);
});
