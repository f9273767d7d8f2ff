import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Core } from '../../src/core/app.ts';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { memoryStores } from '../../src/core/sync/connection-store.ts';
import { createConnectableCore } from '../../src/core/sync/connectable-core.ts';
import { startWebShell, type WebShell } from '../../src/web/server.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { ADMIN, ORG, test as base } from './fixtures.ts';
import { testLogger } from './run-logs.ts';

// A standalone install with data, as the desktop shell builds it (a connectable core: standalone until
// an admin saves a central connection on the Sync page), and an empty, migrated MariaDB central.

export interface ConnectableInstall {
  core: Core;
  shell: WebShell;
  central: TestDb;
  /** What the admin types into the Central database card. */
  fields: { host: string; port: number; database: string; user: string; password: string };
  open(page: Page): Promise<void>;
}

const ROOT = join(import.meta.dirname, '../..');

export const test = base.extend<{ install: ConnectableInstall }>({
  install: async ({ consoleErrors: _watch, page }, use, testInfo) => {
    const log = testLogger(testInfo);
    const central = await freshDb('mysql');
    if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
    const { host, port, user, password, database } = central.url;
    const dir = mkdtempSync(join(tmpdir(), 'smms-e2e-connect-'));
    const db = connect(`sqlite:${join(dir, 'smms.sqlite')}`);
    await migrateToLatest(db);
    const { core } = await createConnectableCore({
      db,
      appVersion: 'e2e',
      stores: memoryStores(),
      intervalMs: 60_000,
      debounceMs: 300,
      log,
    });
    const s = core.openSession();
    const init = await core.dispatch('setup:initialize', { ...ORG, admin: ADMIN }, s);
    core.closeSession(s);
    if (!init.ok) throw new Error(`seed failed: ${init.error.message}`);
    const shell = await startWebShell({ core, staticDir: join(ROOT, 'out/renderer'), log });
    await use({
      core,
      shell,
      central,
      fields: { host, port, database, user, password },
      open: async (p) => {
        await p.goto(shell.url);
      },
    });
    await page.close();
    await shell.close();
    await core.close();
    await central.drop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect, screenshot, signIn, ADMIN } from './fixtures.ts';
