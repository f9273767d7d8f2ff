import { sql } from 'kysely';
import { systemClock, type Clock } from '../clock.ts';
import type { Db } from '../db/connect.ts';
import { withLockRetry } from './central.ts';

// sync_changes grows with every central write; it is pruned after N days (SYNC.md). A laptop whose
// cursor falls below the oldest kept seq notices on its next pull and resyncs from a snapshot.
// Deletes run in small chunks so they never hold the log (or the counter's writers) for long.

const CHUNK = 10_000;

/** Deletes change-log rows older than `olderThanDays`; returns how many went. */
export async function pruneChanges(
  db: Db,
  olderThanDays: number,
  clock: Clock = systemClock,
): Promise<number> {
  if (db.dialect !== 'mysql') throw new Error('The change log lives on the central MySQL database.');
  if (!Number.isFinite(olderThanDays) || olderThanDays < 1)
    throw new Error('Keep at least one day of changes.');
  const before = new Date(clock.now().getTime() - olderThanDays * 86_400_000).toISOString();
  let total = 0;
  for (;;) {
    const r = await withLockRetry(() =>
      sql`delete from sync_changes where changedAt < ${before} order by seq limit ${CHUNK}`.execute(
        db.kysely,
      ),
    );
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < CHUNK) return total;
  }
}
