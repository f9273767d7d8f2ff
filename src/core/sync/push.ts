import type { Actor } from '../context.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { addRefetch, asLocal, pendingEntries, touchesOwnUser, type OutboxEntry } from './local-state.ts';
import type { ReplayResult } from './push-records.ts';
import { Replayer } from './replay.ts';

// Push (SYNC.md "Push: replay the user's calls"): the syncing user's PENDING entries, oldest first,
// replayed on central in batches (replay.ts), then marked locally. Entries are never skipped ahead of one that could
// not be delivered (a later call may depend on an earlier one): an offline or busy central stops the
// push and the rest wait for the next round.

export interface PushReport {
  pushed: number;
  applied: number;
  rejected: number;
  conflicts: number;
  /** Entries central had already applied (an earlier push died before the laptop marked them). */
  duplicates: number;
  /** Replays rolled back by MySQL for a deadlock or lock wait, and run again. */
  lockRetries: number;
}

/** Outbox entries marked per statement (SQLite's bound-parameter limit is far above). */
const MARK_CHUNK = 500;

/**
 * Marks entries with their central outcomes, in one SQLite transaction; their rows are refetched by
 * the next pull.
 */
async function ackMany(
  ctx: EngineContext,
  done: { entry: OutboxEntry; result: ReplayResult }[],
): Promise<void> {
  if (done.length === 0) return;
  const now = ctx.clock.now().toISOString();
  // Entries with the same outcome and detail (nearly all: APPLIED, {}) are marked by one statement per
  // few hundred instead of one each.
  const groups = new Map<string, { outcome: ReplayResult['outcome']; detail: string; seqs: number[] }>();
  for (const { entry, result } of done) {
    const detail = JSON.stringify(result.detail);
    const key = `${result.outcome}\u0000${detail}`;
    const g = groups.get(key) ?? { outcome: result.outcome, detail, seqs: [] };
    g.seqs.push(entry.seq);
    groups.set(key, g);
  }
  await ctx.local.kysely.transaction().execute(async (trx) => {
    for (const g of groups.values()) {
      for (let i = 0; i < g.seqs.length; i += MARK_CHUNK) {
        await trx
          .updateTable('sync_outbox')
          .set((eb) => ({
            status: g.outcome,
            detail: g.detail,
            pushedAt: now,
            attempts: eb('attempts', '+', 1),
          }))
          .where('seq', 'in', g.seqs.slice(i, i + MARK_CHUNK))
          .where('status', '=', 'PENDING')
          .execute();
      }
    }
    // The next pull re-reads every row the calls touched: central never had the optimistic rows of a
    // rejected call, and an applied one may have taken another path there (a risk alert already open,
    // so no new alert with the id the laptop generated), leaving optimistic rows no change would fix.
    await addRefetch(
      asLocal(trx),
      done.flatMap((d) => d.entry.touched),
      now,
    );
  });
}

export interface PushOutcome {
  report: PushReport;
  /** A pushed call touched the syncing user's own users row (role, department, status may differ). */
  ownUserTouched: boolean;
  /** The user as central saw them at the last batch's start; null when there was nothing to push. */
  actor: Actor | null;
}

export async function push(ctx: EngineContext): Promise<PushOutcome> {
  const report: PushReport = {
    pushed: 0,
    applied: 0,
    rejected: 0,
    conflicts: 0,
    duplicates: 0,
    lockRetries: 0,
  };
  const entries = await pendingEntries(ctx.local.kysely, ctx.userId);
  const replayer = new Replayer(ctx);
  try {
    await pushAll(ctx, entries, replayer, report);
  } finally {
    // Risk is evaluated once per student for the whole push, after its batches committed; a push
    // cut short still evaluates what it committed (a failed pass is logged, never thrown).
    await replayer.runRiskPass();
  }
  // Pending entries are the signed-in user's own (pendingEntries), so their user is ctx.userId.
  const ownUserTouched = entries.slice(0, report.pushed).some(touchesOwnUser);
  return { report, ownUserTouched, actor: replayer.actor };
}

async function pushAll(
  ctx: EngineContext,
  entries: OutboxEntry[],
  replayer: Replayer,
  report: PushReport,
): Promise<void> {
  while (report.pushed < entries.length) {
    const rest = entries.slice(report.pushed);
    const results = await replayer.replayBatch(rest);
    // Committed on central; each entry is marked locally after its own crash point (tests inject a
    // crash between the commit and the mark of any one entry), the marks written together.
    const done: { entry: OutboxEntry; result: ReplayResult }[] = [];
    try {
      for (const [i, result] of results.entries()) {
        await hit(ctx.faults, 'push:after-central-commit');
        done.push({ entry: rest[i]!, result });
      }
    } finally {
      await ackMany(ctx, done);
    }
    for (const { result } of done) {
      report.pushed++;
      if (result.duplicate) report.duplicates++;
      if (result.outcome === 'APPLIED') report.applied++;
      else if (result.outcome === 'REJECTED') report.rejected++;
      else report.conflicts++;
    }
    report.lockRetries = replayer.lockRetries;
    ctx.onProgress?.({
      phase: 'push',
      done: report.pushed,
      total: entries.length,
      label: 'Sending your changes',
    });
  }
}
