import type { Kysely, Selectable } from 'kysely';
import type { Database, OutboxStatus } from '../db/schema.ts';
import { uuidv7 } from '../ids.ts';

// The laptop's sync bookkeeping: key/value state (sync_state), the refetch list (migration 0004)
// and the outbox (sync_outbox). Plain functions, db handle first, so they run inside any transaction.

export interface SyncRefetchTable {
  tableName: string;
  rowId: string;
  addedAt: string;
}

/** The local database with the table migration 0004 adds (schema.ts describes the shared tables). */
export type LocalDb = Kysely<Database & { sync_refetch: SyncRefetchTable }>;
export const asLocal = (db: Kysely<Database>): LocalDb => db.withTables<{ sync_refetch: SyncRefetchTable }>();

export type StateKey =
  | 'mode'
  | 'clientId'
  | 'userId'
  | 'cursor'
  | 'snapshotAt'
  | 'snapshotStartedAt'
  | 'lastSuccessAt'
  | 'lastAttemptAt'
  | 'lastError'
  | 'centralId'
  | 'state'
  /** Set while a fresh install's join downloads (connection-join.ts); undone if it never finishes. */
  | 'joinStartedAt';

export async function getState(db: Kysely<Database>, key: StateKey): Promise<string | null> {
  const row = await db.selectFrom('sync_state').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function setState(db: Kysely<Database>, key: StateKey, value: string): Promise<void> {
  await db
    .insertInto('sync_state')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export async function clearState(db: Kysely<Database>, key: StateKey): Promise<void> {
  await db.deleteFrom('sync_state').where('key', '=', key).execute();
}

/** This installation's sync identity, created on first use (central keys sync_clients by it). */
export async function ensureClientId(db: Kysely<Database>): Promise<string> {
  const have = await getState(db, 'clientId');
  if (have) return have;
  const id = uuidv7();
  await setState(db, 'clientId', id);
  return id;
}

export async function isSyncedMode(db: Kysely<Database>): Promise<boolean> {
  return (await getState(db, 'mode')) === 'synced';
}

export async function getCursor(db: Kysely<Database>): Promise<number | null> {
  const v = await getState(db, 'cursor');
  return v === null ? null : Number(v);
}

export interface TouchedRow {
  table: string;
  rowId: string;
  op: 'INSERT' | 'UPDATE' | 'DELETE';
}

/** Per updated row: the columns the call changed, with the value before (base) and after. */
export interface BaseRow {
  table: string;
  rowId: string;
  columns: Record<string, { base: unknown; value: unknown }>;
}

export interface OutboxEntry {
  seq: number;
  mutationId: string;
  callName: string;
  input: unknown;
  generatedIds: string[];
  baseRows: BaseRow[];
  touched: TouchedRow[];
  clientTime: string;
  userId: string;
  status: OutboxStatus;
  detail: unknown;
  attempts: number;
  pushedAt: string | null;
}

/**
 * The entry changed its own user's row (role, department, status may have moved): replay reloads the
 * actor after it, and a push that applied one re-reads the user before the pull picks its scope.
 */
export function touchesOwnUser(entry: OutboxEntry): boolean {
  return entry.touched.some((t) => t.table === 'users' && t.rowId === entry.userId);
}

type OutboxRow = Selectable<Database['sync_outbox']>;

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function toEntry(r: OutboxRow): OutboxEntry {
  return {
    seq: r.seq,
    mutationId: r.mutationId,
    callName: r.callName,
    input: parse(r.input),
    generatedIds: parse(r.generatedIds) as string[],
    baseRows: (parse(r.baseValues) as BaseRow[] | null) ?? [],
    touched: parse(r.touchedRows) as TouchedRow[],
    clientTime: r.clientTime,
    userId: r.userId,
    status: r.status,
    detail: parse(r.detail),
    attempts: r.attempts,
    pushedAt: r.pushedAt,
  };
}

export async function pendingEntries(db: Kysely<Database>, userId: string): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('sync_outbox')
    .selectAll()
    .where('status', '=', 'PENDING')
    .where('userId', '=', userId)
    .orderBy('seq')
    .execute();
  return rows.map(toEntry);
}

/** (table, rowId) keys of every row a still-PENDING entry touched: a pull must not overwrite them. */
export async function protectedRows(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sync_outbox')
    .select('touchedRows')
    .where('status', '=', 'PENDING')
    .execute();
  const out = new Set<string>();
  for (const r of rows)
    for (const t of JSON.parse(r.touchedRows) as TouchedRow[]) out.add(rowKey(t.table, t.rowId));
  return out;
}

export const rowKey = (table: string, rowId: string): string => `${table}\u0000${rowId}`;

export async function countOutbox(
  db: Kysely<Database>,
  userId?: string,
): Promise<Record<OutboxStatus, number>> {
  let q = db.selectFrom('sync_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]);
  if (userId) q = q.where('userId', '=', userId);
  const rows = await q.groupBy('status').execute();
  const out: Record<OutboxStatus, number> = {
    PENDING: 0,
    APPLIED: 0,
    REJECTED: 0,
    CONFLICT: 0,
    DISCARDED: 0,
  };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export async function addRefetch(
  db: LocalDb,
  rows: { table: string; rowId: string }[],
  now: string,
): Promise<void> {
  // Multi-row inserts: a push of a thousand entries refetches thousands of rows.
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('sync_refetch')
      .values(rows.slice(i, i + 300).map((r) => ({ tableName: r.table, rowId: r.rowId, addedAt: now })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
