import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrateToLatest, MigrationFailedError, SchemaTooNewError } from '../db/migrate.ts';
import { silentLogger, type Logger } from '../log.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { backupIfDue } from './daily-backup.ts';
import { backupsDirOf, createBackup, dailyBackupDue, latestRestorable, listBackups } from './backup-store.ts';
import { checkIntegrity, inspectDatabaseFile } from './integrity.ts';
import { describeFsError, OpsError } from './ops-errors.ts';
import { clearPendingRestore, readPendingRestore, type PendingRestore } from './pending-restore.ts';
import { restoreDatabase, type RestoreResult } from './restore.ts';
import { removeQuietly } from './sqlite-file.ts';

// What happens to the local database before any shell builds a core on it: the data folder must be
// writable, a restore asked for in the app is carried out, the file must pass integrity_check, a
// backup is taken before any schema step runs, a failed step puts that backup back, and a daily
// backup is taken. Every refusal is an OpsError whose message the shell can show as it is.

export interface StartupProgress {
  stage: 'check' | 'restore' | 'backup' | 'migrate' | 'daily' | 'ready';
  label: string;
  done: number;
  total: number;
}

export interface PrepareOptions {
  dataDir: string;
  dbFile: string;
  now?: () => Date;
  keep?: number;
  log?: Logger;
  /** Awaited, so a shell can put a window up before a long synchronous step starts. */
  onProgress?: (p: StartupProgress) => void | Promise<void>;
  /** Tests inject a failing step; production always runs the frozen list. */
  migrations?: MigrationProvider;
}

export interface PrepareResult {
  dbUrl: string;
  applied: string[];
  backupsMade: string[];
  restored: RestoreResult | null;
  /** Problems that did not stop the start (a daily backup that failed), for the user to see. */
  warnings: string[];
}

export async function prepareLocalDatabase(options: PrepareOptions): Promise<PrepareResult> {
  const { dataDir, dbFile } = options;
  const now = options.now ?? ((): Date => new Date());
  const log = options.log ?? silentLogger;
  const progress = async (p: StartupProgress): Promise<void> => options.onProgress?.(p);
  const backupsDir = backupsDirOf(dataDir);
  const result: PrepareResult = {
    dbUrl: `sqlite:${dbFile}`,
    applied: [],
    backupsMade: [],
    restored: null,
    warnings: [],
  };
  ensureWritable(dataDir);

  const pending = readPendingRestore(dataDir);
  clearPendingRestore(dataDir);
  if (pending) result.restored = await carryOutRestore(options, pending, progress, log);

  if (existsSync(dbFile)) {
    await progress({ stage: 'check', label: 'Checking the database…', done: 0, total: 1 });
    refuseIfCorrupt(dbFile, backupsDir);
  }
  result.applied = await updateSchema(options, result, progress, log);
  if (result.restored && pending) await auditRestore(result.dbUrl, pending, result.restored, now());

  if (existsSync(dbFile) && dailyBackupDue(listBackups(backupsDir), now())) {
    await progress({ stage: 'daily', label: 'Making today’s backup…', done: 0, total: 1 });
  }
  const daily = await backupIfDue(dbFile, dataDir, now(), { keep: options.keep, log });
  if (daily.made) result.backupsMade.push(daily.made);
  if (daily.warning) result.warnings.push(daily.warning);
  await progress({ stage: 'ready', label: 'Opening…', done: 1, total: 1 });
  return result;
}

/** Refuses a newer database; otherwise backs up and runs the pending steps (rolled back on failure). */
async function updateSchema(
  options: PrepareOptions,
  result: PrepareResult,
  progress: (p: StartupProgress) => Promise<void>,
  log: Logger,
): Promise<string[]> {
  const { dbFile } = options;
  const backupsDir = backupsDirOf(options.dataDir);
  const known = await knownSteps(options);
  // integrity_check already ran; on a big file it is not worth running twice in one start.
  const status = existsSync(dbFile) ? inspectDatabaseFile(dbFile, known, { alreadyChecked: true }) : null;
  if (status && status.unknown.length > 0) throw tooNew(status.unknown);
  const pendingSteps = known.filter((n) => !(status?.applied ?? []).includes(n));
  if (pendingSteps.length === 0) return [];
  let backup: string | null = null;
  if (status?.isSmms) {
    await progress({ stage: 'backup', label: 'Backing up before the update…', done: 0, total: 1 });
    backup = await backupBeforeUpdate(dbFile, backupsDir, (options.now ?? ((): Date => new Date()))());
    result.backupsMade.push(backup);
    log.info('pre-migration backup', { backup, pending: pendingSteps });
  }
  return migrateOrRollBack(options, backupsDir, backup, progress, log);
}

async function knownSteps(options: PrepareOptions): Promise<string[]> {
  return Object.keys(options.migrations ? await options.migrations.getMigrations() : MIGRATIONS);
}

/** SQLite needs to create its -wal and -shm files next to the database: the folder must be writable. */
function ensureWritable(dataDir: string): void {
  const probe = join(dataDir, `.smms-write-test-${process.pid}`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'ok');
    removeQuietly(probe);
  } catch (err) {
    throw describeFsError(err, 'open the data folder', `the data folder ${dataDir}`, 'No data was changed.');
  }
}

