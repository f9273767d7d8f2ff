import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import type { AlertSeverity, AlertStatus } from '../../src/shared/domain/enums.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addGoal, addSession } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addAssignment } from './support/world.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { makeCast } from '../fixtures/builders.ts';
import { allAssignmentsMatch, col, eq } from '../../src/core/scope/index.ts';

// Dashboards on a small hand-built department whose every number is known.
const NOW = '2026-03-10T09:00:00.000Z';

describe.each(DIALECTS)('dashboards on %s', (dialect) => {
  let h: Harness;
  let future: string;
  let pendingId: string;
  const db = () => h.db.kysely;
  const alert = (studentId: string, severity: AlertSeverity, status: AlertStatus = 'OPEN') =>
    db()
      .insertInto('alerts')
      .values({
        id: uuidv7(),
        studentId,
        severity,
        category: 'BEHAVIOR',
        message: 'm',
        sourceRef: null,
        status,
        createdAt: NOW,
        closedAt: status === 'CLOSED' ? NOW : null,
        closedById: null,
      })
      .execute();

  beforeAll(async () => {
    h = await makeHarness(dialect);
    h.clock.set(NOW);
    const w = h.world;
    const k = db();
    await addAssignment(k, {
      mentorId: w.otherMentor.id,
      studentId: w.unassigned.id,
      departmentId: w.dept.id,
      assignedById: w.deptAdmin.id,
      status: 'PAUSED',
    });
    const s = (sessionDate: string, over: Partial<Parameters<typeof addSession>[1]> = {}) =>
      addSession(k, { assignmentId: w.assignment, createdById: w.mentor.id, sessionDate, ...over });
    // March: 2 completed (1 absent), 1 cancelled, 1 pending (past, scheduled), 1 upcoming.
    await s('2026-03-02T10:00:00.000Z', {
      actionItems: [
        { text: 'Submit internship form', done: false, dueOn: '2026-03-20' },
        { text: 'Done already', done: true },
      ],
    });
    await s('2026-03-05T10:00:00.000Z', {
      attendance: 'ABSENT',
      nextMeetingOn: '2026-03-12T10:00:00.000Z',
      actionItems: [{ text: 'Meet the HOD', done: false }],
    });
    await s('2026-03-06T10:00:00.000Z', {
      status: 'CANCELLED',
      actionItems: [{ text: 'Cancelled item', done: false }],
    });
    pendingId = await s('2026-03-08T10:00:00.000Z', { status: 'SCHEDULED', topic: 'Missed review' });
    future = await s('2026-03-12T10:00:00.000Z', { status: 'SCHEDULED', topic: 'Project plan' });
    // February: 3 completed; January: 1 (in neither month).
    for (const d of ['2026-02-03', '2026-02-10', '2026-02-28']) await s(`${d}T23:59:59.999Z`);
    await s('2026-01-31T23:59:59.999Z');
    // Another department's March session must not count.
    await addSession(k, {
      assignmentId: w.otherAssignment,
      createdById: w.otherDeptMentor.id,
      sessionDate: '2026-03-03T10:00:00.000Z',
    });
    await alert(w.student.id, 'WARN');
    await alert(w.unassigned.id, 'WARN');
    await alert(w.student.id, 'CRITICAL');
    await alert(w.student.id, 'CRITICAL', 'CLOSED');
    await alert(w.otherDeptStudent.id, 'INFO');
    await k
      .updateTable('student_profiles')
      .set({ riskLevel: 'HIGH' })
      .where('userId', '=', w.student.id)
      .execute();
    await k
      .updateTable('student_profiles')
      .set({ riskLevel: 'MEDIUM' })
      .where('userId', '=', w.unassigned.id)
      .execute();
    await addGoal(k, {
      studentId: w.student.id,
      createdById: w.student.id,
      status: 'IN_PROGRESS',
      progressPct: 40,
      targetDate: '2026-03-01T00:00:00.000Z',
      title: 'Overdue goal',
    });
    await addGoal(k, {
      studentId: w.student.id,
      createdById: w.student.id,
      status: 'AT_RISK',
      progressPct: 10,
      targetDate: '2026-04-01T00:00:00.000Z',
    });
    await addGoal(k, {
      studentId: w.student.id,
      createdById: w.student.id,
      status: 'COMPLETED',
      progressPct: 100,
    });
    await k
      .insertInto('notifications')
      .values({
        id: uuidv7(),
        userId: w.student.id,
        type: 'GOAL_DUE',
        title: 't',
        body: 'b',
        payload: null,
        readAt: null,
        createdAt: NOW,
      })
      .execute();
  });
  afterAll(async () => {
    await h.close();
  });

  it('department: mentees per mentor, sessions this month vs last, alerts, risk, pending', async () => {
    const w = h.world;
    const d = await h.must(h.as('DEPARTMENT_ADMIN'), 'dashboards:department', {});
    expect(d.department).toEqual({ id: w.dept.id, name: w.dept.name });
    expect(d.mentors.map((m) => [m.id, m.active, m.paused, m.maxMentees])).toEqual(
      expect.arrayContaining([
        [w.mentor.id, 1, 0, 15],
        [w.otherMentor.id, 0, 1, 15],
      ]),
    );
    expect(d.mentors).toHaveLength(2);
    expect(d.sessions.thisMonth).toEqual({
      month: '2026-03',
      completed: 2,
      scheduled: 2,
      cancelled: 1,
    });
    expect(d.sessions.lastMonth).toEqual({
      month: '2026-02',
      completed: 3,
      scheduled: 0,
      cancelled: 0,
    });
    expect(d.openAlerts).toEqual({ INFO: 0, WARN: 2, CRITICAL: 1 });
    expect(d.risk).toEqual({ LOW: 1, MEDIUM: 1, HIGH: 1 });
    expect(d.pendingSessions.total).toBe(1);
    expect(d.pendingSessions.rows).toEqual([
      {
        id: pendingId,
        sessionDate: '2026-03-08T10:00:00.000Z',
        topic: 'Missed review',
        mentor: { id: w.mentor.id, name: 'Test MENTOR' },
        student: { id: w.student.id, name: 'Test STUDENT' },
      },
    ]);
    const other = await h.must(h.as('SUPER_ADMIN'), 'dashboards:department', {
      departmentId: w.otherDept.id,
    });
    expect(other.openAlerts).toEqual({ INFO: 1, WARN: 0, CRITICAL: 0 });
    expect(other.sessions.thisMonth.completed).toBe(1);
    // A department with assignments but no sessions: its counts start from its assignments and
    // find nothing (sums over no rows are null, not 0).
    const none = await h.must(h.as('SUPER_ADMIN'), 'dashboards:department', { departmentId: w.dept2.id });
    expect(none.sessions).toEqual({
      thisMonth: { month: '2026-03', completed: 0, scheduled: 0, cancelled: 0 },
      lastMonth: { month: '2026-02', completed: 0, scheduled: 0, cancelled: 0 },
    });
    expect(none.pendingSessions).toEqual({ total: 0, rows: [] });
    expect(
      await h.call(h.as('DEPARTMENT_ADMIN'), 'dashboards:department', { departmentId: w.otherDept.id }),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('admin: counts in scope and sync health for this side', async () => {
    const d = await h.must(h.as('DEPARTMENT_ADMIN'), 'dashboards:admin', {});
    expect(d.counts).toEqual({
      institutions: 1,
      departments: 1,
      mentors: 2,
      students: 3,
      invitedUsers: 0,
      disabledUsers: 0,
      activeAssignments: 1,
      unassignedStudents: 1,
      sessionsThisMonth: 2,
    });
    expect(d.openAlerts).toEqual({ INFO: 0, WARN: 2, CRITICAL: 1 });
    expect(d.risk).toEqual({ LOW: 1, MEDIUM: 1, HIGH: 1 });
    if (dialect === 'sqlite') {
      expect(d.sync).toEqual({
        side: 'local',
        mode: 'standalone',
        lastSuccessAt: null,
        lastAttemptAt: null,
        lastError: null,
        outbox: { pending: 0, rejected: 0, conflict: 0 },
        oldestPendingAt: null,
      });
    } else {
      expect(d.sync).toMatchObject({ side: 'central', clients: [], stale: 0 });
      expect(d.sync.side === 'central' && d.sync.head).toBeGreaterThan(0);
    }
    const all = await h.must(h.as('SUPER_ADMIN'), 'dashboards:admin', {});
    expect(all.counts).toMatchObject({ institutions: 2, departments: 3, sessionsThisMonth: 3 });
    expect(all.openAlerts.INFO).toBe(1);
    const inst = await h.must(h.as('INSTITUTION_ADMIN'), 'dashboards:admin', {});
    expect(inst.counts).toMatchObject({ institutions: 1, departments: 2 });
  });

  it('mentor: its mentees with risk, last session, next session and meeting, open items', async () => {
    const w = h.world;
    const d = await h.must(h.as('MENTOR'), 'dashboards:mentor', {});
    expect(d.mentees).toEqual([
      {
        studentId: w.student.id,
        name: 'Test STUDENT',
        rollNumber: expect.any(String),
        riskLevel: 'HIGH',
        assignmentStatus: 'ACTIVE',
        lastSessionAt: '2026-03-05T10:00:00.000Z',
        nextSessionAt: '2026-03-12T10:00:00.000Z',
        nextMeetingOn: '2026-03-12T10:00:00.000Z',
        openActionItems: 2,
      },
    ]);
    expect(d.counts).toEqual({
      mentees: 1,
      highRisk: 1,
      mediumRisk: 0,
      openAlerts: 2,
      pendingSessions: 1,
      upcomingSessions: 1,
      openActionItems: 2,
    });
    expect(d.upcoming.map((u) => u.id)).toEqual([future]);
    expect(d.actionItems.map((i) => [i.text, i.dueOn])).toEqual([
      ['Submit internship form', '2026-03-20'],
      ['Meet the HOD', null],
    ]);
  });

  it('student: mentor, next session, goals progress, open items, unread count', async () => {
    const w = h.world;
    const d = await h.must(h.as('STUDENT'), 'dashboards:student', {});
    expect(d.mentors).toEqual([
      {
        id: w.mentor.id,
        name: 'Test MENTOR',
        email: w.mentor.email,
        phone: null,
        designation: 'Assistant Professor',
        assignmentStatus: 'ACTIVE',
      },
    ]);
    expect(d.upcoming).toMatchObject({ id: future, topic: 'Project plan', mentor: { id: w.mentor.id } });
    expect(d.goals).toMatchObject({
      total: 3,
      byStatus: { NOT_STARTED: 0, IN_PROGRESS: 1, AT_RISK: 1, COMPLETED: 1 },
      averageProgress: 25,
      overdue: 1,
    });
    expect(d.goals.open.map((g) => [g.title, g.overdue])).toEqual([
      ['Overdue goal', true],
      ['Improve attendance', false],
    ]);
    expect(d.actionItems).toHaveLength(2);
    expect(d.unreadNotifications).toBe(1);
    expect(JSON.stringify(d)).not.toContain('summary');
    const none = await h.must(h.sessionFor(w.unassigned.id), 'dashboards:student', {});
    expect(none).toMatchObject({
      upcoming: null,
      actionItems: [],
      goals: { total: 0, averageProgress: null },
    });
    expect(h.errors).toEqual([]);
  });
});

// A database holding one department's mentoring (a department office's own, or a laptop cache
// scoped to it): the department filter is dropped and counts come from the status index alone.
describe.each(DIALECTS)('dashboards on a one-department database (%s)', (dialect) => {
  let t: TestCore;
  beforeAll(async () => {
    t = await makeTestCore(dialect);
    t.clock.set(NOW);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the same numbers through the index-only path', async () => {
    const k = t.db.kysely;
    const cast = await makeCast(k);
    const assignment = await addAssignment(k, {
      mentorId: cast.mentor.id,
      studentId: cast.student.id,
      departmentId: cast.dept.id,
      assignedById: cast.deptAdmin.id,
    });
    expect(await allAssignmentsMatch(k, eq(col('a', 'departmentId'), cast.dept.id))).toBe(true);
    expect(await allAssignmentsMatch(k, eq(col('a', 'departmentId'), cast.otherDept.id))).toBe(false);
    const add = (sessionDate: string, status: 'COMPLETED' | 'SCHEDULED' | 'CANCELLED') =>
      addSession(k, { assignmentId: assignment, createdById: cast.mentor.id, sessionDate, status });
    await add('2026-03-01T00:00:00.000Z', 'COMPLETED');
    await add('2026-03-09T00:00:00.000Z', 'SCHEDULED');
    await add('2026-03-20T00:00:00.000Z', 'SCHEDULED');
    await add('2026-03-03T00:00:00.000Z', 'CANCELLED');
    await add('2026-02-28T23:59:59.999Z', 'COMPLETED');
    await add('2026-04-01T00:00:00.000Z', 'SCHEDULED');
    const s = t.core.openTrustedSession(cast.deptAdmin.id);
    const d = await t.must(s, 'dashboards:department', {});
    expect(d.sessions).toEqual({
      thisMonth: { month: '2026-03', completed: 1, scheduled: 2, cancelled: 1 },
      lastMonth: { month: '2026-02', completed: 1, scheduled: 0, cancelled: 0 },
    });
    expect(d.pendingSessions.total).toBe(1);
    expect((await t.must(s, 'dashboards:admin', {})).counts.sessionsThisMonth).toBe(1);
  });
});
