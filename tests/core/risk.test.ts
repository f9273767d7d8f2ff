import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_THRESHOLDS } from '../../src/shared/contract/risk.contract.ts';
import { evaluateRules, riskLevelOf, type StudentFacts } from '../../src/core/risk/rules.ts';
import {
  ALERT_NOTICES_PER_RUN,
  evaluateDepartment,
  evaluateStudentRisk,
} from '../../src/core/risk/engine.ts';
import { writeThresholds } from '../../src/core/settings/settings.repo.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addSession, addGoal, inTx, setAcademics } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addAssignment } from './support/world.ts';

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const daysBefore = (n: number, from = NOW): string => new Date(Date.parse(from) - n * DAY).toISOString();

const facts = (over: Partial<StudentFacts> = {}): StudentFacts => ({
  studentId: 's',
  departmentId: 'd',
  gpa: 8,
  attendancePct: 90,
  riskLevel: 'LOW',
  consecutiveAbsences: 0,
  lastContactAt: daysBefore(3),
  activeSince: daysBefore(100),
  goalsAtRiskOrOverdue: 0,
  ...over,
});
const levelFor = (over: Partial<StudentFacts>): string =>
  riskLevelOf(evaluateRules(facts(over), DEFAULT_RISK_THRESHOLDS, NOW));

describe('risk rules at their exact boundaries (defaults)', () => {
  it('attendance: 75.00 LOW, 74.99 MEDIUM, 65.00 MEDIUM, 64.99 HIGH', () => {
    expect(levelFor({ attendancePct: 75 })).toBe('LOW');
    expect(levelFor({ attendancePct: 74.99 })).toBe('MEDIUM');
    expect(levelFor({ attendancePct: 65 })).toBe('MEDIUM');
    expect(levelFor({ attendancePct: 64.99 })).toBe('HIGH');
    expect(levelFor({ attendancePct: null })).toBe('LOW');
  });
  it('GPA: 6.00 LOW, 5.99 MEDIUM, 5.00 MEDIUM, 4.99 HIGH', () => {
    expect(levelFor({ gpa: 6 })).toBe('LOW');
    expect(levelFor({ gpa: 5.99 })).toBe('MEDIUM');
    expect(levelFor({ gpa: 5 })).toBe('MEDIUM');
    expect(levelFor({ gpa: 4.99 })).toBe('HIGH');
    expect(levelFor({ gpa: null })).toBe('LOW');
  });
  it('consecutive absences: 1 LOW, 2 MEDIUM (HIGH off by default)', () => {
    expect(levelFor({ consecutiveAbsences: 1 })).toBe('LOW');
    expect(levelFor({ consecutiveAbsences: 2 })).toBe('MEDIUM');
    expect(levelFor({ consecutiveAbsences: 9 })).toBe('MEDIUM');
  });
  it('no session: exactly 6 weeks LOW, 6 weeks + 1 ms MEDIUM; measured from the assignment when later', () => {
    const sixWeeks = 42 * DAY;
    expect(levelFor({ lastContactAt: new Date(Date.parse(NOW) - sixWeeks).toISOString() })).toBe('LOW');
    expect(levelFor({ lastContactAt: new Date(Date.parse(NOW) - sixWeeks - 1).toISOString() })).toBe(
      'MEDIUM',
    );
    expect(levelFor({ lastContactAt: null, activeSince: daysBefore(43) })).toBe('MEDIUM');
    expect(levelFor({ lastContactAt: daysBefore(90), activeSince: daysBefore(10) })).toBe('LOW');
    expect(levelFor({ lastContactAt: null, activeSince: null })).toBe('LOW');
  });
  it('goals: one at risk or overdue is ordinary, two is MEDIUM', () => {
    expect(levelFor({ goalsAtRiskOrOverdue: 1 })).toBe('LOW');
    expect(levelFor({ goalsAtRiskOrOverdue: 2 })).toBe('MEDIUM');
  });
  it('level is the maximum over rules, and the ATTENDANCE category collects three rules', () => {
    const fs = evaluateRules(
      facts({ attendancePct: 70, gpa: 4, consecutiveAbsences: 2, lastContactAt: daysBefore(60) }),
      DEFAULT_RISK_THRESHOLDS,
      NOW,
    );
    expect(riskLevelOf(fs)).toBe('HIGH');
    expect(fs.filter((f) => f.category === 'ATTENDANCE').map((f) => f.rule)).toEqual([
      'ATTENDANCE_PCT',
      'CONSECUTIVE_ABSENCES',
      'NO_SESSION',
    ]);
    expect(fs.find((f) => f.rule === 'GPA')).toMatchObject({ level: 'HIGH', value: 4, threshold: 5 });
  });
});

