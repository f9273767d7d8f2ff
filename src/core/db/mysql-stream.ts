import type { CompiledQuery } from 'kysely';
import type { Pool, PoolConnection } from 'mysql2';
import { mysqlDateParams } from './mysql-datetime.ts';

// Streams a large SELECT from MySQL in batches of rows, for sync's snapshot (282,551 rows for a
// department office). Kysely's own MySQL stream hands rows over one at a time through two async
// generators with a 16-row read-ahead, so the server stalled while the laptop wrote each page and
// the read cost ~0.5–1 s more than plain mysql2 (measured: 1.8–2.4 s against 1.35 s for the same
// rows). Here mysql2 runs in flowing mode into whole batches, reads one batch ahead while the
// caller writes one, and pauses the socket beyond that (bounded memory).
//
// A stream that closes before its end is an error, never a short table: a snapshot that silently
// ended early would evict rows the laptop should keep.

type Row = Record<string, unknown>;

/**
 * Batches decoded ahead of the one the caller is writing. One keeps the server sending while a page
 * is written; more only held more decoded rows at once (5,000 session_records are ~8 MB of heap),
 * and V8 grows the old space to a multiple of what is live at a full collection: two batches ahead
 * plus a full paused buffer (below) was four batches in memory, part of the snapshot's peak RSS.
 */
const AHEAD = 1;

/**
 * Rows a paused stream still decodes before mysql2 stops reading the socket (the Readable's
 * highWaterMark). The rest of the result waits undecoded in the socket and TCP holds the server
 * back; at batchSize this was one more whole batch of row objects.
 */
const PAUSED_ROWS = 64;

function take(pool: Pool): Promise<PoolConnection> {
  return new Promise((resolve, reject) =>
    pool.getConnection((err, conn) => (err ? reject(err) : resolve(conn))),
  );
}

export async function* streamMysqlRows(
  pool: Pool,
  prepare: (conn: PoolConnection) => Promise<void>,
  query: CompiledQuery,
  batchSize: number,
): AsyncGenerator<Row[]> {
  const conn = await take(pool);
  let finished = false;
  try {
    await prepare(conn);
    const stream = conn
      .query(query.sql, mysqlDateParams(query.parameters))
      .stream({ objectMode: true, highWaterMark: Math.min(PAUSED_ROWS, batchSize) });
    const ready: Row[][] = [];
    let batch: Row[] = [];
    let ended = false;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    const signal = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    stream.on('data', (row: Row) => {
      batch.push(row);
      if (batch.length < batchSize) return;
      ready.push(batch);
      batch = [];
      if (ready.length >= AHEAD) stream.pause();
      signal();
    });
    stream.on('end', () => {
      if (batch.length > 0) ready.push(batch);
      batch = [];
      ended = true;
      signal();
    });
    stream.on('error', (err: unknown) => {
      failure ??= err;
      signal();
    });
    stream.on('close', () => {
      if (!ended) failure ??= new Error('The central database closed the query before its last row.');
      signal();
    });
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (ready.length < AHEAD && !ended) stream.resume();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    finished = true;
  } finally {
    // Stopped half-way (a fault, a crash test, the caller gave up): the rest of the result is still on
    // its way over this connection, so it cannot go back to the pool.
    if (finished) conn.release();
    else conn.destroy();
  }
}
