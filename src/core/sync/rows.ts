import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import type { SyncScope } from './scope.ts';
import { pkOf, type ColumnMap, type Link, type Row, type SyncedTable } from './tables.ts';

// Row reads for sync. Central reads always go through the user's scope predicate and column masks;
// local reads see the cache as it is. Ids travel in chunks so IN lists stay small on both dialects.

export const CHUNK = 1000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const ref = (table: string, column: string) => sql.ref(`${table}.${column}`);
const inList = (values: readonly string[]) => sql.join(values);

function selectList(scope: SyncScope, columns: ColumnMap, table: SyncedTable): RawBuilder<unknown> {
  return sql.join(columns[table].map((c) => sql`${scope.mask(table, c) ?? ref(table, c)} as ${sql.id(c)}`));
}

/** Current central rows of these ids that the user may read (ids not returned: gone or out of scope). */
export async function centralRowsByIds(
  db: Kysely<Database>,
  scope: SyncScope,
  columns: ColumnMap,
  table: SyncedTable,
  ids: readonly string[],
): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks(ids)) {
    const { rows } = await sql<Row>`select ${selectList(scope, columns, table)} from ${sql.table(table)}
      where ${ref(table, pkOf(table))} in (${inList(part)}) and ${scope.where(table)}`.execute(db);
    out.push(...rows);
  }
  return out;
}

/** Which of these ids the user may read on central (ids only: for tables of large rows). */
export async function centralIdsInScope(
  db: Kysely<Database>,
  scope: SyncScope,
  table: SyncedTable,
  ids: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  const pk = ref(table, pkOf(table));
  for (const part of chunks(ids)) {
    const { rows } = await sql<{ id: string }>`select ${pk} as id from ${sql.table(table)}
      where ${pk} in (${inList(part)}) and ${scope.where(table)}`.execute(db);
    for (const r of rows) out.push(String(r.id));
  }
  return out;
}

