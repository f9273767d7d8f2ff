import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerFile } from '../worker-file.ts';
import { describeFsError, OpsError } from './ops-errors.ts';
import { removeQuietly } from './sqlite-file.ts';

// A backup is made with SQLite's online backup API (better-sqlite3's db.backup, on a worker thread
// so the app's main process stays responsive), never by copying the file: a copy of a live WAL
// database can miss committed pages still in the -wal file or catch a page mid-write. The copy lands in a temporary name next to the target and is renamed only after
// it passed integrity_check, so a full disk or a crash never leaves a half file under a backup name.

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

export interface BackupProgress {
  stage: 'copy' | 'check';
  totalPages?: number;
  remainingPages?: number;
}

type WorkerMessage =
  | ({ type: 'progress' } & BackupProgress)
  | { type: 'done'; ok: boolean; problems: string[] }
  | { type: 'error'; code: string | null; message: string };

/** Copies and checks on a worker thread (backup-worker.mjs); the caller's thread stays free. */
function copyInWorker(
  source: string,
  partial: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<{ ok: boolean; problems: string[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerFile(import.meta.url, 'backup-worker'), {
      workerData: { source, partial, binding: process.env.SMMS_SQLITE_BINDING ?? null },
    });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m);
      else if (m.type === 'done') settle(() => resolve(m));
      else settle(() => reject(Object.assign(new Error(m.message), { code: m.code ?? undefined })));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The backup worker stopped before it finished (exit code ${code}).`))),
    );
  });
}

/** Backs up the SQLite file at `source` into `target` (which must not exist yet). */
export async function backupDatabase(
  source: string,
  target: string,
  onProgress?: (p: BackupProgress) => void,
): Promise<BackupResult> {
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
  try {
    const integrity = await copyInWorker(source, partial, onProgress);
    if (!integrity.ok) {
      throw new OpsError(
        'CORRUPT',
        `The backup copy failed its integrity check (${integrity.problems[0] ?? 'unknown'}); it was discarded.`,
      );
    }
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, ms: Date.now() - started };
  } catch (err) {
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
