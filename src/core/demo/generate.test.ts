import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../../../tests/helpers/db.ts';
import { DemoRefusedError, generateDemo } from './generate.ts';
import { DEMO_TABLES } from './writer.ts';

// The generator in-process on SQLite (the CLI tests cover both dialects end to end).

const open: TestDb[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.drop();
});

async function fresh(): Promise<TestDb> {
  const db = await freshDb('sqlite');
  open.push(db);
  return db;
}

async function snapshot(db: TestDb): Promise<string> {
  const parts: string[] = [];
  for (const table of ['session_records', 'goal_updates', 'notifications', 'audit_logs']) {
    const { rows } =
      await sql`select * from ${sql.table(table)} order by ${sql.ref(table === 'audit_logs' ? 'id' : 'createdAt')}, 1`.execute(
        db.kysely,
      );
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}

describe('generateDemo', () => {
  it('writes the same rows whatever the batch and transaction sizes (flush order keeps parents first)', async () => {
    const a = await fresh();
    const b = await fresh();
    const big = await generateDemo(a, { scale: 'small', seed: 3 });
    const tiny = await generateDemo(b, { scale: 'small', seed: 3, batchSize: 7, studentsPerTransaction: 4 });
    expect(tiny.counts).toEqual(big.counts);
    expect(await snapshot(b)).toBe(await snapshot(a));
  }, 120_000);

  it('reports progress and returns one account per role', async () => {
    const db = await fresh();
    const seen: string[] = [];
    const r = await generateDemo(db, {
      scale: 'small',
      onProgress: (p) => seen.push(`${p.department} ${p.students}/${p.totalStudents}`),
    });
    expect(seen).toEqual(['CSE 50/50', 'ECE 50/50', 'ME 50/50']);
    expect(r.accounts.map((x) => x.role)).toEqual([
      'SUPER_ADMIN',
      'INSTITUTION_ADMIN',
      'DEPARTMENT_ADMIN',
      'MENTOR',
      'STUDENT',
    ]);
    expect(Object.keys(r.counts)).toEqual([...DEMO_TABLES]);
    const mentee = await db.kysely
      .selectFrom('mentor_assignments as a')
      .innerJoin('users as m', 'm.id', 'a.mentorId')
      .innerJoin('users as s', 's.id', 'a.studentId')
      .select('a.status')
      .where('m.email', '=', r.accounts[3]!.email)
      .where('s.email', '=', r.accounts[4]!.email)
      .where('a.status', '=', 'ACTIVE')
      .execute();
    expect(mentee).toHaveLength(1);
  }, 60_000);

  it('refuses a database that already has users, and writes nothing', async () => {
    const db = await fresh();
    await generateDemo(db, { scale: 'small' });
    const before = await db.kysely
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(generateDemo(db, { scale: 'small', seed: 2 })).rejects.toThrow(DemoRefusedError);
    const after = await db.kysely
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 60_000);

  it('moves the whole calendar with --as-of', async () => {
    const db = await fresh();
    await generateDemo(db, { scale: 'small', asOf: '2026-10-05' });
    const { rows } = await sql<{
      first: string;
      last: string;
    }>`select min(sessionDate) as first, max(createdAt) as last from session_records`.execute(db.kysely);
    expect(rows[0]!.first >= '2026-07-15').toBe(true);
    expect(rows[0]!.last <= '2026-10-05T04:30:00.000Z').toBe(true);
  }, 60_000);
});
