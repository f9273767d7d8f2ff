import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/core/auth/password.ts';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { SEED_TABLE_NAMES, type Database } from '../../src/core/db/schema.ts';
import { DEMO_TABLES } from '../../src/core/demo/writer.ts';
import { DIALECTS, dropMysqlDatabase, MYSQL_SERVER } from '../helpers/db.ts';
import { invariantViolations, tableDigest } from './demo-invariants.ts';
import { printedCounts, runCli, type CliRun } from './run-cli.ts';

// `smms demo --scale small` end to end on both dialects: what it prints is what it wrote, the data
// obeys the app's invariants, the same seed gives the same rows, and a used database is refused.

const dir = mkdtempSync(join(tmpdir(), 'smms-cli-demo-'));
const mysqlNames: string[] = [];
const SEED = '7';

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of mysqlNames) await dropMysqlDatabase(name);
});

function newDatabaseUrl(dialect: string): string {
  if (dialect === 'sqlite') return `sqlite:${join(dir, `${randomBytes(4).toString('hex')}.sqlite`)}`;
  const name = `smms_t_${randomBytes(6).toString('hex')}`;
  mysqlNames.push(name);
  return `${MYSQL_SERVER}/${name}`;
}

/** Rows compared across runs and dialects (password hashes differ: each run salts anew). */
const DIGESTED: Record<string, string[]> = {
  users: [
    'id',
    'email',
    'roleId',
    'departmentId',
    'institutionId',
    'status',
    'lastLoginAt',
    'createdAt',
    'updatedAt',
  ],
  student_profiles: [
    'userId',
    'rollNumber',
    'program',
    'yearOfStudy',
    'gpa',
    'attendancePct',
    'riskLevel',
    'updatedAt',
  ],
  session_records: [
    'id',
    'assignmentId',
    'sessionDate',
    'mode',
    'location',
    'topic',
    'summary',
    'actionItems',
    'status',
  ],
  goal_updates: ['id', 'goalId', 'notedById', 'note', 'progressPct', 'status', 'createdAt'],
  notifications: ['id', 'userId', 'type', 'title', 'body', 'payload', 'readAt', 'createdAt'],
};

async function digests(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, columns] of Object.entries(DIGESTED)) out[table] = await tableDigest(db, table, columns);
  return out;
}

async function countRows(db: Db, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]!.n);
}

async function firstId(trx: Kysely<Database>, table: string, where: string): Promise<string> {
  const { rows } = await sql<{
    id: string;
  }>`select id from ${sql.table(table)} where ${sql.raw(where)} limit 1`.execute(trx);
  return rows[0]!.id;
}

async function plantViolations(trx: Kysely<Database>): Promise<void> {
  const goal = await firstId(trx, 'goals', 'progressPct between 1 and 100');
  await trx
    .updateTable('goals')
    .set((eb) => ({ progressPct: eb('progressPct', '-', 1) }))
    .where('id', '=', goal)
    .execute();
  const ended = await firstId(trx, 'mentor_assignments', `status = 'ENDED'`);
  await trx.updateTable('mentor_assignments').set({ endedAt: null }).where('id', '=', ended).execute();
  const feedback = await firstId(trx, 'session_feedback', `type = 'MENTOR_TO_STUDENT'`);
  await trx
    .updateTable('session_feedback')
    .set((eb) => ({ recipientUserId: eb.ref('giverUserId') }))
    .where('id', '=', feedback)
    .execute();
  await trx.updateTable('mentor_profiles').set({ maxMentees: 0 }).execute();
  await trx
    .updateTable('users')
    .set({ email: 'SuperAdmin@demo.smms' })
    .where('email', '=', 'superadmin@demo.smms')
    .execute();
  await trx.updateTable('student_profiles').set({ gpa: 9.5 }).where('gpa', '<', 6).execute();
  await trx
    .deleteFrom('user_profiles')
    .where('userId', '=', await firstId(trx, 'users', `email like 'dean@%'`))
    .execute();
}

