import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { rowKey } from './local-state.ts';
import { chunks } from './rows.ts';
import { SYNCED_TABLE_NAMES, pkOf, type ColumnMap, type Row, type SyncedTable } from './tables.ts';

// Applying central state to the cache. Rows pulled here never enter the outbox (capture is off for
// the pull's transaction). Rows a still-PENDING outbox entry touched are left alone: the user's own
// unsynced work wins until it is pushed; the caller remembers them for a later refetch.

/** Unique column sets other than the primary key (users.email, student_profiles.rollNumber, ...). */
export type Uniques = Record<SyncedTable, string[][]>;

export async function loadUniques(db: Kysely<Database>): Promise<Uniques> {
  const out = {} as Uniques;
  for (const table of SYNCED_TABLE_NAMES) {
    const { rows } = await sql<{ name: string; unique: number; origin: string }>`
      select name, "unique", origin from pragma_index_list(${table})`.execute(db);
    out[table] = [];
    for (const idx of rows.filter((r) => r.unique === 1 && r.origin !== 'pk')) {
      const cols = await sql<{ name: string }>`select name from pragma_index_info(${idx.name})`.execute(db);
      out[table].push(cols.rows.map((c) => c.name));
    }
  }
  return out;
}

export interface ApplyPlan {
  upserts: Map<SyncedTable, Row[]>;
  evictions: Map<SyncedTable, Set<string>>;
  /** Rows of large-row tables (LARGE_ROW_PAGE) in scope: downloaded page by page when applied. */
  fetches: Map<SyncedTable, Set<string>>;
}

export const emptyPlan = (): ApplyPlan => ({ upserts: new Map(), evictions: new Map(), fetches: new Map() });

export interface ApplyStats {
  upserted: number;
  evicted: number;
  /** Protected rows left alone, to refetch once their outbox entries are settled. */
  skipped: { table: string; rowId: string }[];
  /** Local rows removed because a pulled row took their unique value (stale; refetch them). */
  displaced: { table: string; rowId: string }[];
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE';

/**
 * A row whose unique value (an email, a roll number) still sits on another cached row: central swapped
 * or reused it. The stale local row makes way and is refetched, unless it is the user's unsynced work:
 * then the pulled row waits instead (its replay will settle who keeps the value).
 */
async function upsertDisplacing(
  trx: Kysely<Database>,
  upsertRow: (row: Row) => void,
  table: SyncedTable,
  row: Row,
  uniques: Uniques,
  isProtected: (rowId: string) => boolean,
): Promise<{ displaced: string[]; waiting: boolean }> {
  const pk = pkOf(table);
  const holders = new Set<string>();
  for (const set of uniques[table]) {
    const match = sql.join(
      set.map((c) => sql`${sql.ref(c)} = ${row[c] ?? null}`),
      sql` and `,
    );
    const { rows } = await sql<{ id: string }>`select ${sql.ref(pk)} as id from ${sql.table(table)}
      where ${match} and ${sql.ref(pk)} <> ${String(row[pk])}`.execute(trx);
    for (const r of rows) holders.add(String(r.id));
  }
  if ([...holders].some(isProtected)) return { displaced: [], waiting: true };
  await evictRows(trx, table, [...holders]);
  upsertRow(row);
  return { displaced: [...holders], waiting: false };
}

interface UpsertResult {
  displaced: string[];
  waiting: string[];
}

/** A prepared statement on the local SQLite connection (Db.sqliteStatement). */
export type StatementSource = (text: string) => { run(params: unknown[]): unknown };

/** The local cache's statements: it is always SQLite, on the connection Kysely also uses. */
export function localStatements(local: Db): StatementSource {
  if (!local.sqliteStatement) throw new Error('The local cache must be a SQLite database.');
  return local.sqliteStatement;
}

/**
 * Pulled rows are written by one prepared single-row upsert each, run synchronously inside the
 * caller's transaction: SQLite runs it faster than a multi-row VALUES list (session_records, 58,260
 * rows: 1.1 s against 1.6 s), and a row refused for another unique column fails alone (statement
 * rollback, no savepoint) and then takes the displacing path.
 */
async function upsertRows(
  trx: Kysely<Database>,
  statement: StatementSource,
  table: SyncedTable,
  cols: string[],
  rows: Row[],
  uniques: Uniques,
  isProtected: (rowId: string) => boolean,
): Promise<UpsertResult> {
  const out: UpsertResult = { displaced: [], waiting: [] };
  const pk = pkOf(table);
  const sets = cols.filter((c) => c !== pk).map((c) => `${quote(c)} = excluded.${quote(c)}`);
  const stmt = statement(
    `insert into ${quote(table)} (${cols.map(quote).join(', ')}) values (${cols.map(() => '?').join(', ')}) ` +
      `on conflict (${quote(pk)}) do update set ${sets.join(', ')}`,
  );
  const params: unknown[] = new Array(cols.length);
  const upsertRow = (row: Row): void => {
    for (let i = 0; i < cols.length; i++) params[i] = row[cols[i]!] ?? null;
    stmt.run(params);
  };
  const refused: Row[] = [];
  for (const row of rows) {
    try {
      upsertRow(row);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      refused.push(row);
    }
  }
  for (const row of refused) {
    const r = await upsertDisplacing(trx, upsertRow, table, row, uniques, isProtected);
    out.displaced.push(...r.displaced);
    if (r.waiting) out.waiting.push(String(row[pk]));
  }
  return out;
}

async function evictRows(trx: Kysely<Database>, table: SyncedTable, ids: string[]): Promise<number> {
  let n = 0;
  for (const part of chunks(ids)) {
    const r = await sql`delete from ${sql.table(table)}
      where ${sql.ref(pkOf(table))} in (${sql.join(part)})`.execute(trx);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}

/** Applies the plan inside the caller's SQLite transaction. */
export async function applyPlan(
  trx: Kysely<Database>,
  columns: ColumnMap,
  uniques: Uniques,
  plan: ApplyPlan,
  protect: Set<string>,
  statement: StatementSource,
): Promise<ApplyStats> {
  const stats: ApplyStats = { upserted: 0, evicted: 0, skipped: [], displaced: [] };
  const open = (table: SyncedTable, rowId: string): boolean => {
    if (!protect.has(rowKey(table, rowId))) return true;
    stats.skipped.push({ table, rowId });
    return false;
  };
  for (const table of SYNCED_TABLE_NAMES) {
    const pk = pkOf(table);
    const upserts = plan.upserts.get(table) ?? [];
    // Nothing protected (a first sync, most pulls): no key to build per row.
    const rows = protect.size === 0 ? upserts : upserts.filter((r) => open(table, String(r[pk])));
    const evictions = plan.evictions.get(table);
    let gone: string[] = [];
    if (evictions && evictions.size > 0) {
      const fetched = new Set(rows.map((r) => String(r[pk])));
      for (const id of plan.fetches.get(table) ?? []) fetched.add(id);
      gone = [...evictions].filter((id) => !fetched.has(id) && open(table, id));
    }
    if (rows.length > 0) {
      const isProtected = (rowId: string) => protect.has(rowKey(table, rowId));
      const r = await upsertRows(trx, statement, table, columns[table], rows, uniques, isProtected);
      stats.displaced.push(...r.displaced.map((rowId) => ({ table, rowId })));
      stats.skipped.push(...r.waiting.map((rowId) => ({ table, rowId })));
      stats.upserted += rows.length - r.waiting.length;
    }
    if (gone.length > 0) stats.evicted += await evictRows(trx, table, gone);
  }
  return stats;
}
