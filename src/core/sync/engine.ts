import { CONTRACT } from '../../shared/contract/index.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { HANDLERS } from '../handlers.ts';
import { silentLogger, type Logger } from '../log.ts';
import { loadUniques, type ApplyStats, type Uniques } from './apply.ts';
import { installCapture } from './capture.ts';
import { central, centralActor, checkRoles, notePull, registerClient } from './central.ts';
import { checkCentralSchema } from './central-schema.ts';
import type { EngineContext, ReplayCalls, SyncProgress } from './engine-context.ts';
import { hit, type Faults } from './faults.ts';
import { ensureClientId, getCursor, getState } from './local-state.ts';
import { applyBatch, readBatch } from './pull.ts';
import { push, type PushReport } from './push.ts';
import { tablesHoldingRows } from './rows.ts';
import { syncScopeFor, type SyncScope } from './scope.ts';
import { snapshot } from './snapshot.ts';
import { SYNCED_TABLE_NAMES, loadColumns, type ColumnMap } from './tables.ts';

// One sync round (SYNC.md "Order and ownership"): push, then pull, so the pull carries central's
// result of what was just pushed.

export interface SyncOnceOptions {
  local: Db;
  central: Db;
  /** The user signed in on this laptop (already authenticated locally or by authenticateCentral). */
  userId: string;
  appVersion: string;
  clock?: Clock;
  log?: Logger;
  faults?: Faults;
  /** Changes per pull batch and rows per snapshot page (SYNC.md: 5,000). */
  batchSize?: number;
  calls?: ReplayCalls;
  onProgress?: (p: SyncProgress) => void;
}

export interface SyncReport extends PushReport {
  pulled: number;
  evicted: number;
  cursor: number;
  /** A full snapshot ran (first sync, pruned log, or the user's own scope changed). */
  snapshot: boolean;
  durationMs: number;
  /** Time spent replaying on central (the rest is the pull). */
  pushMs: number;
}

/** This database holds standalone data: synced mode would evict it. Import it instead (SYNC.md "Modes"). */
export class StandaloneDataError extends Error {
  override name = 'StandaloneDataError';
}

const prepared = new WeakMap<Db, Promise<{ columns: ColumnMap; uniques: Uniques }>>();

/** Column lists, unique keys and the TEMP capture objects of a local database, once per connection. */
function prepareLocal(local: Db): Promise<{ columns: ColumnMap; uniques: Uniques }> {
  let p = prepared.get(local);
  if (!p) {
    p = (async () => {
      const columns = await loadColumns(local.kysely);
      await installCapture(local.kysely, columns);
      return { columns, uniques: await loadUniques(local.kysely) };
    })();
    prepared.set(local, p);
  }
  return p;
}

const done = new WeakMap<Db, Set<string>>();

/**
 * Work a sync loop needs once per central connection, not every round: the roles check (roles never
 * change) and the client's registration (same laptop, user and version). Two statements fewer in
 * every round's latency.
 */
async function once(central: Db, key: string, fn: () => Promise<void>): Promise<void> {
  let keys = done.get(central);
  if (!keys) done.set(central, (keys = new Set()));
  if (keys.has(key)) return;
  await fn();
  keys.add(key);
}

async function refuseStandaloneData(local: Db): Promise<void> {
  if ((await getState(local.kysely, 'snapshotStartedAt')) !== null) return;
  const held = await tablesHoldingRows(local.kysely, SYNCED_TABLE_NAMES);
  const table = SYNCED_TABLE_NAMES.find((t) => held.has(t));
  if (table) {
    throw new StandaloneDataError(
      `This database already holds data (${table}) that never came from central; upload it with an import instead of syncing over it.`,
    );
  }
}

/** Tells central how far this laptop has pulled (sync_clients: the dashboards' "behind" and last pull). */
const noteCursor = (ctx: EngineContext, cursor: number): Promise<void> =>
  central(() => notePull(ctx.central, ctx.clientId, cursor, ctx.clock.now().toISOString()));

/**
 * Pulls until central has nothing more. Resolves whether central was already told the final cursor:
 * the round's last batch (the only one, in a busy office's rounds) tells it while the laptop applies
 * the batch, rather than as one more round trip and commit after it. The note is bookkeeping for the
 * dashboards only; if the local apply fails, central believes the laptop one batch further for a
 * round, and the next round corrects it.
 */
