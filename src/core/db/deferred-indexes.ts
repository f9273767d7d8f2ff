import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

// Secondary indexes set aside while a bulk load fills an empty local table (a laptop's first sync).
// Every row inserted into an indexed table inserts one entry into each of its indexes, and most keys
// (assignment, student, creator ids) arrive in no useful order: each insert dirties a different
// page of each index, so the cost per row grows with the table. Building an index once the rows are
// in sorts them instead (session_records, 58,260 rows with nine such indexes: 6.7 s inserted into the
// indexed table, 1.5 s inserted bare plus 0.5 s to rebuild; 582,643 rows: 161 s against 29 s).
//
// Only non-unique indexes are set aside: unique ones enforce the keys the load upserts on. The
// statements that rebuild them are kept in sync_state in the same transaction as the drops, so an
// app killed mid-load gets its indexes back the next time the database is opened (migrateToLatest
// calls restoreDeferredIndexes before any schema step can look for them).

const KEY = 'deferredIndexes';

interface Deferred {
  name: string;
  sql: string;
}

async function recorded(db: Kysely<Database>): Promise<Deferred[]> {
  const { rows } = await sql<{ value: string }>`select value from sync_state where key = ${KEY}`.execute(db);
  return rows[0] ? (JSON.parse(rows[0].value) as Deferred[]) : [];
}

async function record(db: Kysely<Database>, list: Deferred[]): Promise<void> {
  if (list.length === 0) {
    await sql`delete from sync_state where key = ${KEY}`.execute(db);
    return;
  }
  const value = JSON.stringify(list);
  await sql`insert into sync_state (key, value) values (${KEY}, ${value})
    on conflict (key) do update set value = excluded.value`.execute(db);
}

/** Drops `table`'s non-unique indexes and records how to rebuild them; how many it dropped. */
export async function deferIndexes(db: Kysely<Database>, table: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<Deferred>`select name, sql from sqlite_master
      where type = 'index' and tbl_name = ${table} and sql is not null
        and upper(substr(sql, 1, 13)) <> 'CREATE UNIQUE'`.execute(trx);
    if (rows.length === 0) return 0;
    for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(trx);
    await record(trx, [...(await recorded(trx)), ...rows]);
    return rows.length;
  });
}

/** Rebuilds every index deferIndexes set aside (none: one read); how many it built. */
export async function restoreDeferredIndexes(db: Kysely<Database>): Promise<number> {
  if ((await recorded(db)).length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const list = await recorded(trx);
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(
      trx,
    );
    const present = new Set(rows.map((r) => r.name));
    // Statements come from sqlite_master itself; one already rebuilt (a retry) is skipped.
    for (const d of list) if (!present.has(d.name)) await sql.raw(d.sql).execute(trx);
    await record(trx, []);
    return list.length;
  });
}

/** migrateToLatest's first step on SQLite: a database that has no sync_state yet has set nothing aside. */
export async function restoreDeferredIndexesIfAny(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master
    where type = 'table' and name = 'sync_state'`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0 ? restoreDeferredIndexes(db) : 0;
}