describe.each(DIALECTS)('risk engine on %s', (dialect) => {
  let h: Harness;
  let student: string;
  let assignment: string;
  let mentor: string;
  const db = () => h.db.kysely;
  const run = (now = NOW) => inTx(db(), dialect, now, (ctx) => evaluateStudentRisk(ctx, student));
  const level = async () =>
    (
      await db()
        .selectFrom('student_profiles')
        .select('riskLevel')
        .where('userId', '=', student)
        .executeTakeFirstOrThrow()
    ).riskLevel;
  const alerts = () =>
    db()
      .selectFrom('alerts')
      .selectAll()
      .where('studentId', '=', student)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
  const open = async () => (await alerts()).filter((a) => a.status === 'OPEN');

  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    // A fresh mentee per test: active assignment 10 days ago, a recent attended session, healthy numbers.
    const w = h.world;
    mentor = w.mentor.id;
    student = (await makeUser(db(), 'STUDENT', { institutionId: w.inst.id, departmentId: w.dept.id })).id;
    assignment = await addAssignment(db(), {
      mentorId: mentor,
      studentId: student,
      departmentId: w.dept.id,
      assignedById: w.deptAdmin.id,
    });
    await db()
      .updateTable('mentor_assignments')
      .set({ assignedAt: daysBefore(100) })
      .where('id', '=', assignment)
      .execute();
    await addSession(db(), { assignmentId: assignment, createdById: mentor, sessionDate: daysBefore(7) });
  });

  it('sets riskLevel at the exact attendance boundaries and keeps one OPEN ATTENDANCE alert', async () => {
    await setAcademics(db(), student, { attendancePct: 75 });
    await run();
    expect(await level()).toBe('LOW');
    expect(await alerts()).toEqual([]);

    await setAcademics(db(), student, { attendancePct: 74.99 });
    await run();
    expect(await level()).toBe('MEDIUM');
    const [a] = await open();
    expect(a).toMatchObject({ category: 'ATTENDANCE', severity: 'WARN', closedAt: null, closedById: null });
    expect(JSON.parse(a!.sourceRef!)).toMatchObject({
      source: 'risk-engine',
      rules: [{ rule: 'ATTENDANCE_PCT', level: 'MEDIUM', value: 74.99, threshold: 75, comparison: 'below' }],
    });

    await run();
    expect(await alerts()).toHaveLength(1);

    await setAcademics(db(), student, { attendancePct: 64.99 });
    await run('2026-03-02T10:00:00.000Z');
    const all = await alerts();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: a!.id, status: 'OPEN', severity: 'CRITICAL' });
    expect(JSON.parse(all[0]!.sourceRef!).rules[0]).toMatchObject({
      level: 'HIGH',
      value: 64.99,
      threshold: 65,
    });
    expect(await level()).toBe('HIGH');
  });

  it('GPA boundaries: 6.00 none, 5.99 WARN, 4.99 CRITICAL; the GPA alert is separate from ATTENDANCE', async () => {
    await setAcademics(db(), student, { gpa: 6 });
    await run();
    expect(await level()).toBe('LOW');
    await setAcademics(db(), student, { gpa: 5.99, attendancePct: 70 });
    await run();
    expect((await open()).map((a) => [a.category, a.severity]).sort()).toEqual([
      ['ATTENDANCE', 'WARN'],
      ['GPA', 'WARN'],
    ]);
    await setAcademics(db(), student, { gpa: 4.99 });
    await run();
    expect((await open()).find((a) => a.category === 'GPA')!.severity).toBe('CRITICAL');
    expect(await open()).toHaveLength(2);
  });

  it('auto-closes when the condition clears (closedById null, closedAt now) and raises a new one later', async () => {
    await setAcademics(db(), student, { attendancePct: 60 });
    await run();
    await setAcademics(db(), student, { attendancePct: 80 });
    const clearedAt = '2026-03-03T08:00:00.000Z';
    await run(clearedAt);
    const [closed] = await alerts();
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: clearedAt, closedById: null });
    expect(JSON.parse(closed!.sourceRef!)).toMatchObject({
      closedBy: 'system',
      closedReason: 'condition cleared',
    });
    expect(await level()).toBe('LOW');
    await setAcademics(db(), student, { attendancePct: 70 });
    await run('2026-03-04T08:00:00.000Z');
    expect(await open()).toHaveLength(1);
    expect(await alerts()).toHaveLength(2);
  });

  it('counts consecutive ABSENT completed sessions after the last attended one', async () => {
    await addSession(db(), {
      assignmentId: assignment,
      createdById: mentor,
      sessionDate: daysBefore(5),
      attendance: 'ABSENT',
    });
    await run();
    expect(await level()).toBe('LOW');
    // A scheduled (not completed) and a future session do not count.
    await addSession(db(), {
      assignmentId: assignment,
      createdById: mentor,
      sessionDate: daysBefore(3),
      attendance: 'ABSENT',
      status: 'SCHEDULED',
    });
    await addSession(db(), {
      assignmentId: assignment,
      createdById: mentor,
      sessionDate: daysBefore(-2),
      attendance: 'ABSENT',
    });
    await run();
    expect(await level()).toBe('LOW');
    await addSession(db(), {
      assignmentId: assignment,
      createdById: mentor,
      sessionDate: daysBefore(2),
      attendance: 'ABSENT',
    });
    await run();
    expect(await level()).toBe('MEDIUM');
    const ref = JSON.parse((await open())[0]!.sourceRef!);
    expect(ref.rules).toEqual([
      expect.objectContaining({ rule: 'CONSECUTIVE_ABSENCES', value: 2, threshold: 2 }),
    ]);
    await addSession(db(), { assignmentId: assignment, createdById: mentor, sessionDate: daysBefore(1) });
    await run();
    expect(await level()).toBe('LOW');
    expect(await open()).toEqual([]);
  });

  it('no session for more than 6 weeks while actively assigned raises ATTENDANCE (WARN)', async () => {
    await run(daysBefore(-35)); // last contact 42 days before this instant: not yet
    expect(await level()).toBe('LOW');
    await run(new Date(Date.parse(daysBefore(-35)) + 1).toISOString());
    expect(await level()).toBe('MEDIUM');
    expect(JSON.parse((await open())[0]!.sourceRef!).rules[0]).toMatchObject({
      rule: 'NO_SESSION',
      threshold: 42,
    });
    await db()
      .updateTable('mentor_assignments')
      .set({ status: 'PAUSED', updatedAt: NOW })
      .where('id', '=', assignment)
      .execute();
    await run(daysBefore(-40));
    expect(await level()).toBe('LOW');
  });

  it('goals AT_RISK or overdue raise the level but no alert', async () => {
    await addGoal(db(), { studentId: student, createdById: mentor, status: 'AT_RISK' });
    await addGoal(db(), { studentId: student, createdById: mentor, targetDate: '2026-03-02T00:00:00.000Z' });
    await addGoal(db(), {
      studentId: student,
      createdById: mentor,
      status: 'COMPLETED',
      targetDate: '2026-01-02T00:00:00.000Z',
    });
    await run();
    expect(await level()).toBe('LOW'); // one at risk; due today is not overdue; completed never is
    await run('2026-03-03T00:00:00.000Z');
    expect(await level()).toBe('MEDIUM');
    expect(await alerts()).toEqual([]);
  });

  it('uses the department’s own thresholds when saved', async () => {
    await setAcademics(db(), student, { attendancePct: 79 });
    await run();
    expect(await level()).toBe('LOW');
    await writeThresholds(
      db(),
      h.world.dept.id,
      { ...DEFAULT_RISK_THRESHOLDS, attendancePct: { medium: 80, high: 60 } },
      h.world.deptAdmin.id,
      NOW,
    );
    await run();
    expect(await level()).toBe('MEDIUM');
    await writeThresholds(db(), h.world.dept.id, DEFAULT_RISK_THRESHOLDS, h.world.deptAdmin.id, NOW);
  });

  it('notifies the mentor and the department admins of a new alert and of an escalation only', async () => {
    const w = h.world;
    const mine = () =>
      db()
        .selectFrom('notifications')
        .selectAll()
        .where('type', '=', 'ALERT')
        .where((eb) => eb('payload', 'like', `%${student}%`))
        .execute();
    await setAcademics(db(), student, { attendancePct: 70 });
    await run();
    const first = await mine();
    expect(first.map((n) => n.userId).sort()).toEqual([mentor, w.deptAdmin.id].sort());
    expect(first[0]!.title).toMatch(/^Attendance warning: Test STUDENT \(R/);
    await setAcademics(db(), student, { attendancePct: 69 });
    await run();
    expect(await mine()).toHaveLength(2);
    await setAcademics(db(), student, { attendancePct: 50 });
    await run();
    const all = await mine();
    expect(all).toHaveLength(4);
    expect(all.filter((n) => JSON.parse(n.payload!).kind === 'escalated')).toHaveLength(2);
  });

  it('closes duplicate OPEN alerts of one category, keeping the newest', async () => {
    for (const createdAt of ['2026-02-01T00:00:00.000Z', '2026-02-02T00:00:00.000Z']) {
      await db()
        .insertInto('alerts')
        .values({
          id: uuidv7(),
          studentId: student,
          severity: 'WARN',
          category: 'GPA',
          message: 'old',
          sourceRef: null,
          status: 'OPEN',
          createdAt,
          closedAt: null,
          closedById: null,
        })
        .execute();
    }
    await setAcademics(db(), student, { gpa: 5.5 });
    await run();
    const rows = (await alerts()).filter((a) => a.category === 'GPA');
    expect(rows.map((a) => a.status)).toEqual(['CLOSED', 'OPEN']);
    expect(rows[1]!.message).toMatch(/GPA 5.50 is below 6.00/);
  });

  it('after a person closes an automatic alert, it is not raised again at the same severity until it clears', async () => {
    await setAcademics(db(), student, { attendancePct: 70 });
    await run();
    const [a] = await open();
    await db()
      .updateTable('alerts')
      .set({
        status: 'CLOSED',
        closedAt: NOW,
        closedById: h.world.deptAdmin.id,
        sourceRef: JSON.stringify({
          ...JSON.parse(a!.sourceRef!),
          suppress: true,
          closingNote: 'Medical leave',
        }),
      })
      .where('id', '=', a!.id)
      .execute();
    await run();
    expect(await open()).toEqual([]);
    expect(await level()).toBe('MEDIUM');
    await setAcademics(db(), student, { attendancePct: 60 });
    await run();
    expect((await open()).map((x) => x.severity)).toEqual(['CRITICAL']);
    expect(JSON.parse((await alerts())[0]!.sourceRef!).suppress).toBe(false);
  });

  it('evaluates a whole department in one pass and counts what it did', async () => {
    await setAcademics(db(), student, { attendancePct: 70, gpa: 4 });
    const counts = await inTx(db(), dialect, NOW, (ctx) => evaluateDepartment(ctx, h.world.dept.id));
    expect(counts.evaluated).toBeGreaterThanOrEqual(4);
    expect(counts.alertsRaised).toBeGreaterThanOrEqual(2);
    expect(counts.levels.HIGH).toBeGreaterThanOrEqual(1);
    const again = await inTx(db(), dialect, NOW, (ctx) => evaluateDepartment(ctx, h.world.dept.id));
    expect(again).toMatchObject({ changedLevels: 0, alertsRaised: 0, alertsUpdated: 0, alertsClosed: 0 });
  });

  it('many alerts from one evaluation reach a department admin as one summary, a few one by one', async () => {
    const w = h.world;
    const noticesOf = async (userId: string) =>
      (
        await db()
          .selectFrom('notifications')
          .select(['title', 'payload'])
          .where('userId', '=', userId)
          .where('type', '=', 'ALERT')
          .where('createdAt', '=', LATER)
          .execute()
      ).map((n) => ({ title: n.title, payload: JSON.parse(n.payload!) as Record<string, unknown> }));
    const LATER = '2026-03-20T09:00:00.000Z';
    const at = { institutionId: w.inst.id, departmentId: w.dept.id };
    // Twelve new students far below the attendance line (a roster import's worth): 12 alerts > 10.
    const many: string[] = [];
    for (let i = 0; i < ALERT_NOTICES_PER_RUN + 2; i++) {
      const u = await makeUser(db(), 'STUDENT', { ...at, email: `flagged${i}.${dialect}@example.edu` });
      await setAcademics(db(), u.id, { attendancePct: 50 });
      many.push(u.id);
    }
    await inTx(db(), dialect, LATER, (ctx) => evaluateDepartment(ctx, w.dept.id));
    const notices = await noticesOf(w.deptAdmin.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toMatch(/^\d+ new risk alerts$/);
    expect(notices[0]!.payload).toMatchObject({ kind: 'ALERT_SUMMARY', critical: many.length });
    expect(Number(notices[0]!.payload.count)).toBeGreaterThanOrEqual(many.length);
    // Each alert exists: the summary replaces notices, not alerts.
    const raised = await db()
      .selectFrom('alerts')
      .select('studentId')
      .where('studentId', 'in', many)
      .where('status', '=', 'OPEN')
      .execute();
    expect(raised).toHaveLength(many.length);

    // A handful later: one notice each again.
    const few = many.slice(0, 2);
    for (const id of few) await setAcademics(db(), id, { attendancePct: 99 });
    await inTx(db(), dialect, '2026-03-21T09:00:00.000Z', (ctx) => evaluateDepartment(ctx, w.dept.id));
    for (const id of few) await setAcademics(db(), id, { attendancePct: 50 });
    await inTx(db(), dialect, '2026-03-22T09:00:00.000Z', (ctx) => evaluateDepartment(ctx, w.dept.id));
    const later = await db()
      .selectFrom('notifications')
      .select(['payload'])
      .where('userId', '=', w.deptAdmin.id)
      .where('createdAt', '=', '2026-03-22T09:00:00.000Z')
      .execute();
    expect(later).toHaveLength(few.length);
    expect(later.map((n) => JSON.parse(n.payload!).kind)).toEqual(['raised', 'raised']);
  });
});
