import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/core/db/schema.ts';
import {
  scopeAlerts,
  scopeAssignments,
  scopeAssignmentsWritable,
  scopeAttachments,
  scopeAuditLogs,
  scopeAuditLogsCorrelated,
  scopeDepartments,
  scopeFeedback,
  scopeGoals,
  scopeGoalUpdates,
  scopeInstitutions,
  scopeMentors,
  scopeNotifications,
  scopeProfiles,
  scopeSessions,
  scopeSessionsCorrelated,
  scopeSessionsWritable,
  scopeStudents,
  scopeUsers,
  sessionSummary,
} from '../../src/core/scope/index.ts';
import { type MadeUser, actorOfUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import type { World } from './support/world.ts';
import { seedMentoring } from './support/mentoring-seed.ts';

// The scope predicates on hand-inserted rows of every table, for every kind of actor. Each query
// uses an alias other than the table name ("x") to prove the predicates compose on any alias.

const NOW = '2026-01-12T10:00:00.000Z';

const isUser = (v: unknown): v is MadeUser =>
  typeof v === 'object' && v !== null && 'role' in v && 'email' in v && 'id' in v;

describe.each(DIALECTS)('scope predicates on %s', (dialect) => {
  let h: Harness;
  let w: World;
  let m: Awaited<ReturnType<typeof seedMentoring>>;
  let db: Kysely<Database>;
  beforeAll(async () => {
    h = await makeHarness(dialect);
    w = h.world;
    db = h.db.kysely;
    m = await seedMentoring(db, w);
  });
  afterAll(async () => {
    await h.close();
  });

  const ids = async (q: { execute(): Promise<{ id: string }[]> }) =>
    (await q.execute()).map((r) => r.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();

  it('users: each role sees exactly its scope (ROLES.md scope column)', async () => {
    const seen = (u: MadeUser) =>
      ids(
        db
          .selectFrom('users as x')
          .select('x.id')
          .where(scopeUsers(actorOfUser(u), 'x')),
      );
    const all = await ids(db.selectFrom('users').select('id'));
    expect(await seen(w.superAdmin)).toEqual(all);
    expect(await seen(w.mentor)).toEqual(sorted(w.mentor.id, w.student.id));
    expect(await seen(w.student)).toEqual(sorted(w.student.id, w.mentor.id));
    expect(await seen(w.endedStudent)).toEqual([w.endedStudent.id]);
    const dept = await seen(w.deptAdmin);
    expect(dept).toEqual(
      sorted(w.deptAdmin.id, w.mentor.id, w.student.id, w.otherMentor.id, w.unassigned.id, w.endedStudent.id),
    );
    const inst = await seen(w.instAdmin);
    expect(inst).not.toContain(w.superAdmin.id);
    expect(inst).toContain(w.otherDeptStudent.id);
    expect(inst).not.toContain(w.inst2Student.id);
    expect(await seen(w.inst2Admin)).toEqual(
      sorted(w.inst2Admin.id, w.inst2DeptAdmin.id, w.inst2Mentor.id, w.inst2Student.id),
    );
  });

  it('profiles, students and mentors follow the user scope; a mentor sees no unassigned student', async () => {
    const students = (u: MadeUser) =>
      ids(
        db
          .selectFrom('student_profiles as x')
          .select('x.userId as id')
          .where(scopeStudents(actorOfUser(u), 'x')),
      );
    expect(await students(w.mentor)).toEqual([w.student.id]);
    expect(await students(w.student)).toEqual([w.student.id]);
    expect(await students(w.otherDeptAdmin)).toEqual([w.otherDeptStudent.id]);
    const mentors = (u: MadeUser) =>
      ids(
        db
          .selectFrom('mentor_profiles as x')
          .select('x.userId as id')
          .where(scopeMentors(actorOfUser(u), 'x')),
      );
    expect(await mentors(w.student)).toEqual([w.mentor.id]);
    expect(await mentors(w.unassigned)).toEqual([]);
    const profiles = await ids(
      db
        .selectFrom('user_profiles as x')
        .select('x.userId as id')
        .where(scopeProfiles(actorOfUser(w.student), 'x')),
    );
    expect(profiles).toEqual(sorted(w.student.id, w.mentor.id));
  });

  it('institutions and departments', async () => {
    const inst = (u: MadeUser) =>
      ids(
        db
          .selectFrom('institutions as x')
          .select('x.id')
          .where(scopeInstitutions(actorOfUser(u), 'x')),
      );
    expect(await inst(w.instAdmin)).toEqual([w.inst.id]);
    expect((await inst(w.superAdmin)).length).toBe(2);
    const depts = (u: MadeUser) =>
      ids(
        db
          .selectFrom('departments as x')
          .select('x.id')
          .where(scopeDepartments(actorOfUser(u), 'x')),
      );
    expect(await depts(w.instAdmin)).toEqual(sorted(w.dept.id, w.otherDept.id));
    expect(await depts(w.deptAdmin)).toEqual([w.dept.id]);
    expect(await depts(w.inst2Student)).toEqual([w.dept2.id]);
  });

  it('assignments: mentors read ENDED history but write only ACTIVE/PAUSED ones', async () => {
    const read = (u: MadeUser) =>
      ids(
        db
          .selectFrom('mentor_assignments as x')
          .select('x.id')
          .where(scopeAssignments(actorOfUser(u), 'x')),
      );
    const write = (u: MadeUser) =>
      ids(
        db
          .selectFrom('mentor_assignments as x')
          .select('x.id')
          .where(scopeAssignmentsWritable(actorOfUser(u), 'x')),
      );
    expect(await read(w.mentor)).toEqual(sorted(w.assignment, w.endedAssignment));
    expect(await write(w.mentor)).toEqual([w.assignment]);
    expect(await read(w.student)).toEqual([w.assignment]);
    expect(await write(w.student)).toEqual([]);
    expect(await read(w.deptAdmin)).toEqual(sorted(w.assignment, w.endedAssignment));
    expect(await read(w.instAdmin)).toEqual(sorted(w.assignment, w.endedAssignment, w.otherAssignment));
    expect(await read(w.inst2Admin)).toEqual([w.inst2Assignment]);
  });

  it('sessions: ENDED history only for the sessions the mentor recorded; writes only on current assignments', async () => {
    const read = (u: MadeUser, scope = scopeSessions) =>
      ids(
        db
          .selectFrom('session_records as x')
          .select('x.id')
          .where(scope(actorOfUser(u), 'x')),
      );
    // The correlated form (first pages of sessions:list) selects exactly the same rows.
    for (const u of Object.values(w).filter(isUser)) {
      expect(await read(u, scopeSessionsCorrelated)).toEqual(await read(u));
    }
    expect(await read(w.mentor)).toEqual(sorted(m.s1, m.s2));
    expect(await read(w.student)).toEqual([m.s1]);
    expect(await read(w.endedStudent)).toEqual(sorted(m.s2, m.s3));
    expect(await read(w.deptAdmin)).toEqual(sorted(m.s1, m.s2, m.s3));
    expect(await read(w.otherDeptAdmin)).toEqual([m.s4]);
    expect(await read(w.inst2Admin)).toEqual([]);
    expect(await read(w.otherMentor)).toEqual([]);
    const writable = await ids(
      db
        .selectFrom('session_records as x')
        .select('x.id')
        .where(scopeSessionsWritable(actorOfUser(w.mentor), 'x')),
    );
    expect(writable).toEqual([m.s1]);
  });

  it('session summary is selected as NULL for students and for mentors who do not own the assignment', async () => {
    const summary = async (u: MadeUser) => {
      const row = await db
        .selectFrom('session_records as x')
        .select(sessionSummary(actorOfUser(u), 'x').as('summary'))
        .where('x.id', '=', m.s1)
        .executeTakeFirstOrThrow();
      return row.summary;
    };
    expect(await summary(w.student)).toBeNull();
    expect(await summary(w.otherMentor)).toBeNull();
    expect(await summary(w.mentor)).toBe('private notes s1');
    expect(await summary(w.deptAdmin)).toBe('private notes s1');
    expect(await summary(w.superAdmin)).toBe('private notes s1');
  });

  it('feedback: giver always, admins in scope always, recipient only when visibility names its side', async () => {
    const read = (u: MadeUser) =>
      ids(
        db
          .selectFrom('session_feedback as x')
          .select('x.id')
          .where(scopeFeedback(actorOfUser(u), 'x')),
      );
    // f1 S→M MENTOR, f2 S→M DEPARTMENT_ADMIN, f3 M→S STUDENT, f4 M→S MENTOR
    expect(await read(w.student)).toEqual(sorted(m.f1, m.f2, m.f3));
    expect(await read(w.mentor)).toEqual(sorted(m.f1, m.f3, m.f4));
    expect(await read(w.deptAdmin)).toEqual(sorted(m.f1, m.f2, m.f3, m.f4));
    expect(await read(w.otherDeptAdmin)).toEqual([]);
    expect(await read(w.otherMentor)).toEqual([]);
  });

  it('goals, goal updates, alerts, notifications', async () => {
    const goals = (u: MadeUser) =>
      ids(
        db
          .selectFrom('goals as x')
          .select('x.id')
          .where(scopeGoals(actorOfUser(u), 'x')),
      );
    expect(await goals(w.mentor)).toEqual([m.g1]);
    expect(await goals(w.student)).toEqual([m.g1]);
    expect(await goals(w.deptAdmin)).toEqual(sorted(m.g1, m.g2));
    expect(await goals(w.inst2Admin)).toEqual([]);
    const updates = await ids(
      db
        .selectFrom('goal_updates as x')
        .select('x.goalId as id')
        .where(scopeGoalUpdates(actorOfUser(w.mentor), 'x')),
    );
    expect(updates).toEqual([m.g1]);
    const alerts = (u: MadeUser) =>
      ids(
        db
          .selectFrom('alerts as x')
          .select('x.id')
          .where(scopeAlerts(actorOfUser(u), 'x')),
      );
    expect(await alerts(w.mentor)).toEqual([m.a1]);
    expect(await alerts(w.student)).toEqual([]);
    expect(await alerts(w.deptAdmin)).toEqual(sorted(m.a1, m.a2));
    const notes = (u: MadeUser) =>
      ids(
        db
          .selectFrom('notifications as x')
          .select('x.id')
          .where(scopeNotifications(actorOfUser(u), 'x')),
      );
    expect(await notes(w.superAdmin)).toEqual([`n-${w.superAdmin.id}`]);
    expect(await notes(w.student)).toEqual([`n-${w.student.id}`]);
  });

  it('attachments follow the record they hang on', async () => {
    const read = (u: MadeUser) =>
      ids(
        db
          .selectFrom('attachments as x')
          .select('x.id')
          .where(scopeAttachments(actorOfUser(u), 'x')),
      );
    expect(await read(w.student)).toEqual(sorted(m.att.onS1, m.att.onF2));
    expect(await read(w.mentor)).toEqual([m.att.onS1]);
    expect(await read(w.deptAdmin)).toEqual(sorted(m.att.onS1, m.att.onF2));
    expect(await read(w.otherDeptAdmin)).toEqual(sorted(m.att.onG3, m.att.onOtherAssignment));
  });

  it('audit logs: admins in scope only; orphan sign-in failures for the super admin only', async () => {
    const add = async (userId: string | null, entity: string, entityId: string | null) => {
      await db
        .insertInto('audit_logs')
        .values({
          userId,
          action: 'test:x',
          entity,
          entityId,
          beforeState: null,
          afterState: null,
          ip: null,
          userAgent: null,
          createdAt: NOW,
        })
        .execute();
      const r = await db
        .selectFrom('audit_logs')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      return String(r.id);
    };
    const byDeptAdmin = await add(w.deptAdmin.id, 'users', w.student.id);
    const byOtherDept = await add(w.otherDeptAdmin.id, 'users', w.otherDeptStudent.id);
    const aboutUnassigned = await add(w.superAdmin.id, 'student_profiles', w.unassigned.id);
    const superElsewhere = await add(w.superAdmin.id, 'institutions', w.inst2.id);
    const orphan = await add(null, 'auth', null);
    const read = async (u: MadeUser, scope = scopeAuditLogs) =>
      (
        await db
          .selectFrom('audit_logs as x')
          .select('x.id')
          .where(scope(actorOfUser(u), 'x'))
          .execute()
      )
        .map((r) => String(r.id))
        .sort();
    // The correlated form (first pages of audit:list) selects exactly the same rows.
    for (const u of Object.values(w).filter(isUser)) {
      expect(await read(u, scopeAuditLogsCorrelated)).toEqual(await read(u));
    }
    expect(await read(w.deptAdmin)).toEqual(sorted(byDeptAdmin, aboutUnassigned));
    expect(await read(w.instAdmin)).toEqual(sorted(byDeptAdmin, byOtherDept, aboutUnassigned));
    expect(await read(w.inst2Admin)).toEqual([superElsewhere]);
    expect(await read(w.inst2DeptAdmin)).toEqual([]);
    expect(await read(w.mentor)).toEqual([]);
    expect(await read(w.superAdmin)).toEqual(expect.arrayContaining([superElsewhere, orphan]));
  });
});
