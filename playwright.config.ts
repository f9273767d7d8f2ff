import { defineConfig } from '@playwright/test';

// End-to-end tests drive Debian's Chromium (no Playwright browser download) through the browser
// shell; each test gets its own shell, core and SQLite file (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  // Greps the run's logs (test-results/e2e-logs) for passwords, hashes and tokens; fails the run.
  globalTeardown: './tests/e2e/global-teardown.ts',
  outputDir: 'test-results',
  // CI machines are small and shared: allow slow starts without hiding a hang.
  timeout: process.env.CI ? 120_000 : 60_000,
  expect: { timeout: process.env.CI ? 20_000 : 10_000 },
  // Two shared cores: one worker keeps timings honest and the machine usable.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['github']] : 'list',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'en-GB',
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.SMMS_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
