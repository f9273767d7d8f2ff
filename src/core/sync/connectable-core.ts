import { createCore, type Core, type CoreOptions } from '../app.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { silentLogger, type Logger } from '../log.ts';
import { systemClock } from '../clock.ts';
import { scheduleReminderPasses, type ReminderTimer } from '../notifications/reminder-timer.ts';
import type { ConnectionStores } from './connection-store.ts';
import { SyncConnection } from './connection.ts';

// The core of a desktop install that can be connected to central while it runs (Electron main and
// the browser shell): standalone until an admin saves a connection on the Sync page, synced after.

export interface ConnectableCore {
  core: Core;
  connection: SyncConnection;
  /** The hourly reminder and digest pass (null when turned off). */
  reminders: ReminderTimer | null;
}

/** Builds the core over an open, migrated local SQLite database, and resumes syncing if it was synced. */
export async function createConnectableCore(
  options: Omit<CoreOptions, 'hooks' | 'online' | 'sync'> & {
    stores: ConnectionStores;
    intervalMs?: number;
    debounceMs?: number;
    /** Delay before the first reminder pass (default 5 minutes); null: no reminder timer. */
    reminderFirstDelayMs?: number | null;
  },
): Promise<ConnectableCore> {
  const { stores, intervalMs, debounceMs, reminderFirstDelayMs, ...coreOptions } = options;
  if (coreOptions.db.dialect !== 'sqlite')
    throw new Error('A desktop install keeps a local SQLite database.');
  const connection = new SyncConnection({
    local: coreOptions.db,
    stores,
    appVersion: coreOptions.appVersion,
    log: coreOptions.log,
    clock: coreOptions.clock,
    intervalMs,
    debounceMs,
  });
  const core = createCore({
    ...coreOptions,
    hooks: connection.hooks,
    online: connection.online,
    sync: connection,
  });
  connection.bind(core);
  await connection.start();
  const reminders =
    reminderFirstDelayMs === null
      ? null
      : scheduleReminderPasses({
          target: () => connection.reminderTarget(),
          clock: coreOptions.clock ?? systemClock,
          log: coreOptions.log ?? silentLogger,
          ...(reminderFirstDelayMs !== undefined ? { firstDelayMs: reminderFirstDelayMs } : {}),
        });
  // Closing the core stops the reminder timer, the loop and the central pool first.
  const close = core.close;
  return {
    core: {
      ...core,
      close: async () => {
        await reminders?.stop();
        await connection.close();
        await close();
      },
    },
    connection,
    reminders,
  };
}

/** Opens (and migrates) the local database file, then builds the connectable core on it. */
export async function openConnectableCore(opts: {
  dbUrl: string;
  appVersion: string;
  stores: ConnectionStores;
  platform?: string;
  log?: Logger;
}): Promise<ConnectableCore> {
  const db: Db = connect(opts.dbUrl);
  try {
    await migrateToLatest(db);
    return await createConnectableCore({ ...opts, db });
  } catch (err) {
    await db.close();
    throw err;
  }
}
