import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { WriteCallInfo, WriteHooks } from '../dispatch.ts';
import { uuidv7 } from '../ids.ts';
import type { BaseRow, TouchedRow } from './local-state.ts';
import {
  BINARY_COLUMNS,
  SYNCED_TABLE_NAMES,
  isSyncedTable,
  pkOf,
  type ColumnMap,
  type Row,
  type SyncedTable,
} from './tables.ts';
import { sameValue } from './values.ts';

// Outbox capture on a synced laptop (docs/sync-design.md, decision 3). TEMP triggers, generated from
// the synced tables' columns, log every row a write call touches into a TEMP table while the call's
// transaction is open; the dispatch hooks switch logging on before the handler and, just before
// commit, fold the log into one sync_outbox row. Both live in the call's SQLite transaction, so the
// rows, their audit entry and their outbox entry commit together or not at all. A rolled-back call
// also rolls back the TEMP changes (the temp schema takes part in the same transaction).

/** Calls that are local session bookkeeping or sync's own review: never replayed on central. */
export function isQueuedCall(name: string): boolean {
  return !/^(auth|setup|sync):/.test(name);
}

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function jsonOf(prefix: 'OLD' | 'NEW', columns: string[]): string {
  return `json_object(${columns.map((c) => `${literal(c)}, ${prefix}.${quote(c)}`).join(', ')})`;
}

/** The capture triggers of a table, in the order triggerDdl creates them. */
const TRIGGER_KINDS = ['ai', 'au', 'ad'] as const;
type TriggerKind = (typeof TRIGGER_KINDS)[number];
const triggerName = (table: SyncedTable, kind: TriggerKind): string => `smms_capture_${table}_${kind}`;

function triggerDdl(table: SyncedTable, allColumns: string[]): string[] {
  // SQLite's json_object refuses BLOB values; blob chunks are never updated, so no base is needed.
  const columns = allColumns.filter((c) => !BINARY_COLUMNS.has(`${table}.${c}`));
  const pk = quote(pkOf(table));
  const on = `WHEN (SELECT active FROM sync_capture_flag) = 1`;
  const log = (op: string, rowId: string, before: string) =>
    `INSERT INTO sync_touched (tableName, rowId, op, beforeRow) VALUES (${literal(table)}, ${rowId}, '${op}', ${before});`;
  const name = (s: TriggerKind) => quote(triggerName(table, s));
  return [
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('ai')} AFTER INSERT ON main.${quote(table)} ${on} BEGIN ${log('INSERT', `NEW.${pk}`, 'NULL')} END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('au')} AFTER UPDATE ON main.${quote(table)} ${on} BEGIN ${log('UPDATE', `OLD.${pk}`, jsonOf('OLD', columns))} END`,
    `CREATE TEMP TRIGGER IF NOT EXISTS ${name('ad')} AFTER DELETE ON main.${quote(table)} ${on} BEGIN ${log('DELETE', `OLD.${pk}`, jsonOf('OLD', columns))} END`,
  ];
}

/**
 * Creates the TEMP log and triggers on this connection. TEMP objects live as long as the connection,
 * which suits better-sqlite3: one connection per open database file.
 */
export async function installCapture(db: Kysely<Database>, columns: ColumnMap): Promise<void> {
  await sql`CREATE TEMP TABLE IF NOT EXISTS sync_capture_flag (active INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO sync_capture_flag (active) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM sync_capture_flag)`.execute(
    db,
  );
  await sql`CREATE TEMP TABLE IF NOT EXISTS sync_touched (n INTEGER PRIMARY KEY, tableName TEXT NOT NULL, rowId TEXT NOT NULL, op TEXT NOT NULL, beforeRow TEXT)`.execute(
    db,
  );
  // Only the triggers this connection lacks: the engine installs on a connection the synced core
  // already set up, and 78 CREATE ... IF NOT EXISTS, each parsed in full, were ~2.5 ms of a first sync.
  const { rows } = await sql<{ name: string }>`select name from sqlite_temp_master where type = 'trigger'`.execute(
    db,
  );
  const have = new Set(rows.map((r) => r.name));
  for (const table of SYNCED_TABLE_NAMES) {
    if (TRIGGER_KINDS.every((k) => have.has(triggerName(table, k)))) continue;
    for (const ddl of triggerDdl(table, columns[table])) await sql.raw(ddl).execute(db);
  }
}

/**
 * Runs `fn` inside the caller's transaction without `table`'s capture triggers, and puts them back
 * before that transaction ends. With capture switched off the triggers still fire for every row to
 * test their WHEN clause: a snapshot of 282,551 rows spent 1.2–1.5 s of its ~5 s in them. Dropped and
 * recreated in the same transaction, they are never missing for anyone else: a user's write cannot
 * run between (one connection, one transaction at a time), and a rollback brings them back too.
 */
export async function withoutCaptureTriggers<T>(
  trx: Kysely<Database>,
  table: SyncedTable,
  columns: string[],
  fn: () => Promise<T>,
): Promise<T> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_temp_master
    where type = 'trigger' and tbl_name = ${table}`.execute(trx);
  if (Number(rows[0]?.n ?? 0) === 0) return fn();
  for (const s of TRIGGER_KINDS)
    await sql.raw(`DROP TRIGGER IF EXISTS temp.${quote(triggerName(table, s))}`).execute(trx);
  const out = await fn();
  for (const ddl of triggerDdl(table, columns)) await sql.raw(ddl).execute(trx);
  return out;
}

