import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BaseRow } from './local-state.ts';
import { isMergeIgnored, isSyncedTable, pkOf, type Row } from './tables.ts';
import { sameValue } from './values.ts';

// Field-level merge of a replayed update (SYNC.md "Updates carry base values"; decision 5). Before the
// service runs, the central values of the columns the laptop changed are read and locked; after it,
// each column is judged: central still at the base → the replayed value stands; central already at
// the laptop's value → nothing to do; central moved elsewhere → CONFLICT: central's value is put back
// in the same transaction and both values are kept in the mutation's detail. Other columns apply.

export interface FieldConflict {
  table: string;
  rowId: string;
  column: string;
  /** What the laptop's form showed before the edit. */
  base: unknown;
  /** The laptop's value (not applied, kept here so it is not lost). */
  mine: unknown;
  /** The value central kept. */
  central: unknown;
}

const keyOf = (b: { table: string; rowId: string }): string => `${b.table}\u0000${b.rowId}`;

/** Reads (FOR UPDATE) the central values of every column the laptop changed. */
export async function readCentralBase(trx: Kysely<Database>, baseRows: BaseRow[]): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const b of baseRows) {
    if (!isSyncedTable(b.table)) continue;
    const cols = Object.keys(b.columns).filter((c) => !isMergeIgnored(b.table, c));
    if (cols.length === 0) continue;
    const { rows } = await sql<Row>`select ${sql.join(cols.map((c) => sql.ref(c)))} from ${sql.table(b.table)}
      where ${sql.ref(pkOf(b.table))} = ${b.rowId} for update`.execute(trx);
    if (rows[0]) out.set(keyOf(b), rows[0]);
  }
  return out;
}

/** Judges each changed column and restores central's value where the laptop's edit conflicts. */
export async function mergeFields(
  trx: Kysely<Database>,
  baseRows: BaseRow[],
  before: Map<string, Row>,
): Promise<FieldConflict[]> {
  const conflicts: FieldConflict[] = [];
  for (const b of baseRows) {
    const pre = before.get(keyOf(b));
    if (!pre || !isSyncedTable(b.table)) continue;
    const restore: Row = {};
    for (const [column, { base, value }] of Object.entries(b.columns)) {
      if (!(column in pre)) continue;
      const now = pre[column];
      if (sameValue(b.table, column, now, base) || sameValue(b.table, column, now, value)) continue;
      conflicts.push({ table: b.table, rowId: b.rowId, column, base, mine: value, central: now });
      restore[column] = now;
    }
    if (Object.keys(restore).length === 0) continue;
    const sets = Object.entries(restore).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
    await sql`update ${sql.table(b.table)} set ${sql.join(sets)} where ${sql.ref(pkOf(b.table))} = ${b.rowId}`.execute(
      trx,
    );
  }
  return conflicts;
}
