import { sql } from 'kysely';
import { createCore, type Core, type CoreOptions } from '../app.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Logger } from '../log.ts';
import type { Clock } from '../clock.ts';
import type { IdGenerator } from '../ids.ts';
import { installCapture, outboxHooks } from './capture.ts';
import { ensureClientId, setState } from './local-state.ts';
import { loadColumns, type ColumnMap } from './tables.ts';

// One function builds the core of a synced laptop, so the Electron shell, the browser shell and the
// CLI (`smms call --db` on a synced database) all queue to the outbox the same way.

export interface SyncedLocalCore {
  core: Core;
  columns: ColumnMap;
  clientId: string;
  /** Hears every outbox entry as it is queued (before commit: schedule work, do not sync inline). */
  onQueued(listener: (mutationId: string) => void): () => void;
}

/**
 * Decision 9: a scoped cache is not referentially closed (a mentee's row names the admin who
 * assigned it, who is not in a mentor's scope); central enforces the foreign keys. Every door that
 * syncs a cache (the app, `smms sync`) turns them off on its connection first.
 */
export async function foreignKeysOff(db: Db): Promise<void> {
  await sql`PRAGMA foreign_keys = OFF`.execute(db.kysely);
}

/** Builds the core over an open, migrated local SQLite database in synced mode. */
export async function createSyncedLocalCore(options: Omit<CoreOptions, 'hooks'>): Promise<SyncedLocalCore> {
  const { db } = options;
  if (db.dialect !== 'sqlite') throw new Error('The synced cache is a local SQLite database.');
  await foreignKeysOff(db);
  const columns = await loadColumns(db.kysely);
  await installCapture(db.kysely, columns);
  await setState(db.kysely, 'mode', 'synced');
  const clientId = await ensureClientId(db.kysely);
  const listeners = new Set<(mutationId: string) => void>();
  const core = createCore({
    ...options,
    hooks: outboxHooks((id) => {
      for (const l of listeners) l(id);
    }),
  });
  return {
    core,
    columns,
    clientId,
    onQueued(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Opens (and migrates) the local database file, then builds the synced core on it. */
export async function openSyncedLocalCore(opts: {
  dbUrl: string;
  appVersion: string;
  platform?: string;
  log?: Logger;
  clock?: Clock;
  ids?: IdGenerator;
}): Promise<SyncedLocalCore> {
  const db = connect(opts.dbUrl);
  try {
    await migrateToLatest(db);
    return await createSyncedLocalCore({ ...opts, db });
  } catch (err) {
    await db.close();
    throw err;
  }
}
