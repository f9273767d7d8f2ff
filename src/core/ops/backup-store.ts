import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase, type BackupResult } from './backup.ts';
import { describeFsError } from './ops-errors.ts';
import { removeQuietly } from './sqlite-file.ts';

// The backups folder of a data folder: <data>/backups/smms-20260102-030405Z-daily.sqlite. Names sort
// in time order and say why each was made. Automatic ones are pruned to the newest N; backups the
// user asked for, and databases moved aside because they were damaged, are never deleted by the app.

export const BACKUP_REASONS = [
  'daily',
  'pre-migration',
  'pre-restore',
  'manual',
  'corrupt',
  'failed-upgrade',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

const PRUNABLE: ReadonlySet<BackupReason> = new Set(['daily', 'pre-migration', 'pre-restore']);
export const DEFAULT_KEEP = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BackupEntry {
  name: string;
  file: string;
  createdAt: string;
  reason: BackupReason;
  bytes: number;
}

const NAME = /^smms-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+?)(?:-(\d+))?\.sqlite$/;

export const backupsDirOf = (dataDir: string): string => join(dataDir, 'backups');

export function backupFileName(at: Date, reason: BackupReason, n = 0): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace('.', '');
  return `smms-${stamp}-${reason}${n > 0 ? `-${n}` : ''}.sqlite`;
}

export function parseBackupName(name: string): { createdAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms, reason] = m;
  if (!(BACKUP_REASONS as readonly string[]).includes(reason!)) return null;
  return { createdAt: `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`, reason: reason as BackupReason };
}

/** The backups in a folder, newest first; files that are not SMMS backups are ignored. */
export function listBackups(dir: string): BackupEntry[] {
  if (!existsSync(dir)) return [];
  const entries: BackupEntry[] = [];
  for (const name of readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = join(dir, name);
    entries.push({ name, file, ...parsed, bytes: statSync(file).size });
  }
  return entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** Makes a backup of `dbFile` into `dir` named for `reason` and the time `at`. */
export async function createBackup(
  dbFile: string,
  dir: string,
  reason: BackupReason,
  at: Date,
): Promise<BackupResult & { name: string }> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw describeFsError(err, 'create the backup folder', dir, 'The database itself was not changed.');
  }
  let n = 0;
  while (existsSync(join(dir, backupFileName(at, reason, n)))) n += 1;
  const name = backupFileName(at, reason, n);
  return { ...(await backupDatabase(dbFile, join(dir, name))), name };
}

/** Deletes automatic backups beyond the newest `keep`; returns the names removed. */
export function pruneBackups(dir: string, keep: number = DEFAULT_KEEP): string[] {
  const automatic = listBackups(dir).filter((b) => PRUNABLE.has(b.reason));
  const removed = automatic.slice(Math.max(keep, 1)).map((b) => b.name);
  for (const name of removed) removeQuietly(join(dir, name));
  return removed;
}

/** A daily backup is due when no backup of any kind is younger than a day. */
export function dailyBackupDue(backups: readonly BackupEntry[], now: Date): boolean {
  const newest = backups.find((b) => b.reason !== 'corrupt');
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAY_MS;
}

/** The newest backup that can be restored (not a damaged file kept as evidence). */
export function latestRestorable(backups: readonly BackupEntry[]): BackupEntry | null {
  return backups.find((b) => b.reason !== 'corrupt' && b.reason !== 'failed-upgrade') ?? null;
}
