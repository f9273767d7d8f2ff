import { createCore, type Core } from './app.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Logger } from './log.ts';
import { isSyncedMode } from './sync/local-state.ts';
import { createSyncedLocalCore } from './sync/local-core.ts';

/**
 * What every shell does at start: connect, migrate, and build the core. A local SQLite database that
 * was switched to synced mode gets the outbox-capturing core, so a write made from the CLI queues
 * for central exactly as one made in the app does.
 */
export async function openCore(opts: {
  dbUrl: string;
  appVersion: string;
  platform?: string;
  log?: Logger;
}): Promise<{ core: Core; synced: boolean }> {
  const db = connect(opts.dbUrl);
  try {
    await migrateToLatest(db);
    if (db.dialect === 'sqlite' && (await isSyncedMode(db.kysely))) {
      return { core: (await createSyncedLocalCore({ ...opts, db })).core, synced: true };
    }
    return { core: createCore({ ...opts, db }), synced: false };
  } catch (err) {
    await db.close();
    throw err;
  }
}
