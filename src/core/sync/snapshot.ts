import { sql } from 'kysely';
import { deferIndexes, restoreDeferredIndexes } from '../db/deferred-indexes.ts';
import { applyPlan, emptyPlan, localStatements, type ApplyStats, type Uniques } from './apply.ts';
import { stopCapture, withoutCaptureTriggers } from './capture.ts';
import { central, counterValue } from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { addRefetch, asLocal, protectedRows, setState } from './local-state.ts';
import { fetchLargeRows } from './large-rows.ts';
import {
  centralAllIdsInScope,
  centralCountAll,
  centralStreams,
  chunks,
  localIdSet,
  tablesHoldingRows,
} from './rows.ts';
import type { SyncScope } from './scope.ts';
import {
  LARGE_ROW_PAGE,
  SYNCED_TABLE_NAMES,
  TABLE_NOUNS,
  pkOf,
  type Row,
  type SyncedTable,
} from './tables.ts';
import { checkpointWithoutWaiting } from '../db/wal-checkpoint.ts';

// Initial sync, resync and full scope reconcile (decision 8). The counter is noted FIRST: every change
// committed after it has a higher seq, so the pull that follows from the noted value catches whatever
// the reads below miss or see half-way. Each table is read by one streamed statement and written in
// chunks, each chunk committed on its own (bounded memory, progress). The cursor is written only with
// the final eviction of rows that are no longer in scope, so a crash mid-snapshot starts it again.

export interface SnapshotReport {
  pulled: number;
  evicted: number;
  cursor: number;
}

const totalRows = (ctx: EngineContext, scope: SyncScope): Promise<number> =>
  central(() => centralCountAll(ctx.central.kysely, scope, SYNCED_TABLE_NAMES));

interface Page {
  table: SyncedTable;
  rows: Row[];
  /** Large-row tables: `rows` hold only the ids; copyPage downloads what the cache lacks. */
  idsOnly: boolean;
}

/**
 * Every scoped row, table by table, in chunks of batchSize. The tables between two of large rows are
 * streamed over one connection back to back (rows.ts centralStreams), which is given back before a
 * large-row table's page downloads its bytes (a pool of one must not wait on itself).
 */
async function* pages(ctx: EngineContext, scope: SyncScope): AsyncGenerator<Page> {
  let run: SyncedTable[] = [];
  for (const table of [...SYNCED_TABLE_NAMES, null]) {
    if (table !== null && LARGE_ROW_PAGE[table] === undefined) {
      run.push(table);
      continue;
    }
    if (run.length > 0) {
      const stream = centralStreams(ctx.central, scope, ctx.columns, run, ctx.batchSize);
      run = [];
      try {
        for (;;) {
          const next = await central(() => stream.next());
          if (next.done) break;
          yield { table: next.value.table, rows: next.value.rows, idsOnly: false };
        }
      } finally {
        // Stopped early (a crash, an injected fault): close the statement and give its connection back.
        await stream.return(undefined).catch(() => undefined);
      }
    }
    if (table === null) break;
    const pk = pkOf(table);
    const ids = await central(() => centralAllIdsInScope(ctx.central.kysely, scope, table));
    for (const part of chunks(ids, ctx.batchSize))
      yield { table, rows: part.map((id) => ({ [pk]: id })), idsOnly: true };
  }
}

/**
 * Pages smaller than this keep their table's capture triggers: stopCapture has switched capture off,
 * so each row costs only the triggers' WHEN test (a few µs), while dropping and recreating three
 * TEMP triggers is a schema change of ~0.3–0.5 ms. Most of a mentor's or student's tables are such
 * pages (a first sync of 26 tables had ~10 ms of it against an ~90 ms raw copy).
 */
const KEEP_TRIGGERS_BELOW = 100;

async function copyPage(ctx: EngineContext, uniques: Uniques, page: Page): Promise<ApplyStats> {
  return ctx.local.kysely.transaction().execute(async (trx) => {
    await stopCapture(trx);
    const protect = await protectedRows(trx);
    if (page.idsOnly) {
      const pk = pkOf(page.table);
      const ids = new Set(page.rows.map((r) => String(r[pk])));
      const wanted = new Map([[page.table, ids]]);
      return fetchLargeRows(
        trx,
        ctx.central.kysely,
        ctx.columns,
        uniques,
        wanted,
        protect,
        localStatements(ctx.local),
      );
    }
    const plan = emptyPlan();
    plan.upserts.set(page.table, page.rows);
    const apply = () => applyPlan(trx, ctx.columns, uniques, plan, protect, localStatements(ctx.local));
    return page.rows.length < KEEP_TRIGGERS_BELOW
      ? apply()
      : withoutCaptureTriggers(trx, page.table, ctx.columns[page.table], apply);
  });
}

