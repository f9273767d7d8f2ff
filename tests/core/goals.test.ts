import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { impliedStatus } from '../../src/core/goals/goals.service.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addGoal, at, DAY, makeUnit } from './support/mentoring-fixtures.ts';

// Goals on both dialects: who may set them, progress that follows the latest note (also when an
// older note arrives late), the COMPLETED/100% rule, overdue at the day boundary, scope, risk.

describe('impliedStatus (a note without a status)', () => {
  it('100% completes; AT_RISK stays at risk; otherwise in progress or not started', () => {
    expect(impliedStatus('IN_PROGRESS', 100)).toBe('COMPLETED');
    expect(impliedStatus('AT_RISK', 40)).toBe('AT_RISK');
    expect(impliedStatus('AT_RISK', 100)).toBe('COMPLETED');
    expect(impliedStatus('NOT_STARTED', 0)).toBe('NOT_STARTED');
    expect(impliedStatus('COMPLETED', 60)).toBe('IN_PROGRESS');
    expect(impliedStatus('IN_PROGRESS', 60, 'AT_RISK')).toBe('AT_RISK');
  });
});

describe.each(DIALECTS)('goals on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 3 });
    const [m, s, other] = [u.mentors[0]!, u.students[0]!, u.students[1]!];
    await u.link(m, s);
    await u.link(m, u.students[2]!, 'ENDED');
    return { u, m, s, other };
  }
  const today = () => h.clock.now().toISOString().slice(0, 10);
  const day = (offset: number) => at(h.clock.now(), offset).slice(0, 10);

  it('create: a student for itself, a mentor for a current mentee, an admin in scope; nobody else', async () => {
    const t = await setup();
    const g = await h.must(h.sessionFor(t.s.id), 'goals:create', {
      title: 'Score 8+ in DBMS',
      category: 'ACADEMIC',
      targetDate: day(30),
    });
    expect(g).toMatchObject({
      studentId: t.s.id,
      status: 'NOT_STARTED',
      progressPct: 0,
      targetDate: `${day(30)}T00:00:00.000Z`,
      overdue: false,
      updates: [],
      createdById: t.s.id,
    });
    expect(
      await h.call(h.sessionFor(t.s.id), 'goals:create', {
        studentId: t.other.id,
        title: 'x',
        category: 'CAREER',
      }),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(
      (
        await h.must(h.sessionFor(t.m.id), 'goals:create', {
          studentId: t.s.id,
          title: 'Join a club',
          category: 'WELLNESS',
        })
      ).createdById,
    ).toBe(t.m.id);
    expect(
      await h.call(h.sessionFor(t.m.id), 'goals:create', {
        studentId: t.other.id,
        title: 'x',
        category: 'CAREER',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await h.call(h.sessionFor(t.m.id), 'goals:create', {
        studentId: t.u.students[2]!.id,
        title: 'x',
        category: 'CAREER',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await h.call(h.sessionFor(t.m.id), 'goals:create', { title: 'x', category: 'CAREER' }),
    ).toMatchObject({ error: { code: 'VALIDATION', issues: [{ path: 'studentId' }] } });
    await h.must(h.sessionFor(t.u.admin.id), 'goals:create', {
      studentId: t.other.id,
      title: 'Attend the placement training',
      category: 'CAREER',
    });
    expect(
      await h.call(h.sessionFor(h.world.otherDeptAdmin.id), 'goals:create', {
        studentId: t.other.id,
        title: 'x',
        category: 'CAREER',
      }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await h.call(h.sessionFor(t.s.id), 'goals:create', {
        title: 'x',
        category: 'ACADEMIC',
        targetDate: day(-1),
      }),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'targetDate', message: 'The target date is in the past.' }],
      },
    });
    expect(
      await h.core.dispatch('goals:create', { title: 'x', category: 'SPORTS' }, h.sessionFor(t.s.id)),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'category', message: 'Choose ACADEMIC, BEHAVIORAL, CAREER or WELLNESS.' }],
      },
    });
    expect(
      await h.call(h.sessionFor(t.s.id), 'goals:create', {
        title: 'x',
        category: 'ACADEMIC',
        targetDate: '31/01/2026',
      }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'targetDate' }] },
    });
  });

  it('add-update: the goal follows its latest note; COMPLETED means 100%; a late older note changes nothing', async () => {
    const t = await setup();
    const mentor = () => h.sessionFor(t.m.id);
    const g = await h.must(h.sessionFor(t.s.id), 'goals:create', {
      title: 'Finish the NPTEL course',
      category: 'CAREER',
    });
    const t1 = h.clock.now();
    let d = await h.must(h.sessionFor(t.s.id), 'goals:add-update', {
      goalId: g.id,
      note: 'Week 1 done',
      progressPct: 10,
    });
    expect(d).toMatchObject({ progressPct: 10, status: 'IN_PROGRESS' });
    h.clock.advance(60_000);
    d = await h.must(mentor(), 'goals:add-update', {
      goalId: g.id,
      note: 'Behind on assignments',
      progressPct: 25,
      status: 'AT_RISK',
    });
    expect(d).toMatchObject({ progressPct: 25, status: 'AT_RISK' });
    h.clock.advance(60_000);
    d = await h.must(mentor(), 'goals:add-update', {
      goalId: g.id,
      note: 'Caught up a bit',
      progressPct: 40,
    });
    expect(d).toMatchObject({ progressPct: 40, status: 'AT_RISK' });
    h.clock.advance(60_000);
    d = await h.must(h.sessionFor(t.s.id), 'goals:add-update', {
      goalId: g.id,
      note: 'Certificate received',
      progressPct: 70,
      status: 'COMPLETED',
    });
    expect(d).toMatchObject({ progressPct: 100, status: 'COMPLETED' });
    expect(d.updates.map((x) => [x.progressPct, x.status, x.notedByName])).toEqual([
      [100, 'COMPLETED', 'Student0 S0'],
      [40, 'AT_RISK', 'Mentor0 M0'],
      [25, 'AT_RISK', 'Mentor0 M0'],
      [10, 'IN_PROGRESS', 'Student0 S0'],
    ]);
    // A note written earlier (an offline laptop syncing late) is kept but is not the latest.
    const latest = h.clock.now();
    h.clock.set(t1);
    d = await h.must(h.sessionFor(t.s.id), 'goals:add-update', {
      goalId: g.id,
      note: 'Old note from the laptop',
      progressPct: 15,
    });
    expect(d).toMatchObject({ progressPct: 100, status: 'COMPLETED' });
    expect(d.updates).toHaveLength(5);
    h.clock.set(new Date(latest.getTime() + 60_000));
    expect(
      await h.call(h.sessionFor(t.s.id), 'goals:add-update', { goalId: g.id, note: 'x', progressPct: 101 }),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'progressPct', message: 'Progress is a whole number from 0 to 100.' }],
      },
    });
    expect(
      await h.call(h.sessionFor(t.other.id), 'goals:add-update', { goalId: g.id, note: 'x', progressPct: 1 }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const audits = await h.db.kysely
      .selectFrom('audit_logs')
      .select('entity')
      .where('entityId', '=', g.id)
      .execute();
    expect(audits.filter((a) => a.entity === 'goals')).toHaveLength(6);
  });

  it('risk: two AT_RISK goals (the default threshold) raise the student’s level; one back on track lowers it', async () => {
    const t = await setup();
    const level = async () =>
      (
        await h.db.kysely
          .selectFrom('student_profiles')
          .select('riskLevel')
          .where('userId', '=', t.s.id)
          .executeTakeFirstOrThrow()
      ).riskLevel;
    const g = await h.must(h.sessionFor(t.m.id), 'goals:create', {
      studentId: t.s.id,
      title: 'Attendance above 85%',
      category: 'BEHAVIORAL',
    });
    const g2 = await h.must(h.sessionFor(t.m.id), 'goals:create', {
      studentId: t.s.id,
      title: 'Finish the lab record',
      category: 'ACADEMIC',
    });
    await h.must(h.sessionFor(t.m.id), 'goals:add-update', {
      goalId: g.id,
      note: 'Missed a week',
      progressPct: 20,
      status: 'AT_RISK',
    });
    // One goal at risk is below the default threshold (two).
    expect(await level()).toBe('LOW');
    await h.must(h.sessionFor(t.m.id), 'goals:add-update', {
      goalId: g2.id,
      note: 'Two records missing',
      progressPct: 10,
      status: 'AT_RISK',
    });
    expect(await level()).toBe('MEDIUM');
    await h.must(h.sessionFor(t.m.id), 'goals:add-update', {
      goalId: g.id,
      note: 'Back on track',
      progressPct: 50,
      status: 'IN_PROGRESS',
    });
    expect(await level()).toBe('LOW');
  });

  it('update: title, category, description, target date (cleared or moved); audited', async () => {
    const t = await setup();
    const g = await h.must(h.sessionFor(t.s.id), 'goals:create', {
      title: 'Read 5 books',
      category: 'WELLNESS',
      targetDate: day(20),
    });
    const u1 = await h.must(h.sessionFor(t.m.id), 'goals:update', {
      id: g.id,
      title: 'Read 6 books',
      description: 'Any genre',
      targetDate: null,
    });
    expect(u1).toMatchObject({
      title: 'Read 6 books',
      description: 'Any genre',
      targetDate: null,
      category: 'WELLNESS',
    });
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState'])
      .where('entityId', '=', g.id)
      .where('action', '=', 'goals:update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeState!)).toEqual({
      title: 'Read 5 books',
      description: null,
      targetDate: `${day(20)}T00:00:00.000Z`,
    });
    expect(
      await h.call(h.sessionFor(t.s.id), 'goals:update', { id: g.id, targetDate: day(-2) }),
    ).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(await h.call(h.sessionFor(t.s.id), 'goals:update', { id: g.id })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    // An overdue goal keeps its (past) date when only the title changes.
    const old = await addGoal(h.db.kysely, {
      studentId: t.s.id,
      createdById: t.s.id,
      targetDate: at(h.clock.now(), -9),
      createdAt: at(h.clock.now(), -20),
    });
    const same = (await h.must(h.sessionFor(t.s.id), 'goals:get', { id: old })).targetDate!.slice(0, 10);
    expect(
      (await h.must(h.sessionFor(t.s.id), 'goals:update', { id: old, title: 'Renamed', targetDate: same }))
        .overdue,
    ).toBe(true);
  });

  it('targetDate order: dated by day then id, undated last (first descending); pages cut the same order', async () => {
    // The page is cut on (undated, targetDate, id) from an index walk of the students' goals
    // (migration 0013 on SQLite); every page of both lists must follow this order exactly.
    const t = await setup();
    const students = [t.s, t.other, t.u.students[2]!];
    const offsets = [-3, -3, null, 4, -1, null, -3, 4, -1];
    const statuses = ['NOT_STARTED', 'COMPLETED', 'AT_RISK'] as const;
    const goals: { id: string; date: string | null; overdue: boolean }[] = [];
    for (const [i, offset] of offsets.entries()) {
      const date = offset === null ? null : `${day(offset)}T00:00:00.000Z`;
      const status = statuses[i % 3]!;
      const id = await addGoal(h.db.kysely, {
        studentId: students[i % 3]!.id,
        createdById: t.m.id,
        status,
        targetDate: date,
        createdAt: at(h.clock.now(), -30),
      });
      // Ids descending in insertion order, so an order by rowid (insertion) would differ from one by id.
      const renamed = `goal-${String(offsets.length - i).padStart(2, '0')}-${id}`;
      await h.db.kysely.updateTable('goals').set({ id: renamed }).where('id', '=', id).execute();
      goals.push({ id: renamed, date, overdue: offset !== null && offset < 0 && status !== 'COMPLETED' });
    }
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const dated = goals.filter((g) => g.date);
    const undated = goals.filter((g) => !g.date).sort(byId);
    const asc = [...dated.sort((a, b) => a.date!.localeCompare(b.date!) || byId(a, b)), ...undated];
    const desc = [...undated, ...dated.sort((a, b) => b.date!.localeCompare(a.date!) || byId(a, b))];
    const admin = h.sessionFor(t.u.admin.id);
    const pages = async (call: 'goals:list' | 'goals:overdue', dir: 'asc' | 'desc') => {
      const ids: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = await h.must(admin, call, {
          departmentId: t.u.dept.id,
          sort: 'targetDate',
          dir,
          page,
          pageSize: 3,
        });
        ids.push(...r.rows.map((g) => g.id));
      }
      return ids;
    };
    expect(await pages('goals:list', 'asc')).toEqual(asc.map((g) => g.id));
    expect(await pages('goals:list', 'desc')).toEqual(desc.map((g) => g.id));
    expect(await pages('goals:overdue', 'asc')).toEqual(asc.filter((g) => g.overdue).map((g) => g.id));
    expect(await pages('goals:overdue', 'desc')).toEqual(desc.filter((g) => g.overdue).map((g) => g.id));
    expect((await h.must(admin, 'goals:overdue', { departmentId: t.u.dept.id })).total).toBe(
      goals.filter((g) => g.overdue).length,
    );
  });

  it('overdue: targetDate before today and not completed; list filters; scope of each role', async () => {
    const t = await setup();
    const mk = (targetOffsetDays: number | null, status?: 'COMPLETED' | 'IN_PROGRESS', studentId = t.s.id) =>
      addGoal(h.db.kysely, {
        studentId,
        createdById: t.m.id,
        status,
        targetDate: targetOffsetDays === null ? null : `${day(targetOffsetDays)}T00:00:00.000Z`,
        createdAt: at(h.clock.now(), -30),
      });
    const dueToday = await mk(0);
    const yesterday = await mk(-1);
    const doneLate = await mk(-1, 'COMPLETED');
    const noDate = await mk(null);
    const future = await mk(5, 'IN_PROGRESS');
    const otherStudent = await mk(-3, undefined, t.other.id);
    const endedMentee = await mk(-4, undefined, t.u.students[2]!.id);
    expect(today()).toBe(day(0));
    const admin = h.sessionFor(t.u.admin.id);
    const overdue = await h.must(admin, 'goals:overdue', { departmentId: t.u.dept.id });
    expect(overdue.rows.map((r) => r.id)).toEqual([endedMentee, otherStudent, yesterday]);
    expect(overdue.rows.every((r) => r.overdue)).toBe(true);
    const listed = await h.must(admin, 'goals:list', {
      studentId: t.s.id,
      overdue: false,
      sort: 'targetDate',
    });
    expect(listed.rows.map((r) => r.id)).toEqual([doneLate, dueToday, future, noDate]);
    expect(
      (await h.must(admin, 'goals:list', { studentId: t.s.id, status: 'COMPLETED' })).rows.map((r) => r.id),
    ).toEqual([doneLate]);
    const mine = await h.must(h.sessionFor(t.m.id), 'goals:overdue', {});
    expect(mine.rows.map((r) => r.id)).toEqual([yesterday]);
    expect((await h.must(h.sessionFor(t.m.id), 'goals:list', { mentorId: t.m.id })).total).toBe(5);
    expect((await h.must(h.sessionFor(t.s.id), 'goals:list', {})).total).toBe(5);
    expect(await h.call(h.sessionFor(t.s.id), 'goals:get', { id: otherStudent })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.call(h.sessionFor(t.m.id), 'goals:get', { id: endedMentee })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    // One day later the goal due "today" is overdue too.
    h.clock.advance(DAY);
    expect((await h.must(h.sessionFor(t.m.id), 'goals:overdue', {})).rows.map((r) => r.id)).toEqual([
      yesterday,
      dueToday,
    ]);
  });
});