/** Switches capture off and forgets the log; a pull applies central rows this way. */
export async function stopCapture(db: Kysely<Database>): Promise<void> {
  await sql`UPDATE sync_capture_flag SET active = 0`.execute(db);
  await sql`DELETE FROM sync_touched`.execute(db);
}

interface LogEvent {
  tableName: string;
  rowId: string;
  op: TouchedRow['op'];
  beforeRow: string | null;
}

async function currentRow(db: Kysely<Database>, table: SyncedTable, rowId: string): Promise<Row | undefined> {
  const { rows } =
    await sql<Row>`select * from ${sql.table(table)} where ${sql.ref(pkOf(table))} = ${rowId}`.execute(db);
  return rows[0];
}

function changedColumns(table: string, before: Row, after: Row): BaseRow['columns'] {
  const out: BaseRow['columns'] = {};
  for (const [col, base] of Object.entries(before)) {
    if (!sameValue(table, col, base, after[col])) out[col] = { base, value: after[col] };
  }
  return out;
}

/** Folds the TEMP log into the rows the call touched, with base values for updated rows. */
export async function foldLog(db: Kysely<Database>): Promise<{ touched: TouchedRow[]; baseRows: BaseRow[] }> {
  const { rows } =
    await sql<LogEvent>`select tableName, rowId, op, beforeRow from sync_touched order by n`.execute(db);
  const first = new Map<string, LogEvent>();
  for (const e of rows) {
    const key = `${e.tableName}\u0000${e.rowId}`;
    if (!first.has(key)) first.set(key, e);
  }
  const touched: TouchedRow[] = [];
  const baseRows: BaseRow[] = [];
  for (const e of first.values()) {
    if (!isSyncedTable(e.tableName)) continue;
    const now = await currentRow(db, e.tableName, e.rowId);
    if (e.op === 'INSERT') {
      if (now) touched.push({ table: e.tableName, rowId: e.rowId, op: 'INSERT' });
      continue;
    }
    if (!now) {
      touched.push({ table: e.tableName, rowId: e.rowId, op: 'DELETE' });
      continue;
    }
    const columns = changedColumns(e.tableName, JSON.parse(e.beforeRow ?? '{}') as Row, now);
    if (Object.keys(columns).length === 0) continue;
    touched.push({ table: e.tableName, rowId: e.rowId, op: 'UPDATE' });
    baseRows.push({ table: e.tableName, rowId: e.rowId, columns });
  }
  return { touched, baseRows };
}

/**
 * The dispatch hooks of a synced laptop. `onQueued` hears about every queued entry (the sync loop
 * debounces a push on it); it runs before the commit, so listeners must only schedule work.
 */
export function outboxHooks(onQueued: (mutationId: string) => void): WriteHooks {
  return {
    async beforeHandler(trx, call) {
      await sql`DELETE FROM sync_touched`.execute(trx);
      const active = isQueuedCall(call.name) && call.actor !== null ? 1 : 0;
      await sql`UPDATE sync_capture_flag SET active = ${active}`.execute(trx);
    },
    async beforeCommit(trx, call) {
      const userId = isQueuedCall(call.name) ? call.actor?.userId : undefined;
      const folded = userId ? await foldLog(trx) : null;
      await stopCapture(trx);
      if (!userId || !folded || folded.touched.length === 0) return;
      const mutationId = await writeOutbox(trx, call, userId, folded);
      onQueued(mutationId);
    },
  };
}

async function writeOutbox(
  trx: Kysely<Database>,
  call: WriteCallInfo,
  userId: string,
  folded: { touched: TouchedRow[]; baseRows: BaseRow[] },
): Promise<string> {
  const mutationId = uuidv7();
  await trx
    .insertInto('sync_outbox')
    .values({
      mutationId,
      callName: call.name,
      input: JSON.stringify(call.input ?? {}),
      generatedIds: JSON.stringify(call.generatedIds),
      baseValues: JSON.stringify(folded.baseRows),
      touchedRows: JSON.stringify(folded.touched),
      clientTime: call.now,
      userId,
      status: 'PENDING',
      detail: null,
      attempts: 0,
      pushedAt: null,
    })
    .execute();
  return mutationId;
}
