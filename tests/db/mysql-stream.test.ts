import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { freshDb, type TestDb } from '../helpers/db.ts';

// The snapshot's MySQL stream (src/core/db/mysql-stream.ts) on real MariaDB: whole batches in order,
// a caller that stops early leaves the pool usable, and a connection killed mid-stream is an error,
// never a quietly shorter table.

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
    for await (const batch of db.streamRows!(all, 500)) {
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
    for await (const batch of db.streamRows!(all, 100)) {
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
      for await (const batch of db.streamRows!(slow, 50)) {
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
});
