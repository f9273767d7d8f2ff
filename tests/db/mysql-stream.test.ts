import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { connect } from '../../src/core/db/connect.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';

// The snapshot's MySQL stream (src/core/db/mysql-stream.ts) on real MariaDB: whole batches in order,
// a caller that stops early leaves the pool usable, and a connection killed mid-stream is an error,
// never a quietly shorter table. Several queries stream back to back, each batch tagged with its
// query, and the connection is back in the pool once the last query has ended.

describe('streaming rows from MariaDB in batches', () => {
  let db: TestDb;
  const ROWS = 2_503;
  beforeAll(async () => {
    db = await freshDb('mysql', { migrate: false });
    await sql`create table stream_probe (n int primary key, label varchar(40), at datetime(3))`.execute(
      db.kysely,
    );
    const values = Array.from(
      { length: ROWS },
      (_, i) => sql`(${i}, ${`row ${i}`}, '2026-01-02 03:04:05.678')`,
    );
    await sql`insert into stream_probe values ${sql.join(values)}`.execute(db.kysely);
  });
  afterAll(async () => {
    await db.drop();
  });

  const all = CompiledQuery.raw('select n, label, at from stream_probe order by n');

  it('hands over every row in whole batches, in order, with the app’s value shapes', async () => {
    const sizes: number[] = [];
    const seen: number[] = [];
    let first: Record<string, unknown> | undefined;
    for await (const { rows: batch } of db.streamQueries!([all], 500)) {
      sizes.push(batch.length);
      first ??= batch[0];
      for (const r of batch) seen.push(Number(r.n));
    }
    expect(sizes).toEqual([500, 500, 500, 500, 500, 3]);
    expect(seen).toEqual(Array.from({ length: ROWS }, (_, i) => i));
    // DATETIME comes back as the ISO text every repository expects (the pool's typeCast).
    expect(first).toEqual({ n: 0, label: 'row 0', at: '2026-01-02T03:04:05.678Z' });
  });

  it('a caller that stops after one batch leaves the pool working', async () => {
    for await (const { rows: batch } of db.streamQueries!([all], 100)) {
      expect(batch).toHaveLength(100);
      break;
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from stream_probe`.execute(db.kysely);
    expect(Number(rows[0]!.n)).toBe(ROWS);
  });

  it('a connection killed mid-stream fails the stream instead of ending it short', async () => {
    // A slow query (a sleep per row) so the kill lands while rows are still coming.
    const slow = CompiledQuery.raw(
      'select n, connection_id() as id, sleep(0.002) as s from stream_probe order by n',
    );
    let received = 0;
    const run = (async () => {
      for await (const { rows: batch } of db.streamQueries!([slow], 50)) {
        received += batch.length;
        if (received === 50) {
          const id = Number(batch[0]!.id);
          await sql.raw(`kill connection ${id}`).execute(db.kysely);
        }
      }
    })();
    await expect(run).rejects.toThrow();
    expect(received).toBeLessThan(ROWS);
  });

  it('streams several queries back to back, batches tagged with their query, in order', async () => {
    const queries = [
      CompiledQuery.raw('select n from stream_probe where n < 250 order by n'),
      CompiledQuery.raw('select n from stream_probe where n < 0'),
      CompiledQuery.raw('select n from stream_probe where n >= 2400 order by n'),
    ];
    const got: { query: number; size: number; first: number }[] = [];
    for await (const b of db.streamQueries!(queries, 100))
      got.push({ query: b.query, size: b.rows.length, first: Number(b.rows[0]!.n) });
    // An empty result yields no batch; a query's last batch is whatever is left of it.
    expect(got).toEqual([
      { query: 0, size: 100, first: 0 },
      { query: 0, size: 100, first: 100 },
      { query: 0, size: 50, first: 200 },
      { query: 2, size: 100, first: 2400 },
      { query: 2, size: 3, first: 2500 },
    ]);
  });

  it('gives the connection back once the last query has ended, before its last batch is taken', async () => {
    // A pool of one: the caller can query while it still holds the last batch (the snapshot
    // downloads a large-row table's bytes right after streaming its ids).
    const one = connect(db.urlText, { poolSize: 1 });
    try {
      const queries = [CompiledQuery.raw('select n from stream_probe where n < 30 order by n')];
      for await (const b of one.streamQueries!(queries, 100)) {
        expect(b.rows).toHaveLength(30);
        const { rows } = await sql<{ n: number }>`select count(*) as n from stream_probe`.execute(one.kysely);
        expect(Number(rows[0]!.n)).toBe(ROWS);
      }
    } finally {
      await one.close();
    }
  });

  it('a caller that stops in the first of several queries leaves the pool working', async () => {
    const queries = [all, all];
    for await (const b of db.streamQueries!(queries, 100)) {
      expect(b.query).toBe(0);
      break;
    }
    const { rows } = await sql<{ n: number }>`select count(*) as n from stream_probe`.execute(db.kysely);
    expect(Number(rows[0]!.n)).toBe(ROWS);
  });

  it('a failing query fails the stream after the batches of the queries before it; the pool keeps working', async () => {
    const queries = [
      CompiledQuery.raw('select n from stream_probe where n < 10 order by n'),
      CompiledQuery.raw('select n from no_such_table'),
      CompiledQuery.raw('select n from stream_probe where n < 10 order by n'),
    ];
    const seen: number[] = [];
    const run = (async () => {
      for await (const b of db.streamQueries!(queries, 100)) seen.push(b.query);
    })();
    await expect(run).rejects.toThrow(/no_such_table/);
    expect(seen).toEqual([0]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from stream_probe`.execute(db.kysely);
    expect(Number(rows[0]!.n)).toBe(ROWS);
  });
});
