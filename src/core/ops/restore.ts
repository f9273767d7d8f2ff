import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { backupFileName, createBackup, type BackupReason } from './backup-store.ts';
import { describeFsError, OpsError } from './ops-errors.ts';
import { checkIntegrity, inspectDatabaseFile, integrityOf, type DatabaseFileInfo } from './integrity.ts';
import { openSqliteFile, removeQuietly, sidecarsOf, type RawSqlite } from './sqlite-file.ts';

// Restoring replaces the database file with a verified copy of a backup. Order matters, so that no
// step can lose data: (1) the backup is checked (readable, SMMS, not from a newer app); (2) nobody
// may have the database open; (3) the copy is built beside the database and checked again; (4) the
// current state is kept (a backup if healthy, the damaged file itself moved aside if not); (5) one
// rename swaps the files. A failure before (5) leaves the current database exactly as it was.

export interface RestoreResult {
  restoredFrom: string;
  schema: string;
  /** The backup of the state before the restore (or the damaged file moved aside). */
  kept: string | null;
}

export interface RestoreOptions {
  dbFile: string;
  from: string;
  backupsDir: string;
  at: Date;
  /** Why the current state is kept; a failed upgrade keeps its half-updated file for support. */
  keepAs?: BackupReason;
  /** Schema steps this build knows (tests inject a list). */
  known?: readonly string[];
}

/** Refuses a file that cannot be restored; returns what it holds. */
export function verifyBackupFile(
  file: string,
  known: readonly string[] = Object.keys(MIGRATIONS),
): DatabaseFileInfo {
  if (!existsSync(file)) throw new OpsError('NOT_FOUND', `The backup ${file} does not exist.`);
  const info = inspectDatabaseFile(file, known);
  const name = basename(file);
  if (!info.integrity.ok) {
    throw new OpsError(
      'CORRUPT',
      `The backup ${name} is damaged (${info.integrity.problems[0] ?? 'unreadable'}) and cannot be restored. ` +
        `Nothing was changed; choose an older backup.`,
      { problems: info.integrity.problems },
    );
  }
  if (!info.isSmms) {
    throw new OpsError('NOT_SMMS', `${name} is not an SMMS database backup. Nothing was changed.`);
  }
  if (info.unknown.length > 0) {
    throw new OpsError(
      'TOO_NEW',
      `The backup ${name} was made by a newer version of SMMS (schema ${info.schema}); this version ` +
        `cannot use it. Nothing was changed; install the latest SMMS Desktop to restore it.`,
      { unknown: info.unknown },
    );
  }
  return info;
}

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreResult> {
  const { dbFile, from, backupsDir, at } = options;
  const info = verifyBackupFile(from, options.known);
  // quick_check is enough to tell whether the backup API can copy the current file.
  const healthy = existsSync(dbFile) && checkIntegrity(dbFile, true).ok;
  if (healthy) takeExclusive(dbFile);
  const notLost = 'The current database was not changed.';
  const staged = `${dbFile}.restoring-${randomBytes(4).toString('hex')}`;
  try {
    await copyInto(from, staged);
  } catch (err) {
    removeQuietly(staged);
    throw describeFsError(err, 'restore the backup', `the data folder (${dirname(dbFile)})`, notLost);
  }
  let kept: string | null = null;
  try {
    if (healthy) kept = (await createBackup(dbFile, backupsDir, options.keepAs ?? 'pre-restore', at)).name;
    else if (existsSync(dbFile)) kept = moveAside(dbFile, backupsDir, at);
    for (const sidecar of sidecarsOf(dbFile)) removeQuietly(sidecar);
    renameSync(staged, dbFile);
  } catch (err) {
    removeQuietly(staged);
    throw describeFsError(err, 'keep a copy of the current database before restoring', backupsDir, notLost);
  }
  return { restoredFrom: from, schema: info.schema, kept };
}

/**
 * Switching a WAL database back to a rollback journal needs the only connection, so this doubles as
 * the "is SMMS still running on it?" check, and it folds the -wal file into the main file.
 */
function takeExclusive(dbFile: string): void {
  let db: RawSqlite | undefined;
  try {
    db = openSqliteFile(dbFile, { mustExist: true });
    db.pragma('busy_timeout = 0');
    const mode = db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') throw Object.assign(new Error('still in WAL mode'), { code: 'SQLITE_BUSY' });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new OpsError(
        'IN_USE',
        'The database is open in SMMS Desktop or another smms command. Close it first; nothing was changed.',
      );
    }
    throw describeFsError(err, 'restore the backup', dbFile, 'The current database was not changed.');
  } finally {
    db?.close();
  }
}

async function copyInto(from: string, target: string): Promise<void> {
  const source = openSqliteFile(from, { mustExist: true, readonly: true });
  try {
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = openSqliteFile(target, { mustExist: true });
  try {
    const integrity = integrityOf(copy, true);
    if (!integrity.ok)
      throw new OpsError('CORRUPT', 'The restored copy failed its integrity check; nothing was changed.');
  } finally {
    copy.close();
  }
}

/** A damaged database is never deleted: it goes to the backups folder, with its -wal, for support. */
function moveAside(dbFile: string, backupsDir: string, at: Date): string {
  mkdirSync(backupsDir, { recursive: true });
  let n = 0;
  while (existsSync(join(backupsDir, backupFileName(at, 'corrupt', n)))) n += 1;
  const name = backupFileName(at, 'corrupt', n);
  renameSync(dbFile, join(backupsDir, name));
  for (const sidecar of sidecarsOf(dbFile)) {
    if (existsSync(sidecar)) renameSync(sidecar, join(backupsDir, `${name}${sidecar.slice(dbFile.length)}`));
  }
  return name;
}
