import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeFsError, OpsError } from './ops-errors.ts';
import { integrityOf } from './integrity.ts';
import { openSqliteFile, removeQuietly, type RawSqlite } from './sqlite-file.ts';

// A backup is made with SQLite's online backup API (better-sqlite3's db.backup), never by copying
// the file: a copy of a live WAL database can miss committed pages still in the -wal file or catch
// a page mid-write. The copy lands in a temporary name next to the target and is renamed only after
// it passed integrity_check, so a full disk or a crash never leaves a half file under a backup name.

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

/**
 * Pages per backup step: everything at once. One step reads from a single snapshot; SQLite restarts
 * a stepped backup whenever another connection writes in between, which under steady writing never
 * finishes. In WAL mode one long read does not block writers.
 */
const ALL_PAGES = 0x7fffffff;

/** Backs up the SQLite file at `source` into `target` (which must not exist yet). */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (!existsSync(source)) {
    throw new OpsError('NOT_FOUND', `There is no database at ${source} to back up.`);
  }
  if (!existsSync(dirname(target))) {
    throw new OpsError('NOT_FOUND', `The folder ${dirname(target)} does not exist; create it first.`);
  }
  if (existsSync(target)) {
    throw new OpsError('IN_USE', `${target} already exists; a backup never overwrites a file.`);
  }
  const started = Date.now();
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  let db: RawSqlite | undefined;
  try {
    db = openSqliteFile(source, { mustExist: true });
    await db.backup(partial, { progress: () => ALL_PAGES });
    db.close();
    db = undefined;
    sealBackup(partial);
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, ms: Date.now() - started };
  } catch (err) {
    db?.close();
    removeQuietly(partial);
    removeQuietly(`${partial}-journal`);
    throw describeFsError(
      err,
      'create the backup',
      `the backup folder (${dirname(target)})`,
      'The database itself was not changed.',
    );
  }
}

/**
 * Turns the fresh copy into a self-contained single file (rollback journal instead of WAL, so it
 * opens read-only without -wal/-shm companions) and proves it readable before it gets its name.
 */
function sealBackup(path: string): void {
  const db = openSqliteFile(path, { mustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const integrity = integrityOf(db, true);
    if (!integrity.ok) {
      throw new OpsError(
        'CORRUPT',
        `The backup copy failed its integrity check (${integrity.problems[0] ?? 'unknown'}); it was discarded.`,
      );
    }
  } finally {
    db.close();
  }
}
