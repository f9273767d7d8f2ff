import { defineConfig } from 'vitest/config';

// Unit and integration tests (SQLite and MariaDB). Browser tests live in tests/e2e and run under
// Playwright; benchmarks live in bench/ and are never timed tests.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'out/**'],
    // Builds the bundled CLI (out/cli) when a source changed, for the tests that spawn `smms`.
    globalSetup: ['tests/cli/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
