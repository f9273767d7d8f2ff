import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import type { Database } from '../../src/core/db/schema.ts';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { freshDb, MYSQL_SERVER, type TestDb } from '../helpers/db.ts';

// Every central connection, Kysely's and the snapshot streamer's, runs in UTC, strict mode and
// REPEATABLE READ whatever the server's global defaults: the sync pull's consistent snapshot relies on
// the isolation level being the session's (it no longer sets it before every pull).

async function isolationOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ v: string }>`select @@session.tx_isolation as v`.execute(db);
  return rows[0]!.v;
}

describe('central session settings (MariaDB)', () => {
  let probe: TestDb;
  let db: Db;
  let restore: () => Promise<void>;
  beforeAll(async () => {
    probe = await freshDb('mysql', { migrate: false });
    const u = parseDbUrl(`${MYSQL_SERVER}/x`);
    if (u.kind !== 'mysql') throw new Error('not a MySQL URL');
    const admin = await createConnection({ host: u.host, port: u.port, user: u.user, password: u.password });
    const [rows] = await admin.query('select @@global.tx_isolation as v');
    const before = (rows as { v: string }[])[0]!.v;
    // A server configured for READ COMMITTED (a common DBA choice) must not change what sync reads.
    await admin.query('SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED');
    restore = async () => {
      await admin.query(`SET GLOBAL tx_isolation = '${before}'`);
      await admin.end();
    };
    try {
      db = connect(probe.url, { poolSize: 2 });
      // Both pool connections are made now, while the global default is READ COMMITTED.
      await Promise.all([
        sql`select sleep(0.05)`.execute(db.kysely),
        sql`select sleep(0.05)`.execute(db.kysely),
      ]);
    } finally {
      await restore();
    }
  });
  afterAll(async () => {
    await db?.close();
    await probe.drop();
  });

  it('Kysely’s connections read at REPEATABLE READ, in UTC and strict mode', async () => {
    const levels = await Promise.all([isolationOf(db.kysely), isolationOf(db.kysely)]);
    expect(levels).toEqual(['REPEATABLE-READ', 'REPEATABLE-READ']);
    const { rows } = await sql<{ tz: string; mode: string }>`select @@session.time_zone as tz,
      @@session.sql_mode as mode`.execute(db.kysely);
    expect(rows[0]!.tz).toBe('+00:00');
    expect(rows[0]!.mode).toContain('STRICT_ALL_TABLES');
  });

  it('so do the connections the snapshot streams from', async () => {
    const q = CompiledQuery.raw('select @@session.tx_isolation as v, @@session.time_zone as tz');
    const seen: unknown[] = [];
    for await (const { rows: batch } of db.streamQueries!([q], 10)) seen.push(...batch);
    expect(seen).toEqual([{ v: 'REPEATABLE-READ', tz: '+00:00' }]);
  });
});