/**
 * The cached rows a snapshot must see again or evict: every id the cache holds when it starts, per
 * table; each is struck off as its row arrives. Only rows held BEFORE the snapshot are tracked, not
 * every downloaded id: a first sync starts empty and holds nothing here. (A Set of all 282,551 ids a
 * department office downloads, then every cached id read back at the end to compare, was the largest
 * thing the snapshot kept in memory: ~40 MB of heap, its peak RSS.) A row that appears locally while
 * the snapshot runs is this laptop's own unsynced work, protected from eviction either way.
 */
type Unseen = Map<SyncedTable, Set<string>>;

async function cachedIds(ctx: EngineContext): Promise<Unseen> {
  const out: Unseen = new Map(SYNCED_TABLE_NAMES.map((t) => [t, new Set<string>()]));
  // A first sync holds nothing: one statement says so instead of one per table.
  for (const table of await tablesHoldingRows(ctx.local.kysely, SYNCED_TABLE_NAMES)) {
    const { rows } = await sql<{
      id: string;
    }>`select ${sql.ref(pkOf(table))} as id from ${sql.table(table)}`.execute(ctx.local.kysely);
    out.set(table, new Set(rows.map((r) => String(r.id))));
  }
  return out;
}

/** Evicts what the snapshot did not see and writes the cursor, in one SQLite transaction. */
async function finish(
  ctx: EngineContext,
  scope: SyncScope,
  uniques: Uniques,
  done: { unseen: Unseen; skipped: { table: string; rowId: string }[]; cursor: number },
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const { unseen, skipped, cursor } = done;
  return await ctx.local.kysely.transaction().execute(async (trx) => {
    await stopCapture(trx);
    const plan = emptyPlan();
    // Only those still cached: a page may have displaced one already (upsertDisplacing).
    for (const [table, ids] of unseen)
      if (ids.size > 0) plan.evictions.set(table, await localIdSet(trx, table, [...ids]));
    const stats = await applyPlan(
      trx,
      ctx.columns,
      uniques,
      plan,
      await protectedRows(trx),
      localStatements(ctx.local),
    );
    const local = asLocal(trx);
    await local.deleteFrom('sync_refetch').execute();
    await addRefetch(local, [...skipped, ...stats.skipped], now);
    await setState(trx, 'cursor', String(cursor));
    await setState(trx, 'userId', scope.actor.userId);
    await setState(trx, 'snapshotAt', now);
    return stats.evicted;
  });
}

/**
 * A snapshot commits a page at a time, and in WAL mode every commit past 1,000 WAL pages would also
 * checkpoint: copying the same index pages back into the file again and again (goal_updates, 153,606
 * rows: 1.6 s with the default, 1.0 s without). Checkpoints wait until the snapshot is done, and the
 * snapshot then checkpoints once, as its last step. Left to the next commit, that checkpoint fell
 * on the user's first write after the download: after a department office's first sync, a 631 MB
 * WAL copied back inside one click (1.4 s with the app's main process blocked), and, on the bench's
 * laptops, inside the first timed wave. TRUNCATE also gives the log's disk space back now (else the
 * next write cuts it to journal_size_limit, ~0.25 s for that file). It does not wait for a reader on
 * another connection (a report or backup worker): what that reader still needs is left to a later
 * checkpoint (checkpointWithoutWaiting). Readers are unaffected (WAL).
 */
async function withoutAutoCheckpoint<T>(ctx: EngineContext, work: () => Promise<T>): Promise<T> {
  const db = ctx.local.kysely;
  const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
  const before = Number(rows[0]?.wal_autocheckpoint ?? 1000);
  await sql`PRAGMA wal_autocheckpoint = 0`.execute(db);
  try {
    const out = await work();
    if (!(await checkpointWithoutWaiting(db)))
      ctx.log.info('sync: a reader kept part of the log; a later checkpoint copies it back');
    return out;
  } finally {
    await sql.raw(`PRAGMA wal_autocheckpoint = ${before}`).execute(db);
  }
}

export async function snapshot(
  ctx: EngineContext,
  scope: SyncScope,
  uniques: Uniques,
): Promise<SnapshotReport> {
  return withoutAutoCheckpoint(ctx, () => copyAll(ctx, scope, uniques));
}

/**
 * Whether `page`, the first of its table, starts a bulk load: the table held nothing when the snapshot
 * began (a first sync, or a table new to this user's scope) and the page is full, so more follow.
 * Its secondary indexes are then built once after its last page instead of entry by entry
 * (db/deferred-indexes.ts). Large-row tables arrive as ids and stay as they are.
 */
