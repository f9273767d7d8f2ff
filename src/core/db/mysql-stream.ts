import type { CompiledQuery } from 'kysely';
import type { Readable } from 'node:stream';
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

/** A batch of one of the queries streamed together (`query` indexes the list given). */
export interface QueryBatch {
  query: number;
  rows: Row[];
}

/**
 * Several SELECTs streamed one after the other over ONE connection, as batches in query order. The
 * next query is sent as soon as the previous one's last row has arrived, so the server evaluates it
 * while the caller writes that result: a snapshot of many small tables (a mentor's 26) otherwise
 * waited for every table's query in turn with the laptop idle, then wrote with the server idle. The
 * connection goes back to the pool as soon as the last query has ended, before its last batches are
 * handed over, so the caller may use the pool while it writes them.
 */
export async function* streamMysqlQueries(
  pool: Pool,
  prepare: (conn: PoolConnection) => Promise<void>,
  queries: readonly CompiledQuery[],
  batchSize: number,
): AsyncGenerator<QueryBatch> {
  if (queries.length === 0) return;
  const conn = await take(pool);
  // Set once the last query has ended and the connection is back in the pool.
  let released = false;
  try {
    await prepare(conn);
    const ready: QueryBatch[] = [];
    let current: Readable | null = null;
    let failure: unknown = null;
    let wake: (() => void) | null = null;
    const signal = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    const start = (index: number): void => {
      const query = queries[index]!;
      const stream = conn
        .query(query.sql, mysqlDateParams(query.parameters))
        .stream({ objectMode: true, highWaterMark: Math.min(PAUSED_ROWS, batchSize) });
      current = stream;
      let batch: Row[] = [];
      let ended = false;
      stream.on('data', (row: Row) => {
        batch.push(row);
        if (batch.length < batchSize) return;
        ready.push({ query: index, rows: batch });
        batch = [];
        if (ready.length >= AHEAD) stream.pause();
        signal();
      });
      stream.on('end', () => {
        ended = true;
        if (batch.length > 0) ready.push({ query: index, rows: batch });
        batch = [];
        // mysql2 also ends a stream it destroyed for an error: nothing more is sent after one.
        if (failure !== null) {
          signal();
          return;
        }
        if (index + 1 < queries.length) {
          start(index + 1);
          // Sent now (the server starts on it), read once the caller has taken what waits.
          if (ready.length >= AHEAD) current!.pause();
        } else {
          released = true;
          conn.release();
        }
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
    };
    start(0);
    for (;;) {
      const next = ready.shift();
      if (next) {
        if (ready.length < AHEAD && !released) current!.resume();
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (released) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    // Stopped half-way (a fault, a crash test, the caller gave up, a failed query): the rest of the
    // results may still be on their way over this connection, so it cannot go back to the pool.
    if (!released) conn.destroy();
  }
}
