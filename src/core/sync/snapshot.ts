import { sql } from 'kysely';
import { applyPlan, emptyPlan, type Uniques } from './apply.ts';
import { stopCapture } from './capture.ts';
import { central, counterValue } from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { addRefetch, asLocal, protectedRows, setState } from './local-state.ts';
import { centralCount, centralPage } from './rows.ts';
import type { SyncScope } from './scope.ts';
import { SYNCED_TABLE_NAMES, pkOf, type SyncedTable } from './tables.ts';

// Initial sync, resync and full scope reconcile (decision 8). The counter is noted FIRST: every change
// committed after it has a higher seq, so the pull that follows from the noted value catches whatever
// the pages below miss or read half-way. Pages are keyset-ordered by primary key and committed one by
// one (bounded memory, progress). The cursor is written only with the final eviction of rows that are
// no longer in scope, so a crash mid-snapshot simply starts the snapshot again.

export interface SnapshotReport {
  pulled: number;
  evicted: number;
  cursor: number;
}

async function totalRows(ctx: EngineContext, scope: SyncScope): Promise<number> {
  let n = 0;
  for (const table of SYNCED_TABLE_NAMES)
    n += await central(() => centralCount(ctx.central.kysely, scope, table));
  return n;
}

async function copyTable(
  ctx: EngineContext,
  scope: SyncScope,
  uniques: Uniques,
  table: SyncedTable,
  progress: { done: number; total: number },
): Promise<{ seen: Set<string>; skipped: { table: string; rowId: string }[] }> {
  const seen = new Set<string>();
  const skipped: { table: string; rowId: string }[] = [];
  const pk = pkOf(table);
  let after: string | null = null;
  for (;;) {
    const rows = await central(() =>
      centralPage(ctx.central.kysely, scope, ctx.columns, table, after, ctx.batchSize),
    );
    if (rows.length === 0) break;
    const plan = emptyPlan();
    plan.upserts.set(table, rows);
    const stats = await ctx.local.kysely.transaction().execute(async (trx) => {
      await stopCapture(trx);
      return applyPlan(trx, ctx.columns, uniques, plan, await protectedRows(trx));
    });
    skipped.push(...stats.skipped, ...stats.displaced);
    for (const r of rows) seen.add(String(r[pk]));
    after = String(rows[rows.length - 1]![pk]);
    progress.done += rows.length;
    ctx.onProgress?.({
      phase: 'snapshot',
      done: progress.done,
      total: progress.total,
      label: `Downloading ${table}`,
    });
    await hit(ctx.faults, 'snapshot:after-page');
    if (rows.length < ctx.batchSize) break;
  }
  return { seen, skipped };
}

export async function snapshot(
  ctx: EngineContext,
  scope: SyncScope,
  uniques: Uniques,
): Promise<SnapshotReport> {
  const cursor = await central(() => counterValue(ctx.central.kysely));
  // Marks the cache as central's from here on: a crash mid-snapshot is resumed, not refused.
  await setState(ctx.local.kysely, 'snapshotStartedAt', ctx.clock.now().toISOString());
  const progress = { done: 0, total: await totalRows(ctx, scope) };
  const seen = new Map<SyncedTable, Set<string>>();
  const skipped: { table: string; rowId: string }[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    const r = await copyTable(ctx, scope, uniques, table, progress);
    seen.set(table, r.seen);
    skipped.push(...r.skipped);
  }
  const now = ctx.clock.now().toISOString();
  const evicted = await ctx.local.kysely.transaction().execute(async (trx) => {
    await stopCapture(trx);
    const plan = emptyPlan();
    for (const table of SYNCED_TABLE_NAMES) {
      const { rows } = await sql<{
        id: string;
      }>`select ${sql.ref(pkOf(table))} as id from ${sql.table(table)}`.execute(trx);
      const keep = seen.get(table)!;
      plan.evictions.set(table, new Set(rows.map((r) => String(r.id)).filter((id) => !keep.has(id))));
    }
    const stats = await applyPlan(trx, ctx.columns, uniques, plan, await protectedRows(trx));
    const local = asLocal(trx);
    await local.deleteFrom('sync_refetch').execute();
    await addRefetch(local, [...skipped, ...stats.skipped], now);
    await setState(trx, 'cursor', String(cursor));
    await setState(trx, 'userId', scope.actor.userId);
    await setState(trx, 'snapshotAt', now);
    return stats.evicted;
  });
  return { pulled: progress.done, evicted, cursor };
}