async function pullAll(
  ctx: EngineContext,
  uniques: Uniques,
  report: SyncReport,
  actor: Actor,
): Promise<boolean> {
  let scope: SyncScope = syncScopeFor(actor);
  let cursor = await getCursor(ctx.local.kysely);
  let afterSnapshot = false;
  // `actor` was read from central in this round: a first snapshot uses it; one a batch asks for
  // (pruned log, the user's own row moved) reads the user again.
  const fullSnapshot = async (fresh: Actor | null) => {
    scope = syncScopeFor(fresh ?? (await centralActor(ctx.central, ctx.userId)));
    const s = await snapshot(ctx, scope, uniques);
    report.snapshot = true;
    report.pulled += s.pulled;
    report.evicted += s.evicted;
    cursor = s.cursor;
    afterSnapshot = true;
  };
  if (cursor === null || (await getState(ctx.local.kysely, 'userId')) !== ctx.userId)
    await fullSnapshot(actor);
  for (;;) {
    const batch = await readBatch(ctx, scope, cursor ?? 0, afterSnapshot);
    afterSnapshot = false;
    if (batch.resync) {
      await fullSnapshot(null);
      continue;
    }
    const last = batch.changes < ctx.batchSize && !batch.fullReconcile;
    const note = last ? noteCursor(ctx, batch.lastSeq ?? cursor ?? 0) : null;
    let stats: ApplyStats;
    try {
      stats = await applyBatch(ctx, uniques, batch);
    } catch (err) {
      await note?.catch(() => undefined);
      throw err;
    }
    if (note) await note;
    report.pulled += stats.upserted;
    report.evicted += stats.evicted;
    if (batch.lastSeq !== null) cursor = batch.lastSeq;
    await hit(ctx.faults, 'pull:after-local-commit');
    ctx.onProgress?.({
      phase: 'pull',
      done: batch.changes,
      total: batch.changes,
      label: 'Receiving changes',
    });
    if (batch.fullReconcile) await fullSnapshot(null);
    if (last) {
      report.cursor = cursor ?? 0;
      return true;
    }
    if (batch.changes < ctx.batchSize) break;
  }
  report.cursor = cursor ?? 0;
  return false;
}

export async function syncOnce(opts: SyncOnceOptions): Promise<SyncReport> {
  const started = performance.now();
  const { columns, uniques } = await prepareLocal(opts.local);
  const ctx: EngineContext = {
    local: opts.local,
    central: opts.central,
    clientId: await ensureClientId(opts.local.kysely),
    userId: opts.userId,
    appVersion: opts.appVersion,
    clock: opts.clock ?? systemClock,
    log: opts.log ?? silentLogger,
    columns,
    calls: opts.calls ?? { contract: CONTRACT, handlers: HANDLERS as unknown as ReplayCalls['handlers'] },
    batchSize: opts.batchSize ?? 5000,
    faults: opts.faults,
    onProgress: opts.onProgress,
  };
  await refuseStandaloneData(opts.local);
  await Promise.all([
    once(opts.central, `roles\u0000${ctx.clientId}`, async () => {
      await Promise.all([
        checkRoles(ctx.local.kysely, ctx.central.kysely),
        central(() => checkCentralSchema(ctx.central.kysely)),
      ]);
    }),
    once(opts.central, `client\u0000${ctx.clientId}\u0000${ctx.userId}\u0000${ctx.appVersion}`, () =>
      registerClient(ctx.central, { clientId: ctx.clientId, userId: ctx.userId, appVersion: ctx.appVersion }),
    ),
  ]);
  const pushStarted = performance.now();
  // A disabled account stops the round in the push's first batch (replay.ts), before any entry is
  // replayed; with nothing to push, at the actor read below.
  const { report: pushed, ownUserTouched, actor: pushedAs } = await push(ctx);
  const report: SyncReport = {
    ...pushed,
    pushMs: Math.round(performance.now() - pushStarted),
    pulled: 0,
    evicted: 0,
    cursor: 0,
    snapshot: false,
    durationMs: 0,
  };
  // The push's read of the user serves the pull, unless a replayed call changed the user's own row
  // (the scope follows the new role or department). A change made on central by someone else
  // arrives as a change to that row, which the pull itself reconciles (pull.ts ownRowMoved).
  const actor = pushedAs && !ownUserTouched ? pushedAs : await centralActor(ctx.central, ctx.userId);
  if (!(await pullAll(ctx, uniques, report, actor))) await noteCursor(ctx, report.cursor);
  report.durationMs = Math.round(performance.now() - started);
  return report;
}
