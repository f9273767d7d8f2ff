import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db/schema.ts';
import { scopeProfiles, scopeUsers } from '../../src/core/scope/index.ts';
import { actorOfUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// A mentor's and a student's user scope (themselves and their current mentees / mentors) must be
// read by primary key, never by reading all of users: a laptop's first sync evaluates it on central
// for users and user_profiles, and at ten departments the whole-table read cost 36 ms per table for
// a mentor's 26 users. Written as `id = self OR id IN (...)`, MariaDB could not use the IN as a
// semi-join and read the table; this test holds enough users that a full read is never the cheap plan.

const OTHERS = 400;

/** Tables the plan reads whole: MariaDB access type ALL or index, SQLite "SCAN" of anything. */
async function wholeReads(db: Kysely<Database>, dialect: string, q: CompiledQuery): Promise<string[]> {
  if (dialect === 'mysql') {
    const { rows } = await db.executeQuery<{ table: string; type: string }>(
      CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
    );
    // <subqueryN> and <derivedN> are the materialised id lists (a handful of rows), not tables.
    return rows
      .filter((r) => (r.type === 'ALL' || r.type === 'index') && !r.table.startsWith('<'))
      .map((r) => r.table);
  }
  const { rows } = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
  );
  return rows.filter((r) => /^SCAN /.test(r.detail)).map((r) => r.detail);
}

describe.each(DIALECTS)('user scope plans on %s', (dialect) => {
  let h: Harness;
  let db: Kysely<Database>;
  beforeAll(async () => {
    h = await makeHarness(dialect);
    db = h.db.kysely;
    const template = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', h.world.student.id)
      .executeTakeFirstOrThrow();
    const rows = Array.from({ length: OTHERS }, (_, i) => ({
      ...template,
      id: randomUUID(),
      email: `other${i}@plans.test`,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('users')
        .values(rows.slice(i, i + 100))
        .execute();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(['mentor', 'student'] as const)('a %s’s users and profiles are read by key', async (who) => {
    const actor = actorOfUser(h.world[who]);
    const users = db.selectFrom('users as x').select('x.id').where(scopeUsers(actor, 'x'));
    const profiles = db.selectFrom('user_profiles as x').select('x.userId').where(scopeProfiles(actor, 'x'));
    expect((await users.execute()).map((r) => r.id).sort()).toEqual(
      [h.world.mentor.id, h.world.student.id].sort(),
    );
    expect(await wholeReads(db, dialect, users.compile())).toEqual([]);
    expect(await wholeReads(db, dialect, profiles.compile())).toEqual([]);
  });
});
