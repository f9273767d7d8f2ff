import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { makeUser, type MadeUser } from '../fixtures/builders.ts';
import { loadActor } from '../../src/core/auth/actor.ts';
import { centralCountAll } from '../../src/core/sync/rows.ts';
import { syncScopeFor } from '../../src/core/sync/scope.ts';
import { SYNCED_TABLE_NAMES } from '../../src/core/sync/tables.ts';
import {
  cacheIds,
  cacheRows,
  centralInScope,
  makeClient,
  makeWorld,
  recordingCentral,
  recordingLocal,
  seed,
  type Client,
  type World,
} from './harness.ts';

// SYNC.md proof 9 and the scope changes of decision 7: a cache holds exactly its user's scope, follows
// it when it moves, and never keeps a row it may no longer read.

const expectInScope = async (w: World, c: Client) =>
  expect(await cacheRows(c.db), `cache of ${c.user.role}`).toEqual(
    await centralInScope(w.central, c.user.id),
  );

const roleId = async (w: World, name: string) =>
  (await w.central.kysely.selectFrom('roles').select('id').where('name', '=', name).executeTakeFirstOrThrow())
    .id;

describe('scoped caches (MariaDB)', () => {
  let world: World;
  let assignment: string;
  let sessionId: string;
  let other: MadeUser;
  beforeEach(async () => {
    world = await makeWorld();
    const { mentor, student, deptAdmin } = world.cast;
    assignment = await world.assign(mentor.id, student.id);
    sessionId = await seed.session(world, assignment, mentor.id, 'Struggles with fees; keep private');
    await seed.feedback(world, sessionId, student.id, mentor.id, 'MENTOR');
    await seed.feedback(world, sessionId, student.id, mentor.id, 'DEPARTMENT_ADMIN');
    await seed.goal(world, student.id, mentor.id);
    await seed.alert(world, student.id);
    await seed.notification(world, student.id);
    await seed.notification(world, deptAdmin.id);
    other = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.otherDept.id });
    await seed.goal(world, other.id, deptAdmin.id);
  });
  afterEach(async () => {
    await world.close();
  });

  it('a super admin reads every session, feedback row and goal update by itself, without its parent table', async () => {
    const c = await makeClient(world, world.cast.superAdmin);
    const all = async (t: 'session_records' | 'session_feedback' | 'goal_updates') =>
      (await world.central.kysely.selectFrom(t).select('id').orderBy('id').execute()).map((r) => r.id);
    const cached = await cacheIds(c.db);
    for (const t of ['session_records', 'session_feedback', 'goal_updates'] as const) {
      expect(cached[t], t).toEqual(await all(t));
      // The download's statement reads the one table: central's foreign keys already say every
      // row's parent exists, and a super admin may read every parent.
      const actor = (await loadActor(world.central.kysely, c.user.id))!;
      const q = sql`select id from ${sql.table(t)} where ${syncScopeFor(actor).where(t)}`.compile(
        world.central.kysely,
      );
      const { rows } = await world.central.kysely.executeQuery<{ table: string }>(
        CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
      );
      expect(
        rows.map((r) => r.table),
        t,
      ).toEqual([t]);
    }
  });

  it('9. every role caches exactly its scope; hashes only for its own user; no summary for students', async () => {
    const otherAdmin = await makeUser(world.central.kysely, 'DEPARTMENT_ADMIN', {
      departmentId: world.cast.otherDept.id,
    });
    const { superAdmin, instAdmin, deptAdmin, mentor, student } = world.cast;
    const clients = [];
    for (const u of [superAdmin, instAdmin, deptAdmin, mentor, student, otherAdmin]) {
      clients.push(await makeClient(world, u));
    }
    for (const c of clients) {
      await expectInScope(world, c);
      // The snapshot's progress total (one statement for every table) counts the same rows.
      const inScope = Object.values(await centralInScope(world.central, c.user.id)).flat().length;
      const actor = (await loadActor(world.central.kysely, c.user.id))!;
      expect(await centralCountAll(world.central.kysely, syncScopeFor(actor), SYNCED_TABLE_NAMES)).toBe(
        inScope,
      );
      const hashes = await c.db.kysely.selectFrom('users').select(['id', 'passwordHash']).execute();
      expect(hashes.filter((h) => h.passwordHash !== '').map((h) => h.id)).toEqual([c.user.id]);
    }
    const [, , admin, mentorC, studentC, otherC] = clients;
    const summaries = async (c: Client) =>
      (await c.db.kysely.selectFrom('session_records').select('summary').execute()).map((r) => r.summary);
    expect(await summaries(mentorC!)).toEqual(['Struggles with fees; keep private']);
    expect(await summaries(studentC!)).toEqual([null]);
    // The complaint addressed to the department is hidden from the mentor it is about.
    expect((await cacheIds(mentorC!.db)).session_feedback).toHaveLength(1);
    expect((await cacheIds(admin!.db)).session_feedback).toHaveLength(2);
    expect((await cacheIds(mentorC!.db)).users).not.toContain(other.id);
    expect((await cacheIds(otherC!.db)).users).toContain(other.id);
    expect((await cacheIds(studentC!.db)).alerts).toEqual([]);
  });

  it('only the laptop’s own user can sign in offline (the only password hash pulled)', async () => {
    const m = await makeClient(world, world.cast.mentor);
    const login = (email: string, password: string) =>
      m.local.core.dispatch('auth:login', { email, password }, m.local.core.openSession());
    expect((await login(world.cast.mentor.email, world.cast.mentor.password)).ok).toBe(true);
    const mentee = await login(world.cast.student.email, world.cast.student.password);
    expect(mentee).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('6 (second half). an assignment ended centrally evicts the mentee, keeping the mentor’s own session history', async () => {
    const m = await makeClient(world, world.cast.mentor);
    const s = await makeClient(world, world.cast.student);
    expect((await cacheIds(m.db)).users).toContain(world.cast.student.id);
    await sql`update mentor_assignments set status = 'ENDED', endedAt = NOW(3) where id = ${assignment}`.execute(
      world.central.kysely,
    );
    await m.sync();
    await s.sync();
    await expectInScope(world, m);
    await expectInScope(world, s);
    const ids = await cacheIds(m.db);
    expect(ids.users).toEqual([world.cast.mentor.id]);
    expect(ids.student_profiles).toEqual([]);
    expect(ids.goals).toEqual([]);
    expect(ids.alerts).toEqual([]);
    expect(ids.session_records).toEqual([sessionId]);
    expect((await cacheIds(s.db)).users).toEqual([world.cast.student.id]);

    // A new assignment brings the student's unchanged rows back.
    await world.assign(world.cast.mentor.id, world.cast.student.id);
    await m.sync();
    await expectInScope(world, m);
    expect((await cacheIds(m.db)).goals).toHaveLength(1);
  });

  it('changes to rows the laptop never held cost it no local delete; a row that left its scope still goes', async () => {
    const m = await makeClient(world, world.cast.mentor);
    const { db: recording, statements: local } = recordingLocal(m);
    // Outside the mentor's scope: another department's student and goal.
    await sql`update user_profiles set bio = 'elsewhere' where userId = ${other.id}`.execute(
      world.central.kysely,
    );
    await sql`update goals set title = 'elsewhere' where studentId = ${other.id}`.execute(
      world.central.kysely,
    );
    await m.sync({ local: recording });
    expect(local.filter((q) => q.startsWith('delete from'))).toEqual([]);
    await expectInScope(world, m);

    // The mentee's assignment ends: its rows are cached, so they are deleted.
    await sql`update mentor_assignments set status = 'ENDED', endedAt = NOW(3) where id = ${assignment}`.execute(
      world.central.kysely,
    );
    local.length = 0;
    await m.sync({ local: recording });
    expect(local.filter((q) => q.startsWith('delete from'))).not.toEqual([]);
    expect((await cacheIds(m.db)).student_profiles).toEqual([]);
    await expectInScope(world, m);
  });

  it('central is asked only about profiles of users the laptop sees; a user entering scope brings theirs', async () => {
    const mentor2 = await makeUser(world.central.kysely, 'MENTOR', { departmentId: world.cast.dept.id });
    const s = await makeClient(world, world.cast.student);
    const setBio = (id: string, bio: string) =>
      sql`update user_profiles set bio = ${bio} where userId = ${id}`.execute(world.central.kysely);
    // Three profiles change; only the mentor's is the student's to see.
    await setBio(other.id, 'other department');
    await setBio(mentor2.id, 'not yet a mentor of this student');
    await setBio(world.cast.mentor.id, 'the current mentor');
    const recording = recordingCentral(world);
    try {
      await s.sync({ central: recording.db });
    } finally {
      await recording.db.close();
    }
    const profileReads = recording.statements.filter((q) => /from `user_profiles`/.test(q));
    expect(profileReads).toEqual([expect.stringContaining('`user_profiles`.`userId` in (?) and')]);
    await expectInScope(world, s);

    // The second mentor is assigned and edits their profile in the same batch: the user did not
    // change, so the profile is reached through the new assignment (the reconcile's descendants).
    await world.assign(mentor2.id, world.cast.student.id);
    await setBio(mentor2.id, 'now a mentor of this student');
    await s.sync();
    const bio = await s.db.kysely
      .selectFrom('user_profiles')
      .select('bio')
      .where('userId', '=', mentor2.id)
      .executeTakeFirst();
    expect(bio).toEqual({ bio: 'now a mentor of this student' });
    await expectInScope(world, s);
  });

  it('central is asked only about sessions whose assignment the laptop sees; a new assignment brings its session', async () => {
    const s = await makeClient(world, world.cast.student);
    const classmate = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    const theirs = await world.assign(world.cast.mentor.id, classmate.id);
    await s.sync();
    // Two sessions are recorded: the classmate's (never this student's to see) and the student's own.
    const classmates = await seed.session(world, theirs, world.cast.mentor.id);
    const own = await seed.session(world, assignment, world.cast.mentor.id);
    const sessionReads = async () => {
      const recording = recordingCentral(world);
      try {
        await s.sync({ central: recording.db });
      } finally {
        await recording.db.close();
      }
      return recording.statements.filter((q) => /^select `session_records`\./.test(q));
    };
    expect(await sessionReads()).toEqual([expect.stringContaining('`session_records`.`id` in (?) and')]);
    expect((await cacheIds(s.db)).session_records).toContain(own);
    await expectInScope(world, s);

    // A change logged without its parent (before central migration 0017) is asked about as before.
    await sql`update session_records set topic = 'Moved' where id = ${classmates}`.execute(
      world.central.kysely,
    );
    await sql`update sync_changes set parentId = null where rowId = ${classmates}`.execute(
      world.central.kysely,
    );
    expect(await sessionReads()).toEqual([expect.stringContaining('`session_records`.`id` in (?) and')]);
    await expectInScope(world, s);

    // A second mentor is assigned and records a session in the same batch: the assignment was not
    // held, but it changed in the batch, so its session is asked about and arrives.
    const mentor2 = await makeUser(world.central.kysely, 'MENTOR', { departmentId: world.cast.dept.id });
    const second = await world.assign(mentor2.id, world.cast.student.id);
    const fresh = await seed.session(world, second, mentor2.id);
    await s.sync();
    expect((await cacheIds(s.db)).session_records).toContain(fresh);
    await expectInScope(world, s);
  });

  it('a deleted session is asked about even by a laptop that held neither it nor its assignment: its cascaded feedback goes', async () => {
    const { mentor, student } = world.cast;
    const feedback = await seed.feedback(world, sessionId, student.id, mentor.id, 'MENTOR');
    const classmate = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    const theirs = await world.assign(mentor.id, classmate.id);
    const s = await makeClient(world, student);
    // An admin's SQL moves the session to another student's assignment: the student keeps the
    // feedback they gave on it (the giver reads it) but no longer the session or its assignment.
    await sql`update session_records set assignmentId = ${theirs} where id = ${sessionId}`.execute(
      world.central.kysely,
    );
    await s.sync();
    expect((await cacheIds(s.db)).session_records).not.toContain(sessionId);
    expect((await cacheIds(s.db)).session_feedback).toContain(feedback);
    // The session is deleted; ON DELETE CASCADE removes its feedback on central without a trigger.
    await sql`delete from session_records where id = ${sessionId}`.execute(world.central.kysely);
    await s.sync();
    expect((await cacheIds(s.db)).session_feedback).not.toContain(feedback);
    await expectInScope(world, s);
  });

  it('a student moved to another department leaves one admin’s cache and enters the other’s', async () => {
    const otherAdmin = await makeUser(world.central.kysely, 'DEPARTMENT_ADMIN', {
      departmentId: world.cast.otherDept.id,
    });
    const a = await makeClient(world, world.cast.deptAdmin);
    const b = await makeClient(world, otherAdmin);
    const sup = await makeClient(world, world.cast.superAdmin);
    const bGoals = (await cacheIds(b.db)).goals;
    expect(bGoals).toHaveLength(1);
    await sup.must('users:update', { id: other.id, departmentId: world.cast.dept.id });
    await sup.sync();
    await a.sync();
    await b.sync();
    for (const c of [a, b, sup]) await expectInScope(world, c);
    // The goal did not change; it followed its student.
    expect((await cacheIds(a.db)).goals).toContain(bGoals[0]);
    expect((await cacheIds(b.db)).goals).toEqual([]);
    expect((await cacheIds(a.db)).student_profiles).toContain(other.id);
    expect((await cacheIds(b.db)).student_profiles).not.toContain(other.id);
  });

  it('rows removed by ON DELETE CASCADE (which fires no trigger) leave the caches too', async () => {
    const gone = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    await seed.goal(world, gone.id, world.cast.deptAdmin.id);
    await seed.alert(world, gone.id);
    const a = await makeClient(world, world.cast.deptAdmin);
    expect((await cacheIds(a.db)).user_profiles).toContain(gone.id);
    const mark = await sql<{ v: number }>`select max(seq) as v from sync_changes`.execute(
      world.central.kysely,
    );
    await sql`delete from users where id = ${gone.id}`.execute(world.central.kysely);
    const logged = await sql<{
      tableName: string;
    }>`select tableName from sync_changes where seq > ${mark.rows[0]!.v}`.execute(world.central.kysely);
    expect(logged.rows.map((r) => r.tableName)).toEqual(['users']);
    await a.sync();
    await expectInScope(world, a);
    const ids = await cacheIds(a.db);
    expect(ids.user_profiles).not.toContain(gone.id);
    expect(ids.student_profiles).not.toContain(gone.id);
  });

  it('the user’s own role change re-runs the whole scope', async () => {
    const m = await makeClient(world, world.cast.mentor);
    await sql`update users set roleId = ${await roleId(world, 'DEPARTMENT_ADMIN')} where id = ${world.cast.mentor.id}`.execute(
      world.central.kysely,
    );
    const r = await m.sync();
    expect(r.snapshot).toBe(true);
    await expectInScope(world, m);
    expect((await cacheIds(m.db)).session_feedback).toHaveLength(2);
    await sql`update users set roleId = ${await roleId(world, 'MENTOR')} where id = ${world.cast.mentor.id}`.execute(
      world.central.kysely,
    );
    await m.sync();
    await expectInScope(world, m);
  });
});
