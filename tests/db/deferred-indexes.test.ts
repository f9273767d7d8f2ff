import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/core/db/connect.ts';
import { deferIndexes, restoreDeferredIndexes } from '../../src/core/db/deferred-indexes.ts';
import { MigrationFailedError, migrateToLatest } from '../../src/core/db/migrate.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { generateDemo } from '../../src/core/demo/generate.ts';
import { sqliteIndexes } from '../helpers/db.ts';

// Indexes a first sync sets aside (db/deferred-indexes.ts) must come back even when the app is
// killed before the load ends: the next open (migrateToLatest) rebuilds them from sync_state.

describe('deferred indexes', () => {
  it('sets aside only the non-unique indexes, and rebuilds the same ones', async () => {
    const db = connect('sqlite::memory:');
    try {
      await migrateToLatest(db);
      const all = await sqliteIndexes(db.kysely, 'users');
      const unique = all.filter((s) => /^CREATE UNIQUE/i.test(s));
      expect(all.length).toBeGreaterThan(unique.length);
      expect(await deferIndexes(db.kysely, 'users')).toBe(all.length - unique.length);
      expect(await sqliteIndexes(db.kysely, 'users')).toEqual(unique);
      expect(await restoreDeferredIndexes(db.kysely)).toBe(all.length - unique.length);
      expect(await sqliteIndexes(db.kysely, 'users')).toEqual(all);
      expect(await restoreDeferredIndexes(db.kysely)).toBe(0);
    } finally {
      await db.close();
    }
  });

  it('are rebuilt when the database is next opened after the app was killed mid-load', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'smms-defer-')), 'local.sqlite');
    const first = connect(`sqlite:${file}`);
    await migrateToLatest(first);
    const before = await sqliteIndexes(first.kysely);
    await deferIndexes(first.kysely, 'session_records');
    await deferIndexes(first.kysely, 'goal_updates');
    expect((await sqliteIndexes(first.kysely)).length).toBeLessThan(before.length);
    await first.close(); // killed: nothing rebuilt them

    const next = connect(`sqlite:${file}`);
    try {
      await migrateToLatest(next);
      expect(await sqliteIndexes(next.kysely)).toEqual(before);
      const { rows } = await sql`select key from sync_state where key = 'deferredIndexes'`.execute(
        next.kysely,
      );
      expect(rows).toEqual([]);
    } finally {
      await next.close();
    }
  });

  it('a rebuild that fails does not keep the database from opening, but stops schema steps', async () => {
    const db = connect('sqlite::memory:');
    try {
      await migrateToLatest(db);
      // A statement that cannot run (a full disk fails the same way): the record must outlive it.
      const bad = JSON.stringify([
        { name: 'never_built_idx', sql: 'CREATE INDEX never_built_idx ON users (noSuchColumn)' },
      ]);
      await sql`insert into sync_state (key, value) values ('deferredIndexes', ${bad})`.execute(db.kysely);
      expect(await migrateToLatest(db)).toEqual({ applied: [], alreadyCurrent: true });
      const { rows } = await sql<{
        value: string;
      }>`select value from sync_state where key = 'deferredIndexes'`.execute(db.kysely);
      expect(rows.map((r) => r.value)).toEqual([bad]);
      const withStep = {
        getMigrations: async () => ({ ...MIGRATIONS, '9999_later_step': { up: async () => undefined } }),
      };
      await expect(migrateToLatest(db, { migrations: withStep })).rejects.toBeInstanceOf(
        MigrationFailedError,
      );
    } finally {
      await db.close();
    }
  });

  it("set aside the session counts' triggers with the sessions' indexes, and count again after the load", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'smms-defer-')), 'local.sqlite');
    const first = connect(`sqlite:${file}`);
    await migrateToLatest(first);
    await generateDemo(first, { scale: 'small' });
    const k = first.kysely;
    const triggers = async (db: Kysely<Database>): Promise<string[]> =>
      (
        await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger'
          and name like 'local_session_counts%' order by name`.execute(db)
      ).rows.map((r) => r.sql);
    const counts = async (db: Kysely<Database>): Promise<unknown[]> =>
      (await sql`select * from local_session_counts order by 1, 2, 3`.execute(db)).rows;
    const before = await triggers(k);
    expect(before.length).toBe(6);
    // Only the loaded table's triggers go: the assignments' keep counting.
    expect(await deferIndexes(k, 'session_records')).toBeGreaterThan(3);
    expect((await triggers(k)).length).toBe(3);
    // The load: rows copied in bare, as a snapshot does, which the counts do not see.
    await sql`insert into session_records (id, assignmentId, sessionDate, mode, topic, status, createdById,
      createdAt, updatedAt) select id || '-copy', assignmentId, sessionDate, mode, topic, status, createdById,
      createdAt, updatedAt from session_records`.execute(k);
    const stale = await counts(k);
    await first.close(); // killed before the load ended

    const next = connect(`sqlite:${file}`);
    try {
      await migrateToLatest(next);
      expect(await triggers(next.kysely)).toEqual(before);
      const want = (
        await sql`select a.departmentId, s.status, s.sessionDate, count(*) as n from session_records s
          join mentor_assignments a on a.id = s.assignmentId group by 1, 2, 3 order by 1, 2, 3`.execute(
          next.kysely,
        )
      ).rows;
      expect(await counts(next.kysely)).toEqual(want);
      expect(want).not.toEqual(stale);
    } finally {
      await next.close();
    }
  });
});
