import { expect, test, type Page } from '@playwright/test';
import { uiStates } from './support/ui-states';

/** At 360 px: nothing widens the page, and no table cell splits a word that would fit on one of its lines. */

test.use({ viewport: { width: 360, height: 740 } });

interface BrokenWord {
  word: string;
  cell: string;
}

/**
 * A word is broken when a line ends between two of its letters or digits although the whole word fits the cell.
 * Long values (tokens, thumbprints) wider than the cell may wrap: they cannot fit anyway.
 */
async function brokenWordsInTables(page: Page): Promise<BrokenWord[]> {
  return page.evaluate(() => {
    // Rendered, and not clipped away like a visually hidden table head (which screen readers still read).
    const shown = (el: Element) => (el as HTMLElement).offsetParent !== null && ![...ancestry(el)].some((node) => getComputedStyle(node).clip === 'rect(0px, 0px, 0px, 0px)');
    function* ancestry(el: Element) {
      for (let node: Element | null = el; node; node = node.parentElement) yield node;
    }
    const found: { word: string; cell: string }[] = [];
    const alnum = /[\p{L}\p{N}]/u;
    for (const cell of document.querySelectorAll<HTMLElement>('table th, table td')) {
      if (!shown(cell)) continue;
      const style = getComputedStyle(cell);
      const contentWidth = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          if (new Set(rects.map((r) => Math.round(r.top))).size < 2) continue;
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          if (width > contentWidth + 1) continue;
          // Where does the line change? Only a break between two letters or digits splits the word.
          let previousTop: number | undefined;
          for (let i = 0; i < match[0].length; i++) {
            range.setStart(node, match.index + i);
            range.setEnd(node, match.index + i + 1);
            const top = range.getClientRects()[0]?.top;
            if (top === undefined) continue;
            if (previousTop !== undefined && Math.abs(top - previousTop) > 2 && alnum.test(match[0][i - 1] ?? '') && alnum.test(match[0][i] ?? '')) {
              found.push({ word: match[0], cell: (cell.textContent ?? '').slice(0, 60) });
              break;
            }
            previousTop = top;
          }
        }
      }
    }
    return found;
  });
}

async function horizontalOverflow(page: Page): Promise<{ page: number; cells: string[] }> {
  return page.evaluate(() => {
    // Rendered, and not clipped away like a visually hidden table head (which screen readers still read).
    const shown = (el: Element) => (el as HTMLElement).offsetParent !== null && ![...ancestry(el)].some((node) => getComputedStyle(node).clip === 'rect(0px, 0px, 0px, 0px)');
    function* ancestry(el: Element) {
      for (let node: Element | null = el; node; node = node.parentElement) yield node;
    }
    return {
    page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    cells: [...document.querySelectorAll<HTMLElement>('table th, table td, .table-scroll')]
      .filter((el) => shown(el) && el.scrollWidth > el.clientWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').slice(0, 60)}`),
    };
  });
}

for (const { route, state, reach } of uiStates) {
  test(`${route}, ${state}: fits 360 px and no table cell breaks a word`, async ({ page, request }) => {
    await reach(page, request);
    const overflow = await horizontalOverflow(page);
    expect(overflow.page, `the page overflows by ${overflow.page}px`).toBeLessThanOrEqual(0);
    expect(overflow.cells, 'cells or table wrappers that scroll sideways').toEqual([]);
    expect(await brokenWordsInTables(page)).toEqual([]);
  });
}

test('the navigation shows every tool at 360 px, and the sticky header stays small', async ({ page }) => {
  await page.goto('/debugger');
  const nav = page.getByRole('navigation', { name: 'Tools' });
  for (const link of await nav.getByRole('link').all()) {
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  const headerHeight = await page.locator('.app-header').evaluate((el) => el.getBoundingClientRect().height);
  expect(headerHeight).toBeLessThanOrEqual(100);
});
