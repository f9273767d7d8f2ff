import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Copies the WAL back into the database file and truncates it, without waiting for readers.
 * TRUNCATE (like RESTART and FULL) calls the busy handler until every reader on another connection
 * reads the newest snapshot: with the app's busy_timeout, a report or backup worker in the middle of
 * a read held the caller, the Electron main process, for up to five seconds. With no busy wait the
 * checkpoint copies what no reader still needs and returns; the rest, and the truncation, are left
 * to a later checkpoint (the next write then cuts the log to journal_size_limit). The connection is
 * held for the three statements, so no other query of this connection runs without its busy wait.
 * Returns whether the checkpoint finished (false: a reader kept part of the log).
 */
export async function checkpointWithoutWaiting(db: Kysely<Database>): Promise<boolean> {
  return db.connection().execute(async (c) => {
    const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(c);
    const before = Number(rows[0]?.timeout ?? 0);
    await sql`PRAGMA busy_timeout = 0`.execute(c);
    try {
      const r = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(c);
      return Number(r.rows[0]?.busy ?? 0) === 0;
    } finally {
      await sql.raw(`PRAGMA busy_timeout = ${before}`).execute(c);
    }
  });
}
