import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { chromium } from '@playwright/test';
import { e2eEnv } from './e2e/support/env';

/** Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium), else Playwright's own browser; a clear error when there is none. */
function resolveChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = '';
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    `No Chromium found for the e2e tests. Tried CHROMIUM_PATH (${process.env.CHROMIUM_PATH ?? 'unset'}), /usr/bin/chromium and Playwright's own browser. ` +
      'Install one: `apt-get install -y chromium` (Debian), or `npx playwright install chromium` where downloads work, or set CHROMIUM_PATH.',
  );
}

const executablePath = resolveChromium();
const { appPort, asPort, baseURL, dataDir, distDir, accessKey, accessKeyCookie, metadataAllowedOrigin } = e2eEnv;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  // One output folder per port pair, so suites running side by side don't delete each other's traces.
  outputDir: `test-results/${appPort}`,
  use: {
    baseURL,
    // As if every test had opened the URL that npm start prints: the access key is in its HttpOnly cookie.
    storageState: { cookies: [accessKeyCookie], origins: [] },
    // Nothing a suite loads may come from the offline cache; e2e/offline.spec.ts allows the worker for itself.
    serviceWorkers: 'block',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'npx tsx src/server/main.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(appPort),
      DEMO_AS_PORT: String(asPort),
      DEMO_AS_DATA_DIR: dataDir,
      WORKBENCH_DIST: distDir,
      WORKBENCH_CONFIG: 'e2e/fixtures/workbench.e2e.json',
      LOG_REQUESTS: '0',
      WORKBENCH_KEY: accessKey,
      WORKBENCH_METADATA_ALLOW: metadataAllowedOrigin,
    },
  },
});
