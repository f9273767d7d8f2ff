import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { mysqlDateParams, mysqlDateTimeToIso } from '../../src/core/db/mysql-datetime.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';

// ISO timestamps are converted to MySQL's DATETIME form where the parameters reach mysql2
// (db/mysql-datetime.ts), for every way a statement is sent: Kysely's builders, raw compiled queries
// and the snapshot's stream.

describe('mysqlDateParams', () => {
  it('converts exact ISO UTC timestamps only, and leaves the array alone when nothing changes', () => {
    const none = ['x', 1, null, '2026-01-02', '2026-01-02T03:04:05Z', 'on 2026-01-02T03:04:05.678Z'];
    expect(mysqlDateParams(none)).toBe(none);
    const some = ['a', '2026-01-02T03:04:05.678Z', 7];
    expect(mysqlDateParams(some)).toEqual(['a', '2026-01-02 03:04:05.678', 7]);
    expect(some[1]).toBe('2026-01-02T03:04:05.678Z');
  });
});

describe('mysqlDateTimeToIso', () => {
  it('gives the ISO form with milliseconds for every DATETIME text shape', () => {
    expect(mysqlDateTimeToIso('2026-01-02 03:04:05.678')).toBe('2026-01-02T03:04:05.678Z');
    expect(mysqlDateTimeToIso('2026-01-02 03:04:05')).toBe('2026-01-02T03:04:05.000Z');
    expect(mysqlDateTimeToIso('2026-01-02 03:04:05.6')).toBe('2026-01-02T03:04:05.600Z');
    expect(mysqlDateTimeToIso('2026-01-02 03:04:05.678901')).toBe('2026-01-02T03:04:05.678Z');
    expect(mysqlDateTimeToIso('2026-01-02')).toBe('2026-01-02T00:00:00.000Z');
  });
});

describe('ISO timestamps reach MariaDB (strict mode) on every path', () => {
  let db: TestDb;
  const at = '2026-03-04T05:06:07.089Z';
  beforeAll(async () => {
    db = await freshDb('mysql');
    await db.kysely
      .insertInto('institutions')
      .values({ id: 'inst-1', name: 'Dates U', code: 'DU', createdAt: at, updatedAt: at })
      .execute();
  });
  afterAll(() => db.drop());

  it('through a query builder, both as a value and in an IN list', async () => {
    const rows = await db.kysely
      .selectFrom('institutions')
      .select(['id', 'createdAt'])
      .where('createdAt', '=', at)
      .where('updatedAt', 'in', [at, '2020-01-01T00:00:00.000Z'])
      .execute();
    expect(rows).toEqual([{ id: 'inst-1', createdAt: at }]);
  });

  it('through a raw compiled query and a sql template', async () => {
    const raw = await db.kysely.executeQuery<{ id: string }>(
      CompiledQuery.raw('select id from institutions where createdAt = ?', [at]),
    );
    expect(raw.rows).toEqual([{ id: 'inst-1' }]);
    const later = '2026-03-04T05:06:08.000Z';
    await sql`update institutions set updatedAt = ${later} where id = ${'inst-1'}`.execute(db.kysely);
    const row = await db.kysely.selectFrom('institutions').select('updatedAt').executeTakeFirstOrThrow();
    expect(row.updatedAt).toBe(later);
  });

  it('through the snapshot stream', async () => {
    const query = sql<{ id: string }>`select id from institutions where createdAt = ${at}`.compile(db.kysely);
    const batches: unknown[] = [];
    for await (const { rows: batch } of db.streamQueries!([query], 10)) batches.push(...batch);
    expect(batches).toEqual([{ id: 'inst-1' }]);
  });
});
