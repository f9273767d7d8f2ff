import { connect, type Db } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Logger } from '../log.ts';
import { authenticateCentral } from './central.ts';
import { syncOnce } from './engine.ts';
import type { Faults } from './faults.ts';
import { countOutbox, getCursor, getState, setState } from './local-state.ts';
import { foreignKeysOff, type SyncedLocalCore } from './local-core.ts';
import { SyncLoop, type SyncStatusEvent } from './loop.ts';

// Entry points the shells call: the main process attaches a loop to its synced core; the CLI runs
// one round (`smms sync`) or reads the state (`smms sync --status`).

export interface AttachedSyncLoop {
  loop: SyncLoop;
  close(): Promise<void>;
}

/**
 * Starts syncing `userId`'s laptop against central. Status events go out through the core's
 * emit('sync:status'), which the shell forwards to the renderer's badge.
 */
export async function attachSyncLoop(opts: {
  synced: SyncedLocalCore;
  db: Db;
  centralUrl: string;
  userId: string;
  appVersion: string;
  intervalMs?: number;
  debounceMs?: number;
  log?: Logger;
}): Promise<AttachedSyncLoop> {
  let central: Db | null = null;
  const loop = new SyncLoop({
    local: opts.db,
    userId: opts.userId,
    intervalMs: opts.intervalMs,
    debounceMs: opts.debounceMs,
    log: opts.log,
    run: (onProgress) => {
      central ??= connect(opts.centralUrl, { poolSize: 2 });
      return syncOnce({
        local: opts.db,
        central,
        userId: opts.userId,
        appVersion: opts.appVersion,
        onProgress,
      });
    },
    onStatus: (status: SyncStatusEvent) => opts.synced.core.emit({ type: 'sync:status', status }),
  });
  const off = opts.synced.onQueued(() => loop.notifyLocalWrite());
  await loop.start();
  return {
    loop,
    async close() {
      off();
      await loop.stop();
      await central?.close();
    },
  };
}

export interface SyncOnceSummary {
  pushed: number;
  applied: number;
  rejected: number;
  conflicts: number;
  pulled: number;
  evicted: number;
  cursor: number;
  durationMs: number;
}

async function openLocal(localUrl: string): Promise<Db> {
  const db = connect(localUrl);
  if (db.dialect !== 'sqlite') {
    await db.close();
    throw new Error('--local must be an SQLite database (sqlite:<file>).');
  }
  try {
    await migrateToLatest(db);
    await foreignKeysOff(db);
    return db;
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** One full push + pull for the CLI: signs in against central with email and password. */
export async function runSyncOnce(opts: {
  localUrl: string;
  centralUrl: string;
  email: string;
  password: string;
  appVersion?: string;
  faults?: Faults;
}): Promise<SyncOnceSummary> {
  const local = await openLocal(opts.localUrl);
  const central = connect(opts.centralUrl, { poolSize: 2 });
  try {
    if (central.dialect !== 'mysql')
      throw new Error('--central must be a MySQL/MariaDB database (mysql://...).');
    const actor = await authenticateCentral(central, opts.email, opts.password);
    await setState(local.kysely, 'mode', 'synced');
    const r = await syncOnce({
      local,
      central,
      userId: actor.userId,
      appVersion: opts.appVersion ?? 'cli',
      faults: opts.faults,
    });
    await setState(local.kysely, 'lastSuccessAt', new Date().toISOString());
    const { pushed, applied, rejected, conflicts, pulled, evicted, cursor, durationMs } = r;
    return { pushed, applied, rejected, conflicts, pulled, evicted, cursor, durationMs };
  } finally {
    await Promise.allSettled([local.close(), central.close()]);
  }
}

export interface LocalSyncStatus {
  mode: 'standalone' | 'synced';
  clientId: string | null;
  userId: string | null;
  cursor: number | null;
  pending: number;
  applied: number;
  rejected: number;
  conflicts: number;
  discarded: number;
  snapshotAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
}

/** What `smms sync --status` prints: this laptop's sync state, read from the local database only. */
export async function syncStatus(localUrl: string): Promise<LocalSyncStatus> {
  const local = await openLocal(localUrl);
  try {
    const db = local.kysely;
    const counts = await countOutbox(db);
    return {
      mode: (await getState(db, 'mode')) === 'synced' ? 'synced' : 'standalone',
      clientId: await getState(db, 'clientId'),
      userId: await getState(db, 'userId'),
      cursor: await getCursor(db),
      pending: counts.PENDING,
      applied: counts.APPLIED,
      rejected: counts.REJECTED,
      conflicts: counts.CONFLICT,
      discarded: counts.DISCARDED,
      snapshotAt: await getState(db, 'snapshotAt'),
      lastSuccessAt: await getState(db, 'lastSuccessAt'),
      lastError: await getState(db, 'lastError'),
    };
  } finally {
    await local.close();
  }
}
