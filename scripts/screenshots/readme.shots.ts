import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { colorSchemes, uiStates } from '../../e2e/support/ui-states';

/** One state per tool, the one that shows what the tool is for; each at 360 px and 1400 px, in both themes. */
const shots: { file: string; route: string; state: string }[] = [
  { file: 'debugger', route: '/debugger', state: 'token pasted' },
  { file: 'scopes', route: '/scopes', state: 'endpoints selected with a token' },
  { file: 'explorer', route: '/explorer', state: 'a 403 explained' },
  { file: 'authorize', route: '/authorize', state: 'pitfalls shown' },
  { file: 'callback', route: '/callback', state: 'callback with tokens' },
  { file: 'introspect', route: '/introspect', state: 'introspection result (JWT, verified locally)' },
  { file: 'learn', route: '/learn/trailing-slash', state: 'a step done' },
];

const viewports = [
  { width: 1400, height: 900 },
  { width: 360, height: 800 },
] as const;

const outDir = fileURLToPath(new URL('./png/', import.meta.url));

for (const shot of shots) {
  for (const viewport of viewports) {
    for (const scheme of colorSchemes) {
      test(`${shot.file} at ${viewport.width} px, ${scheme}`, async ({ page, request }) => {
        test.setTimeout(120_000);
        const state = uiStates.find((s) => s.route === shot.route && s.state === shot.state);
        expect(state, `no UI state "${shot.route}, ${shot.state}" in e2e/support/ui-states.ts`).toBeDefined();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await state!.reach(page, request);
        // The state's own check has passed; the top of the page is what a reader compares.
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: `${outDir}${shot.file}-${viewport.width}-${scheme}.png`, animations: 'disabled', caret: 'hide' });
      });
    }
  }
}
