import SqliteDatabase from 'better-sqlite3';
import { DERIVED_TABLES } from '../../src/core/db/derived-tables.ts';

// Plain better-sqlite3, set up as connect() sets up the app's local database, for raw ceilings.

export function openRaw(
  file: string,
  opts: { readonly?: boolean; foreignKeys?: boolean } = {},
): SqliteDatabase.Database {
  const db = new SqliteDatabase(file, { readonly: opts.readonly ?? false });
  if (!opts.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`foreign_keys = ${opts.foreignKeys === false ? 'OFF' : 'ON'}`);
  return db;
}

export function columnsOf(db: SqliteDatabase.Database, table: string): string[] {
  return (db.prepare('select name from pragma_table_info(?)').all(table) as { name: string }[]).map(
    (c) => c.name,
  );
}

const q = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export function insertSql(
  table: string,
  cols: readonly string[],
  mode: 'insert' | 'replace' | 'upsert',
  pk = 'id',
): string {
  const head = `${mode === 'replace' ? 'insert or replace' : 'insert'} into ${q(table)} (${cols.map(q).join(',')}) values (${cols.map(() => '?').join(',')})`;
  if (mode !== 'upsert') return head;
  const set = cols.filter((c) => c !== pk).map((c) => `${q(c)} = excluded.${q(c)}`);
  return `${head} on conflict(${q(pk)}) do update set ${set.join(', ')}`;
}

/**
 * Drops the triggers that keep the app's derived tables (src/core/db/derived-tables.ts) from a copy
 * a raw ceiling writes to. A ceiling measures SQLite writing the rows; any trigger on a table makes
 * SQLite keep a statement journal for each row (45 µs a session row), work a first sync sets aside
 * too, and which would make the machine-speed reference (raw insert) incomparable across runs.
 */
export function dropDerivedTriggers(db: SqliteDatabase.Database): void {
  const names = db.prepare(`select name from sqlite_master where type = 'trigger'`).all() as {
    name: string;
  }[];
  for (const { name } of names)
    if (DERIVED_TABLES.some((d) => name.startsWith(d.triggerPrefix))) db.exec(`drop trigger "${name}"`);
}
