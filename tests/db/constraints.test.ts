import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import {
  addDepartment,
  addInstitution,
  addSession,
  addStudentProfile,
  addUser,
  expectRefused,
  now,
} from './rows.ts';

// The seed's keys, enums, checks and FK rules, enforced by the database itself on both dialects.
// One database per dialect; every test writes its own rows (fresh ids), so tests stay independent.

describe.each(DIALECTS)('database constraints [%s]', (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('refuses a duplicate users.email, also when it differs only in case', async () => {
    const email = `asha.${uuidv7().slice(-8)}@dept.example.edu`;
    await addUser(db, { email });
    await expectRefused(db, addUser(db, { email }), 'unique', /email/);
    await expectRefused(db, addUser(db, { email: email.toUpperCase() }), 'unique', /email/);
    const rows = await db.kysely.selectFrom('users').select('id').where('email', '=', email).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses a duplicate student_profiles.rollNumber', async () => {
    const rollNumber = `CS-${uuidv7().slice(-10)}`;
    await addStudentProfile(db, await addUser(db), { rollNumber });
    await expectRefused(db, addStudentProfile(db, await addUser(db), { rollNumber }), 'unique', /rollNumber/);
  });

  it('refuses a duplicate department code within one institution, not across institutions', async () => {
    const first = await addInstitution(db);
    await addDepartment(db, first, 'CSE');
    await expectRefused(db, addDepartment(db, first, 'CSE'), 'unique', /code/);
    await expectRefused(db, addDepartment(db, first, 'cse'), 'unique', /code/);
    await expect(addDepartment(db, await addInstitution(db), 'CSE')).resolves.toBeTypeOf('string');
  });

  it('refuses an enum value outside the set', async () => {
    // Cast: the row types forbid the bad value at compile time; the database must refuse it too.
    await expectRefused(db, addUser(db, { status: 'SUSPENDED' as 'ACTIVE' }), 'enum', /status/);
    await expect(addUser(db, { status: 'DISABLED' })).resolves.toBeTypeOf('string');
  });

  it('keeps session_feedback.rating within 1..5', async () => {
    const { sessionId, mentorId, studentId } = await addSession(db);
    const feedback = (rating: number): Promise<unknown> =>
      db.kysely
        .insertInto('session_feedback')
        .values({
          id: uuidv7(),
          sessionId,
          giverUserId: studentId,
          recipientUserId: mentorId,
          type: 'STUDENT_TO_MENTOR',
          rating,
          updatedAt: now(),
        })
        .execute();
    await expectRefused(db, feedback(0), 'check', /rating/);
    await expectRefused(db, feedback(6), 'check', /rating/);
    await feedback(1);
    await feedback(5);
    const ratings = await db.kysely
      .selectFrom('session_feedback')
      .select('rating')
      .where('sessionId', '=', sessionId)
      .orderBy('rating')
      .execute();
    expect(ratings.map((r) => r.rating)).toEqual([1, 5]);
  });

  it('keeps goals.progressPct within 0..100', async () => {
    const studentId = await addUser(db);
    const goal = (progressPct: number): Promise<unknown> =>
      db.kysely
        .insertInto('goals')
        .values({
          id: uuidv7(),
          studentId,
          title: 'Pass DBMS',
          category: 'ACADEMIC',
          progressPct,
          createdById: studentId,
          updatedAt: now(),
        })
        .execute();
    await expectRefused(db, goal(101), 'check', /progressPct/);
    await expectRefused(db, goal(-1), 'check', /progressPct/);
    await goal(0);
    await goal(100);
  });

  it('refuses malformed JSON in a JSON column', async () => {
    const userId = await addUser(db);
    const write = (payload: string): Promise<unknown> =>
      db.kysely
        .insertInto('notifications')
        .values({
          id: uuidv7(),
          userId,
          type: 'ALERT',
          title: 'Low attendance',
          body: 'See alerts',
          payload,
          createdAt: now(),
        })
        .execute();
    await expectRefused(db, write('{"unterminated": '), 'check', /payload/);
    await write('{"ok":true}');
  });

  it('keeps DECIMAL(4,2) gpa within what MySQL can store', async () => {
    await expectRefused(db, addStudentProfile(db, await addUser(db), { gpa: 100 }), 'range', /gpa/);
    const userId = await addUser(db);
    const write = addStudentProfile(db, userId, { gpa: 7.555 });
    if (dialect === 'sqlite') {
      // SQLite refuses a third decimal instead of storing a value central would round.
      await expectRefused(db, write, 'check', /gpa/);
    } else {
      // MySQL rounds DECIMAL input to the column's scale (a note, not an error, even when strict).
      await write;
      const row = await db.kysely
        .selectFrom('student_profiles')
        .select('gpa')
        .where('userId', '=', userId)
        .executeTakeFirstOrThrow();
      expect(row.gpa).toBe(7.56);
    }
  });

  it('CASCADE: deleting a user deletes its user_profiles row', async () => {
    const userId = await addUser(db);
    await db.kysely
      .insertInto('user_profiles')
      .values({ userId, firstName: 'Asha', lastName: 'Rao', updatedAt: now() })
      .execute();
    await db.kysely.deleteFrom('users').where('id', '=', userId).execute();
    const left = await db.kysely
      .selectFrom('user_profiles')
      .select('userId')
      .where('userId', '=', userId)
      .execute();
    expect(left).toEqual([]);
  });

  it('RESTRICT: a role in use cannot be deleted; an unused one can', async () => {
    // Fresh roles, so nothing else (assignments of other tests) could be what blocks the delete.
    const addRole = async (): Promise<number> =>
      Number(
        (
          await db.kysely
            .insertInto('roles')
            .values({ name: `SPARE_${uuidv7().slice(-8)}`, description: null })
            .executeTakeFirstOrThrow()
        ).insertId,
      );
    const used = await addRole();
    const userId = await addUser(db, { roleId: used });
    await expectRefused(
      db,
      db.kysely.deleteFrom('roles').where('id', '=', used).execute(),
      'restrict',
      /foreign key constraint fail/i,
    );
    const user = await db.kysely
      .selectFrom('users')
      .select('roleId')
      .where('id', '=', userId)
      .executeTakeFirst();
    expect(user).toEqual({ roleId: used });

    const unused = await addRole();
    const removed = await db.kysely.deleteFrom('roles').where('id', '=', unused).executeTakeFirst();
    expect(Number(removed.numDeletedRows)).toBe(1);
  });

  it('SET NULL: deleting a department keeps its users with departmentId null', async () => {
    const departmentId = await addDepartment(db, await addInstitution(db));
    const userId = await addUser(db, { departmentId });
    await db.kysely.deleteFrom('departments').where('id', '=', departmentId).execute();
    const user = await db.kysely
      .selectFrom('users')
      .select('departmentId')
      .where('id', '=', userId)
      .executeTakeFirst();
    expect(user).toEqual({ departmentId: null });
  });
});
