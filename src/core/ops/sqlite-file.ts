import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { parseDbUrl } from '../db/url.ts';

// Backups, restores and checks work on SQLite files directly, on their own short-lived connections
// (never the core's Kysely handle): the online backup API needs a raw better-sqlite3 connection, and
// a restore must happen while nobody has the file open.

export type RawSqlite = SqliteDatabase.Database;

/** A database file path from `sqlite:<path>` or a bare path; null for MySQL URLs. */
export function sqlitePathOf(urlOrPath: string): string | null {
  const text = urlOrPath.trim();
  if (/^(mysql|mariadb):\/\//.test(text)) return null;
  const path = text.startsWith('sqlite:') ? (parseDbUrl(text) as { path: string }).path : text;
  return path === ':memory:' ? null : resolve(path);
}

export function openSqliteFile(
  path: string,
  options: { readonly?: boolean; mustExist?: boolean } = {},
): RawSqlite {
  // Same native binding the core uses under Electron (see src/main/native-binding.ts).
  const binding = process.env.SMMS_SQLITE_BINDING;
  const db = new SqliteDatabase(path, {
    readonly: options.readonly ?? false,
    fileMustExist: options.mustExist ?? true,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The write-ahead log and shared-memory files that belong to a database file. */
export function sidecarsOf(path: string): string[] {
  return [`${path}-wal`, `${path}-shm`, `${path}-journal`];
}

/** Size of the database including its write-ahead log (what a backup will roughly need). */
export function databaseBytes(path: string): number {
  return [path, `${path}-wal`].reduce((sum, p) => sum + (existsSync(p) ? statSync(p).size : 0), 0);
}

export function removeQuietly(path: string): void {
  rmSync(path, { force: true });
}