const digestsByDialect: Record<string, Record<string, string>> = {};

describe.each(DIALECTS)('smms demo --scale small [%s]', (dialect) => {
  let url: string;
  let run: CliRun;
  let db: Db;

  beforeAll(async () => {
    url = newDatabaseUrl(dialect);
    run = await runCli(['demo', '--db', url, '--scale', 'small', '--seed', SEED]);
    db = connect(url);
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('exits 0 and prints a count for every table it fills, and the demo accounts', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(Object.keys(printedCounts(run.stdout)).sort()).toEqual([...DEMO_TABLES].sort());
    expect(run.stdout).toContain('password for every demo account: Demo@12345');
    for (const email of ['superadmin@demo.smms', 'dean@demo.smms', 'hod.cse@demo.smms']) {
      expect(run.stdout).toContain(email);
    }
    expect(run.stderr).toMatch(/CSE: 50\/50 students/);
  });

  it('printed exactly the rows that are in the database', async () => {
    const printed = printedCounts(run.stdout);
    for (const table of DEMO_TABLES)
      expect([table, await countRows(db, table)]).toEqual([table, printed[table]]);
    expect(printed).toMatchObject({
      institutions: 1,
      departments: 3,
      mentor_profiles: 12,
      student_profiles: 150,
    });
    expect(printed.users).toBe(1 + 1 + 3 + 12 + 150);
    expect(printed.session_records).toBeGreaterThan(150 * 15);
    for (const table of SEED_TABLE_NAMES.filter((t) => !(DEMO_TABLES as readonly string[]).includes(t))) {
      expect([table, await countRows(db, table)]).toEqual([table, table === 'roles' ? 5 : 0]);
    }
  });

  it('obeys every invariant the app enforces', async () => {
    const violations = await invariantViolations(db);
    expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((k) => [k, 0])));
  });

  it('lets each printed account sign in with the printed password', async () => {
    const accounts = [...run.stdout.matchAll(/^ {2}([A-Z_]+) +(\S+@demo\.smms)/gm)].map(
      (m) => [m[1]!, m[2]!] as const,
    );
    expect(accounts.map(([role]) => role)).toEqual([
      'SUPER_ADMIN',
      'INSTITUTION_ADMIN',
      'DEPARTMENT_ADMIN',
      'MENTOR',
      'STUDENT',
    ]);
    for (const [role, email] of accounts) {
      const user = await db.kysely
        .selectFrom('users')
        .innerJoin('roles', 'roles.id', 'users.roleId')
        .select(['roles.name', 'users.passwordHash', 'users.status'])
        .where('users.email', '=', email)
        .executeTakeFirstOrThrow();
      expect([user.name, user.status]).toEqual([role, 'ACTIVE']);
      expect(await verifyPassword('Demo@12345', user.passwordHash)).toBe(true);
    }
  });

  it('has the spread of cases the screens need', async () => {
    const now = '2026-03-16T04:30:00.000Z';
    const q = async (query: ReturnType<typeof sql>): Promise<number> =>
      Number(((await query.execute(db.kysely)).rows[0] as { n: number }).n);
    const facts = {
      completedPast: await q(
        sql`select count(*) as n from session_records where status = 'COMPLETED' and sessionDate < ${now}`,
      ),
      completedFuture: await q(
        sql`select count(*) as n from session_records where status = 'COMPLETED' and sessionDate > ${now}`,
      ),
      scheduledFuture: await q(
        sql`select count(*) as n from session_records where status = 'SCHEDULED' and sessionDate > ${now}`,
      ),
      pendingPast: await q(
        sql`select count(*) as n from session_records where status = 'SCHEDULED' and sessionDate < ${now}`,
      ),
      cancelled: await q(sql`select count(*) as n from session_records where status = 'CANCELLED'`),
      absent: await q(sql`select count(*) as n from session_records where attendance = 'ABSENT'`),
      confidentialFeedback: await q(
        sql`select count(*) as n from session_feedback where visibility = 'DEPARTMENT_ADMIN'`,
      ),
      gpaBelow6: await q(sql`select count(*) as n from student_profiles where gpa < 6`),
      gpaBelow5: await q(sql`select count(*) as n from student_profiles where gpa < 5`),
      attendanceBelow75: await q(sql`select count(*) as n from student_profiles where attendancePct < 75`),
      attendanceBelow65: await q(sql`select count(*) as n from student_profiles where attendancePct < 65`),
      closedAlerts: await q(sql`select count(*) as n from alerts where status = 'CLOSED'`),
      endedAssignments: await q(sql`select count(*) as n from mentor_assignments where status = 'ENDED'`),
      unreadNotifications: await q(sql`select count(*) as n from notifications where readAt is null`),
      createdAfterNow: await q(
        sql`select count(*) as n from notifications where createdAt > ${now} or readAt > ${now}`,
      ),
      designations: await q(sql`select count(distinct designation) as n from mentor_profiles`),
    };
    expect(facts).toMatchObject({ completedFuture: 0, createdAfterNow: 0, designations: 3 });
    const { completedFuture: _a, createdAfterNow: _b, ...present } = facts;
    for (const [name, n] of Object.entries(present)) expect([name, n > 0]).toEqual([name, true]);
    expect(facts.gpaBelow6).toBeLessThan(150 * 0.3);
  });

  it('refuses to load demo data again into the now non-empty database', async () => {
    const before = await countRows(db, 'users');
    const again = await runCli(['demo', '--db', url, '--scale', 'small']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `This database already has ${before} users. Demo data is only loaded into an empty database; ` +
        'use a new SQLite file or an empty MySQL database.',
    );
    expect(await countRows(db, 'users')).toBe(before);
  });

  it('catches planted violations (the checks above can fail)', async () => {
    // Break one rule per statement inside a transaction, count, then roll everything back.
    let found: Record<string, number> = {};
    await db.kysely
      .transaction()
      .execute(async (trx) => {
        await plantViolations(trx);
        found = await invariantViolations({ ...db, kysely: trx });
        throw new Error('roll back the planted violations');
      })
      .catch(() => undefined);
    expect(found).toMatchObject({
      goalNotItsLatestUpdate: 1,
      endedWithoutEndedAt: 1,
      feedbackWrongParties: 1,
      mentorOverMaxMentees: 12,
      emailNotLowerCase: 1,
      userWithoutProfile: 1,
    });
    expect(found.openAlertNotMatchingStudent).toBeGreaterThan(0);
    expect(found.riskLevelInconsistent).toBeGreaterThan(0);
    expect(await invariantViolations(db)).toMatchObject({ goalNotItsLatestUpdate: 0, userWithoutProfile: 0 });
  });

  it('records digests for the cross-run comparison', async () => {
    digestsByDialect[dialect] = await digests(db);
  });
});

describe('smms demo determinism', () => {
  it('gives identical rows for the same seed, on SQLite and MariaDB alike, and other rows for another seed', async () => {
    const again = newDatabaseUrl('sqlite');
    const other = newDatabaseUrl('sqlite');
    expect((await runCli(['demo', '--db', again, '--scale', 'small', '--seed', SEED])).code).toBe(0);
    expect((await runCli(['demo', '--db', other, '--scale', 'small', '--seed', '8'])).code).toBe(0);
    const [dbAgain, dbOther] = [connect(again), connect(other)];
    try {
      const repeat = await digests(dbAgain);
      const changed = await digests(dbOther);
      expect(repeat).toEqual(digestsByDialect.sqlite);
      expect(repeat).toEqual(digestsByDialect.mysql);
      for (const table of Object.keys(DIGESTED)) expect(changed[table]).not.toBe(repeat[table]);
    } finally {
      await dbAgain.close();
      await dbOther.close();
    }
  }, 120_000);
});
