import SqliteDatabase from 'better-sqlite3';

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