function refuseIfCorrupt(dbFile: string, backupsDir: string): void {
  const integrity = checkIntegrity(dbFile);
  if (integrity.ok) return;
  const latest = latestRestorable(listBackups(backupsDir));
  const next = latest
    ? `You can restore the latest backup (${latest.name}, made ${latest.createdAt}); the damaged file ` +
      `will be kept in the backups folder, so nothing is deleted.`
    : `There is no backup to restore. Do not delete anything: copy the whole data folder somewhere ` +
      `safe and contact support with Help → Copy diagnostics.`;
  throw new OpsError(
    'CORRUPT',
    `The database file ${dbFile} is damaged (${integrity.problems[0] ?? 'unreadable'}). ` +
      `SMMS has not changed or deleted it. ${next}`,
    {
      problems: integrity.problems,
      latestBackup: latest?.file ?? null,
      latestBackupName: latest?.name ?? null,
    },
  );
}

function tooNew(unknown: string[]): OpsError {
  return new OpsError('TOO_NEW', new SchemaTooNewError(unknown).message, { unknown });
}

async function backupBeforeUpdate(dbFile: string, backupsDir: string, at: Date): Promise<string> {
  try {
    return (await createBackup(dbFile, backupsDir, 'pre-migration', at)).name;
  } catch (err) {
    const e = err as Error;
    throw new OpsError(
      (err as OpsError).problem ?? 'MIGRATION_FAILED',
      `SMMS did not update the database because it could not back it up first: ${e.message} ` +
        `Your data is unchanged and still readable by the previous version.`,
    );
  }
}

async function migrateOrRollBack(
  options: PrepareOptions,
  backupsDir: string,
  backupName: string | null,
  progress: (p: StartupProgress) => Promise<void>,
  log: Logger,
): Promise<string[]> {
  const db: Db = connect(`sqlite:${options.dbFile}`);
  let failure: unknown;
  try {
    const r = await migrateToLatest(db, {
      migrations: options.migrations,
      onStep: (_name, i, total) =>
        void progress({
          stage: 'migrate',
          label: `Updating the database (step ${i + 1} of ${total})…`,
          done: i,
          total,
        }),
    });
    log.info('database updated', { applied: r.applied });
    return r.applied;
  } catch (err) {
    failure = err;
  } finally {
    await db.close();
  }
  if (failure instanceof SchemaTooNewError) throw tooNew(failure.unknownMigrations);
  throw await rollBack(options, backupsDir, backupName, failure, log);
}

async function rollBack(
  options: PrepareOptions,
  backupsDir: string,
  backupName: string | null,
  failure: unknown,
  log: Logger,
): Promise<OpsError> {
  const step = failure instanceof MigrationFailedError ? failure.migrationName : 'unknown';
  const cause = failure instanceof Error ? failure.message : String(failure);
  log.error('database update failed', { step, error: cause });
  if (!backupName) {
    // A brand-new database: there was nothing to lose; the half-made file is kept for support.
    return new OpsError('MIGRATION_FAILED', `Creating the database failed. ${cause}`, { step });
  }
  const file = join(backupsDir, backupName);
  try {
    const restored = await restoreDatabase({
      dbFile: options.dbFile,
      from: file,
      backupsDir,
      at: (options.now ?? ((): Date => new Date()))(),
      keepAs: 'failed-upgrade',
      known: await knownSteps(options),
    });
    log.warn('database restored after failed update', { backup: backupName, kept: restored.kept });
    return new OpsError(
      'MIGRATION_ROLLED_BACK',
      `Updating the database to this version of SMMS failed (${cause}). The database was restored from ` +
        `the backup taken just before the update (${backupName}), so nothing was lost, but this version ` +
        `cannot open it until the problem is fixed. Reinstall the previous version to keep working, and ` +
        `send Help → Copy diagnostics to support.`,
      { step, backup: file, kept: restored.kept },
    );
  } catch (err) {
    log.error('restore after failed update failed', { error: (err as Error).message });
    return new OpsError(
      'MIGRATION_FAILED',
      `Updating the database failed (${cause}) and putting back the backup taken just before the update ` +
        `also failed (${(err as Error).message}). Do not delete anything: the backup is ${file}. Contact support.`,
      { step, backup: file },
    );
  }
}

async function carryOutRestore(
  options: PrepareOptions,
  pending: PendingRestore,
  progress: (p: StartupProgress) => Promise<void>,
  log: Logger,
): Promise<RestoreResult> {
  await progress({ stage: 'restore', label: `Restoring ${basename(pending.file)}…`, done: 0, total: 1 });
  const restored = await restoreDatabase({
    dbFile: options.dbFile,
    from: pending.file,
    backupsDir: backupsDirOf(options.dataDir),
    at: (options.now ?? ((): Date => new Date()))(),
  });
  log.warn('database restored from backup', { backup: basename(pending.file), kept: restored.kept });
  return restored;
}

/** The restored file is older than the trail; this row says who brought it back and from where. */
async function auditRestore(
  dbUrl: string,
  pending: PendingRestore,
  r: RestoreResult,
  at: Date,
): Promise<void> {
  const db = connect(dbUrl);
  try {
    const user = pending.requestedBy
      ? await db.kysely
          .selectFrom('users')
          .select('id')
          .where('id', '=', pending.requestedBy)
          .executeTakeFirst()
      : undefined;
    await insertAudit(db.kysely, {
      userId: user?.id ?? null,
      action: 'ops:restore',
      entity: 'database',
      entityId: null,
      before: null,
      after: { restoredFrom: basename(r.restoredFrom), keptAs: r.kept, requestedAt: pending.requestedAt },
      ip: null,
      userAgent: null,
      createdAt: at.toISOString(),
    });
  } finally {
    await db.close();
  }
}
