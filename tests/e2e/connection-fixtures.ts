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
import { makeCast } from '../fixtures/builders.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { ADMIN, ORG, test as base } from './fixtures.ts';
import { testLogger } from './run-logs.ts';

// An install as the desktop shell builds it (a connectable core: standalone until connected) and a
// migrated MariaDB central. `install`: set up with data, central empty (the Sync page uploads it).
// `freshInstall`: never set up, central holding a department (the first-run screen joins it).

export interface ConnectableInstall {
  core: Core;
  shell: WebShell;
  central: TestDb;
  /** What the admin types into the Central database card. */
  fields: { host: string; port: number; database: string; user: string; password: string };
  open(page: Page): Promise<void>;
}

export interface FreshInstall extends ConnectableInstall {
  /** Who is on central: the department's people, one per role. */
  cast: Awaited<ReturnType<typeof makeCast>>;
}

const ROOT = join(import.meta.dirname, '../..');

async function build(
  page: Page,
  log: ReturnType<typeof testLogger>,
  mode: 'set-up' | 'fresh',
  use: (i: ConnectableInstall & { cast: FreshInstall['cast'] | null }) => Promise<void>,
): Promise<void> {
  const central = await freshDb('mysql');
  const cast = mode === 'fresh' ? await makeCast(central.kysely) : null;
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
  if (mode === 'set-up') {
    const s = core.openSession();
    const init = await core.dispatch('setup:initialize', { ...ORG, admin: ADMIN }, s);
    core.closeSession(s);
    if (!init.ok) throw new Error(`seed failed: ${init.error.message}`);
  }
  const shell = await startWebShell({ core, staticDir: join(ROOT, 'out/renderer'), log });
  await use({
    core,
    shell,
    central,
    cast,
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
}

export const test = base.extend<{ install: ConnectableInstall; freshInstall: FreshInstall }>({
  install: async ({ consoleErrors: _watch, page }, use, testInfo) =>
    build(page, testLogger(testInfo), 'set-up', use),
  freshInstall: async ({ consoleErrors: _watch, page }, use, testInfo) =>
    build(page, testLogger(testInfo), 'fresh', async (i) => {
      if (!i.cast) throw new Error('a fresh install needs a populated central');
      await use({ ...i, cast: i.cast });
    }),
});

export { expect, screenshot, signIn, ADMIN } from './fixtures.ts';