function bulkLoad(ctx: EngineContext, page: Page, unseen: Unseen): boolean {
  return !page.idsOnly && page.rows.length >= ctx.batchSize && unseen.get(page.table)?.size === 0;
}

/**
 * What a table's load sets aside: its secondary indexes on a bulk load, and the triggers that keep a
 * derived table (db/derived-tables.ts) whenever an empty table gets KEEP_TRIGGERS_BELOW rows or more.
 * Any trigger makes SQLite keep a statement journal for each row written, ~45 µs a session row: a
 * mentor's 671 sessions, one page, cost ~25 ms against a raw copy of ~130 ms, where counting
 * them again after the load costs under 1 ms.
 */
function setAside(ctx: EngineContext, page: Page, unseen: Unseen): { indexes: boolean; triggers: boolean } {
  const empty = !page.idsOnly && unseen.get(page.table)?.size === 0;
  return { indexes: bulkLoad(ctx, page, unseen), triggers: empty && page.rows.length >= KEEP_TRIGGERS_BELOW };
}

/**
 * The progress count is sent only once a download has run this long. It evaluates every scope
 * predicate a second time (a mentor's count took ≈ 40 % of the server time of the download's own
 * reads, on a server all laptops share, and ran beside them on two cores), for a bar nobody watches
 * when the download is over sooner.
 */
const COUNT_AFTER_MS = 500;

/** Progress as the bar shows it: total 0 (not known yet) until the count arrives. */
const shown = (p: { done: number; total: number }): { done: number; total: number } => ({
  done: p.done,
  total: p.total === 0 ? 0 : Math.max(p.total, p.done),
});

async function copyAll(ctx: EngineContext, scope: SyncScope, uniques: Uniques): Promise<SnapshotReport> {
  const cursor = await central(() => counterValue(ctx.central.kysely));
  // Marks the cache as central's from here on: a crash mid-snapshot is resumed, not refused.
  await setState(ctx.local.kysely, 'snapshotStartedAt', ctx.clock.now().toISOString());
  // The count is for the progress bar only: one statement on one connection, beside the download on
  // the other, instead of before it; progress reports total 0 (not known yet) until it arrives. A
  // failed count leaves it so.
  const progress = { done: 0, total: 0 };
  let counting: Promise<void> | null = null;
  const countLater = setTimeout(() => {
    counting = totalRows(ctx, scope).then(
      (n) => void (progress.total = n),
      () => undefined,
    );
  }, COUNT_AFTER_MS);
  const unseen = await cachedIds(ctx);
  const skipped: { table: string; rowId: string }[] = [];
  // Indexes whose rebuild failed after an earlier download in this process (the record stayed; an
  // app killed mid-table has them back from migrateToLatest at its next open): built first.
  await restoreDeferredIndexes(ctx.local.kysely);
  let table: SyncedTable | null = null;
  let deferred: SyncedTable | null = null;
  const rebuild = async (t: SyncedTable): Promise<void> => {
    ctx.onProgress?.({ phase: 'snapshot', ...shown(progress), label: `Indexing ${TABLE_NOUNS[t]}` });
    await restoreDeferredIndexes(ctx.local.kysely);
  };
  try {
    for await (const page of pages(ctx, scope)) {
      if (page.table !== table) {
        if (deferred) await rebuild(deferred);
        deferred = null;
        table = page.table;
        if ((await deferIndexes(ctx.local.kysely, page.table, setAside(ctx, page, unseen))) > 0)
          deferred = page.table;
      }
      const stats = await copyPage(ctx, uniques, page);
      skipped.push(...stats.skipped, ...stats.displaced);
      const pk = pkOf(page.table);
      const ids = unseen.get(page.table)!;
      if (ids.size > 0) for (const r of page.rows) ids.delete(String(r[pk]));
      progress.done += page.rows.length;
      ctx.onProgress?.({
        phase: 'snapshot',
        ...shown(progress),
        label: `Downloading ${TABLE_NOUNS[page.table]}`,
      });
      await hit(ctx.faults, 'snapshot:after-page');
    }
    if (deferred) await rebuild(deferred);
  } finally {
    clearTimeout(countLater);
    // Also when the download stops half-way (offline, a crash injected by a test): a table left
    // without its indexes would make every screen that reads it scan it. Should this fail too, the
    // record stays and the next snapshot or the next start (migrateToLatest) rebuilds them; the
    // error the user sees is the one that stopped the download.
    await restoreDeferredIndexes(ctx.local.kysely).catch(() => undefined);
  }
  await counting;
  const evicted = await finish(ctx, scope, uniques, { unseen, skipped, cursor });
  return { pulled: progress.done, evicted, cursor };
}
