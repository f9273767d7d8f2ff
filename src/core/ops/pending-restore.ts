import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError } from './ops-errors.ts';
import { removeQuietly } from './sqlite-file.ts';

// A restore asked for from inside the running app cannot swap the file the app has open. The
// request is written down here and carried out at the next start, before anything opens the
// database (the desktop shell restarts itself straight away).

export interface PendingRestore {
  /** Absolute path of the verified backup. */
  file: string;
  requestedAt: string;
  /** User id of whoever asked (for the log and the audit row written after the restore). */
  requestedBy: string | null;
}

const FILE = 'restore-pending.json';

export function stageRestore(dataDir: string, request: PendingRestore): void {
  try {
    writeFileSync(join(dataDir, FILE), JSON.stringify(request, null, 2));
  } catch (err) {
    throw describeFsError(err, 'schedule the restore', dataDir, 'Nothing was changed.');
  }
}

export function readPendingRestore(dataDir: string): PendingRestore | null {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return null;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<PendingRestore>;
    if (typeof value.file !== 'string') return null;
    return {
      file: value.file,
      requestedAt: String(value.requestedAt ?? ''),
      requestedBy: typeof value.requestedBy === 'string' ? value.requestedBy : null,
    };
  } catch {
    return null;
  }
}

export function clearPendingRestore(dataDir: string): void {
  removeQuietly(join(dataDir, FILE));
}