/** Every id of a table the user may read on central. */
export async function centralAllIdsInScope(
  db: Kysely<Database>,
  scope: SyncScope,
  table: SyncedTable,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select ${ref(table, pkOf(table))} as id from ${sql.table(table)}
    where ${scope.where(table)}`.execute(db);
  return rows.map((r) => String(r.id));
}

/**
 * Central rows by id WITHOUT the scope predicate: only for ids a scoped read has just returned, of
 * tables whose rows never change (blob chunks), so fetching them later cannot leak or go stale.
 */
export async function centralRowsByCheckedIds(
  db: Kysely<Database>,
  columns: ColumnMap,
  table: SyncedTable,
  ids: readonly string[],
): Promise<Row[]> {
  const list = sql.join(columns[table].map((c) => sql`${ref(table, c)} as ${sql.id(c)}`));
  const { rows } = await sql<Row>`select ${list} from ${sql.table(table)}
    where ${ref(table, pkOf(table))} in (${inList(ids)})`.execute(db);
  return rows;
}

function linkFilter(link: Link, parentIds: readonly string[]): RawBuilder<unknown> {
  if (link.via) return link.via(inList(parentIds));
  const byParent = sql`${ref(link.child, link.column)} in (${inList(parentIds)})`;
  return link.relatedType
    ? sql`${byParent} and ${ref(link.child, 'relatedType')} = ${link.relatedType}`
    : byParent;
}

/** Ids of central child rows hanging on these parents that the user may read. */
export async function centralIdsByLink(
  db: Kysely<Database>,
  scope: SyncScope,
  link: Link,
  parentIds: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(parentIds)) {
    const { rows } = await sql<{ id: string }>`select ${ref(link.child, pkOf(link.child))} as id
      from ${sql.table(link.child)} where ${linkFilter(link, part)} and ${scope.where(link.child)}`.execute(
      db,
    );
    for (const r of rows) out.push(String(r.id));
  }
  return out;
}

/** Ids of local (cached) child rows hanging on these parents. */
export async function localIdsByLink(
  db: Kysely<Database>,
  link: Link,
  parentIds: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const part of chunks(parentIds)) {
    const { rows } = await sql<{ id: string }>`select ${ref(link.child, pkOf(link.child))} as id
      from ${sql.table(link.child)} where ${linkFilter(link, part)}`.execute(db);
    for (const r of rows) out.push(String(r.id));
  }
  return out;
}

/** Local rows of these ids (all columns). */
export async function localRowsByIds(
  db: Kysely<Database>,
  table: SyncedTable,
  ids: readonly string[],
): Promise<Row[]> {
  const out: Row[] = [];
  for (const part of chunks(ids)) {
    const { rows } = await sql<Row>`select * from ${sql.table(table)}
      where ${sql.ref(pkOf(table))} in (${inList(part)})`.execute(db);
    out.push(...rows);
  }
  return out;
}

/**
 * The tables of the list that hold at least one row, by ONE statement: a first sync asks this of all
 * 26 synced tables twice (standalone data? anything cached to track?), and a statement per table
 * cost more than the answer.
 */
export async function tablesHoldingRows(
  db: Kysely<Database>,
  tables: readonly SyncedTable[],
): Promise<Set<SyncedTable>> {
  if (tables.length === 0) return new Set();
  const probes = tables.map((t) => sql`select ${t} as t where exists (select 1 from ${sql.table(t)})`);
  const { rows } = await sql<{ t: SyncedTable }>`${sql.join(probes, sql` union all `)}`.execute(db);
  return new Set(rows.map((r) => r.t));
}

/** Which of these ids the cache holds. */
export async function localIdSet(
  db: Kysely<Database>,
  table: SyncedTable,
  ids: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks(ids)) {
    const { rows } = await sql<{ id: string }>`select ${sql.ref(pkOf(table))} as id from ${sql.table(table)}
      where ${sql.ref(pkOf(table))} in (${inList(part)})`.execute(db);
    for (const r of rows) out.add(String(r.id));
  }
  return out;
}

/**
 * Every scoped row of these tables, in chunks tagged with their table, from ONE streamed statement per
 * table (mysql2 pauses the socket once a chunk waits to be written locally), sent back to back over
 * one connection: each table's statement runs on the server while the previous table is written
 * (db/mysql-stream.ts). Keyset pages were tried first: MariaDB answers "pk > ? AND <scope> ORDER BY
 * pk LIMIT n" by joining the whole scope and sorting it for every page, which made a department
 * snapshot 3–5× slower than a raw copy.
 */
export async function* centralStreams(
  central: Db,
  scope: SyncScope,
  columns: ColumnMap,
  tables: readonly SyncedTable[],
  chunk: number,
): AsyncGenerator<{ table: SyncedTable; rows: Row[] }> {
  if (!central.streamQueries) throw new Error('The central database must be MySQL or MariaDB.');
  const queries = tables.map((table) =>
    sql<Row>`select ${selectList(scope, columns, table)} from ${sql.table(table)}
    where ${scope.where(table)}`.compile(central.kysely),
  );
  // Batches straight from mysql2 with read-ahead, not Kysely's row-by-row stream.
  for await (const batch of central.streamQueries(queries, chunk))
    yield { table: tables[batch.query]!, rows: batch.rows };
}

/**
 * The scoped rows of every given table, counted by ONE statement (a union of per-table counts). A
 * statement per table, run together, took both connections of the app's pool of two, so the snapshot's
 * download queued behind all of them instead of running beside the count.
 */
export async function centralCountAll(
  db: Kysely<Database>,
  scope: SyncScope,
  tables: readonly SyncedTable[],
): Promise<number> {
  if (tables.length === 0) return 0;
  const counts = tables.map((t) => sql`select count(*) as n from ${sql.table(t)} where ${scope.where(t)}`);
  const { rows } = await sql<{ n: number | string | null }>`select sum(c.n) as n from (${sql.join(
    counts,
    sql` union all `,
  )}) as c`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
