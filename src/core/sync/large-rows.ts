import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { applyPlan, emptyPlan, type ApplyStats, type StatementSource, type Uniques } from './apply.ts';
import { central } from './central.ts';
import { centralRowsByCheckedIds, chunks, localIdSet } from './rows.ts';
import { LARGE_ROW_PAGE, type ColumnMap, type SyncedTable } from './tables.ts';

// Tables of large rows (attachment_blobs: 1 MiB chunks). A pull or snapshot decides WHICH of their
// rows are in scope from ids alone, in its consistent read; the bytes are downloaded afterwards, a
// few rows at a time, into the caller's SQLite transaction, so memory stays at one page however many
// files arrive. Their rows never change once written (the id names the content), so a row the cache
// already holds is never downloaded again, and a late download cannot bring stale bytes.

export async function fetchLargeRows(
  trx: Kysely<Database>,
  centralDb: Kysely<Database>,
  columns: ColumnMap,
  uniques: Uniques,
  wanted: Map<SyncedTable, Set<string>>,
  protect: Set<string>,
  statement: StatementSource,
): Promise<ApplyStats> {
  const stats: ApplyStats = { upserted: 0, evicted: 0, skipped: [], displaced: [] };
  for (const [table, ids] of wanted) {
    const held = await localIdSet(trx, table, [...ids]);
    const todo = [...ids].filter((id) => !held.has(id));
    for (const part of chunks(todo, LARGE_ROW_PAGE[table] ?? 8)) {
      // A row deleted on central since the scoped read is simply missing: its DELETE change follows.
      const rows = await central(() => centralRowsByCheckedIds(centralDb, columns, table, part));
      if (rows.length === 0) continue;
      const plan = emptyPlan();
      plan.upserts.set(table, rows);
      const s = await applyPlan(trx, columns, uniques, plan, protect, statement);
      stats.upserted += s.upserted;
      stats.skipped.push(...s.skipped);
      stats.displaced.push(...s.displaced);
    }
  }
  return stats;
}
