import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { addRefetch, asLocal, pendingEntries, type OutboxEntry } from './local-state.ts';
import { Replayer, recordedMany, type ReplayResult } from './replay.ts';
import { withLockRetry } from './central.ts';

// Push (SYNC.md "Push: replay the user's calls"): the syncing user's PENDING entries, oldest first,
// each replayed on central, then marked locally. Entries are never skipped ahead of one that could
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

/** Marks the entry with its central outcome; its rows are refetched by the next pull. */
async function ack(ctx: EngineContext, entry: OutboxEntry, result: ReplayResult): Promise<void> {
  const now = ctx.clock.now().toISOString();
  await ctx.local.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('sync_outbox')
      .set((eb) => ({
        status: result.outcome,
        detail: JSON.stringify(result.detail),
        pushedAt: now,
        attempts: eb('attempts', '+', 1),
      }))
      .where('seq', '=', entry.seq)
      .where('status', '=', 'PENDING')
      .execute();
    // The next pull re-reads every row the call touched: central never had the optimistic rows of a
    // rejected call, and an applied one may have taken another path there (a risk alert already open,
    // so no new alert with the id the laptop generated), leaving optimistic rows no change would fix.
    await addRefetch(asLocal(trx), entry.touched, now);
  });
}

export async function push(ctx: EngineContext): Promise<PushReport> {
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
  const known = await withLockRetry(() =>
    recordedMany(
      ctx.central.kysely,
      entries.map((e) => e.mutationId),
    ),
  );
  for (const [i, entry] of entries.entries()) {
    await hit(ctx.faults, 'push:before-replay');
    const result = await replayer.replay(entry, known.get(entry.mutationId) ?? null);
    await hit(ctx.faults, 'push:after-central-commit');
    await ack(ctx, entry, result);
    report.pushed++;
    if (result.duplicate) report.duplicates++;
    if (result.outcome === 'APPLIED') report.applied++;
    else if (result.outcome === 'REJECTED') report.rejected++;
    else report.conflicts++;
    report.lockRetries = replayer.lockRetries;
    ctx.onProgress?.({ phase: 'push', done: i + 1, total: entries.length, label: 'Sending your changes' });
  }
  return report;
}
