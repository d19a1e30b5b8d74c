import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/**
 * `npm run screenshots`: the README's pictures of each tool, taken by the e2e setup (real companion server,
 * real demo tenant, Debian's Chromium) so they show what a user sees. Not part of `npm test`: it writes files.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'readme.shots.ts',
  outputDir: `../../test-results/screenshots`,
  workers: 1,
  // The server starts from the repository root, as in `npm test`, whatever folder this config sits in.
  webServer: { ...(base.webServer as object), cwd: fileURLToPath(new URL('../..', import.meta.url)) } as typeof base.webServer,
});
