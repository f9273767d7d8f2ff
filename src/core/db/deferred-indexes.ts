import { sql, type Kysely } from 'kysely';
import { DERIVED_TABLES } from './derived-tables.ts';
import type { Database } from './schema.ts';

// Secondary indexes set aside while a bulk load fills an empty local table (a laptop's first sync).
// Every row inserted into an indexed table inserts one entry into each of its indexes, and most keys
// (assignment, student, creator ids) arrive in no useful order: each insert dirties a different
// page of each index, so the cost per row grows with the table. Building an index once the rows are
// in sorts them instead (session_records, 58,260 rows with nine such indexes: 6.7 s inserted into the
// indexed table, 1.5 s inserted bare plus 0.5 s to rebuild; 582,643 rows: 161 s against 29 s).
//
// The triggers that keep a derived table (derived-tables.ts) are set aside with them, and the table
// counted again once they are back: a trigger costs each loaded row a statement journal.
//
// Only non-unique indexes are set aside: unique ones enforce the keys the load upserts on. The
// statements that rebuild them are kept in sync_state in the same transaction as the drops, so an
// app killed mid-load gets its indexes back the next time the database is opened (migrateToLatest
// calls restoreDeferredIndexes before any schema step can look for them).

/** The sync_state key of the record (undoJoin, which empties sync_state, keeps it). */
export const DEFERRED_INDEXES_KEY = 'deferredIndexes';

interface Deferred {
  name: string;
  sql: string;
}

async function recorded(db: Kysely<Database>): Promise<Deferred[]> {
  const { rows } = await sql<{
    value: string;
  }>`select value from sync_state where key = ${DEFERRED_INDEXES_KEY}`.execute(db);
  return rows[0] ? (JSON.parse(rows[0].value) as Deferred[]) : [];
}

async function record(db: Kysely<Database>, list: Deferred[]): Promise<void> {
  if (list.length === 0) {
    await sql`delete from sync_state where key = ${DEFERRED_INDEXES_KEY}`.execute(db);
    return;
  }
  const value = JSON.stringify(list);
  await sql`insert into sync_state (key, value) values (${DEFERRED_INDEXES_KEY}, ${value})
    on conflict (key) do update set value = excluded.value`.execute(db);
}

/**
 * Drops `table`'s non-unique indexes, and the triggers that keep a derived table (derived-tables.ts),
 * and records how to rebuild them; how many it dropped. A derived table is counted again from
 * scratch after its triggers are back. `what` picks one of the two: a load too small to gain from
 * rebuilding indexes still gains from setting the triggers aside (see the snapshot).
 */
export async function deferIndexes(
  db: Kysely<Database>,
  table: string,
  what: { indexes: boolean; triggers: boolean } = { indexes: true, triggers: true },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = what.indexes
      ? await sql<Deferred>`select name, sql from sqlite_master
      where type = 'index' and tbl_name = ${table} and sql is not null
        and upper(substr(sql, 1, 13)) <> 'CREATE UNIQUE'`.execute(trx)
      : { rows: [] };
    const { rows: triggers } = await sql<Deferred>`select name, sql from sqlite_master
      where type = 'trigger' and tbl_name = ${table}`.execute(trx);
    const derived = what.triggers
      ? DERIVED_TABLES.filter((d) => triggers.some((t) => t.name.startsWith(d.triggerPrefix)))
      : [];
    const kept = triggers.filter((t) => derived.some((d) => t.name.startsWith(d.triggerPrefix)));
    const refills = derived.flatMap((d) =>
      d.refill.map((statement, i) => ({ name: `${d.triggerPrefix}refill ${i + 1}`, sql: statement })),
    );
    if (rows.length + kept.length === 0) return 0;
    for (const r of rows) await sql`drop index ${sql.id(r.name)}`.execute(trx);
    for (const t of kept) await sql`drop trigger ${sql.id(t.name)}`.execute(trx);
    await record(trx, [...(await recorded(trx)), ...rows, ...kept, ...refills]);
    return rows.length + kept.length;
  });
}

/**
 * Rebuilds every index deferIndexes set aside (none: one read); how many it built. One index per
 * transaction, struck off the record in the same one: a crash keeps the rest recorded, and the main
 * process gets its event loop back between indexes (a large table's nine take seconds).
 */
export async function restoreDeferredIndexes(db: Kysely<Database>): Promise<number> {
  let built = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const [next, ...rest] = await recorded(trx);
      if (!next) return true;
      const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master
        where name = ${next.name}`.execute(trx);
      // Statements come from sqlite_master itself; one already there (a retry, a duplicate) is
      // skipped. A refill's name is never there: it runs, and running it twice gives the same rows.
      if (Number(rows[0]?.n ?? 0) === 0) await sql.raw(next.sql).execute(trx);
      await record(trx, rest);
      built++;
      return false;
    });
    if (done) return built;
  }
}

/**
 * migrateToLatest's first step on SQLite (a database without sync_state has set nothing aside).
 * Resolves the error instead of throwing it: the indexes only make reads fast, so a rebuild that
 * fails (a full disk) must not keep the app from opening; the record stays, and the next snapshot
 * or start tries again. Schema steps may need them, so migrateToLatest throws it when it has steps
 * to run.
 */
export async function restoreDeferredIndexesIfAny(db: Kysely<Database>): Promise<unknown> {
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master
      where type = 'table' and name = 'sync_state'`.execute(db);
    if (Number(rows[0]?.n ?? 0) > 0) await restoreDeferredIndexes(db);
    return null;
  } catch (err) {
    return err;
  }
}
