import { join } from 'node:path';
import type { TestInfo } from '@playwright/test';
import electronLog from 'electron-log/node';
import { DEMO_PASSWORD } from '../../src/core/demo/generate.ts';
import { parseDbUrl } from '../../src/core/db/url.ts';
import type { RedactingLogger } from '../../src/core/ops/log-sink.ts';
import { openFileLogger } from '../../src/core/ops/log-file.ts';
import { DEFAULT_PASSWORD } from '../fixtures/builders.ts';
import { MYSQL_SERVER } from '../helpers/db.ts';
import { ADMIN, LAPTOP_PASSWORD } from './accounts.ts';

// The run's logs (issue 10: "logs from a full e2e run contain no password, token or password hash").
// Every shell a spec starts logs through the production logger (openFileLogger: redacted JSON lines,
// info and up, rotated) into one folder per run, one file per test; global-setup.ts empties the folder
// and global-teardown.ts greps it.

/** How the folder reaches the workers (global setup runs first, in the runner process). */
export const LOG_DIR_ENV = 'SMMS_E2E_LOG_DIR';
export const RUN_LOG_DIR = join(import.meta.dirname, '../../test-results/e2e-logs');

/**
 * Every password the specs and their fixtures seed or type, right or wrong (a wrong one is still
 * someone's password with a typo). A spec that types a new one adds it here.
 */
export function e2ePasswords(): string[] {
  const central = parseDbUrl(`${MYSQL_SERVER}/smms`);
  return [
    ADMIN.password,
    LAPTOP_PASSWORD,
    DEMO_PASSWORD,
    DEFAULT_PASSWORD,
    central.kind === 'mysql' ? central.password : '',
    // login.spec.ts
    'not-the-password',
    'whatever',
    ...[0, 1, 2, 3, 4].map((i) => `wrong-${i}`),
    // account.spec.ts
    'not-my-password',
    'Another-Office-Pass-7',
    'Another-Office-Pass-8',
    'typed-before-lunch',
    'wrong-password',
    // admin-org.spec.ts, first-run.spec.ts
    'Circuits-and-Signals-42',
    'short-pass',
    // join-central.spec.ts
    'Not-The-Password-1',
    'Neha-First-Pass-2026',
  ];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** The log a test's shell and core write to: <run folder>/<spec>--<title>.log. */
export function testLogger(testInfo: TestInfo): RedactingLogger {
  const dir = process.env[LOG_DIR_ENV];
  if (!dir) throw new Error(`${LOG_DIR_ENV} is not set: run the specs through playwright.config.ts.`);
  const spec = slug(
    testInfo.file
      .split(/[\\/]/)
      .at(-1)!
      .replace(/\.spec\.ts$/, ''),
  );
  const file = join(dir, `${spec}--${slug(testInfo.title)}.log`);
  return openFileLogger(electronLog.create({ logId: `e2e-${testInfo.testId}` }), file);
}
