import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addSession, at, makeUnit, type Unit } from './support/mentoring-fixtures.ts';

// Assignment rules on both dialects: who may be paired, one ACTIVE assignment per student and
// department (also under a race), maxMentees and UNAVAILABLE with an audited override, the
// pause/resume/end/reassign life cycle, history, notes visibility and workload.

describe.each(DIALECTS)('assignments on %s', (dialect) => {
  let h: Harness;
  let u: Unit;
  let admin: string;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });
  const fresh = async (n: { mentors?: number; students?: number } = {}) => {
    u = await makeUnit(h.db.kysely, h.world.inst.id, n);
    admin = h.sessionFor(u.admin.id);
    return u;
  };
  const audits = (entityId: string) =>
    h.db.kysely
      .selectFrom('audit_logs')
      .select(['action', 'beforeState', 'afterState', 'userId'])
      .where('entity', '=', 'mentor_assignments')
      .where('entityId', '=', entityId)
      .orderBy('id')
      .execute();
  const notices = (userId: string) =>
    h.db.kysely
      .selectFrom('notifications')
      .select(['type', 'title', 'body'])
      .where('userId', '=', userId)
      .execute();
  const setMentor = (
    id: string,
    values: { maxMentees?: number; availabilityStatus?: 'AVAILABLE' | 'LIMITED' | 'UNAVAILABLE' },
  ) => h.db.kysely.updateTable('mentor_profiles').set(values).where('userId', '=', id).execute();

  it('assign: pairs active people of the department, audits, notifies both, keeps notes from the student', async () => {
    const { mentors, students, dept } = await fresh();
    const [m, s] = [mentors[0]!, students[0]!];
    const row = await h.must(admin, 'assignments:assign', {
      mentorId: m.id,
      studentId: s.id,
      notes: 'Hostel student; prefers mornings',
    });
    expect(row).toMatchObject({
      mentorId: m.id,
      studentId: s.id,
      departmentId: dept.id,
      status: 'ACTIVE',
      assignedById: u.admin.id,
      endedAt: null,
      notes: 'Hostel student; prefers mornings',
      mentorName: 'Mentor0 M0',
      studentName: 'Student0 S0',
    });
    const [a] = await audits(row.id);
    expect(a).toMatchObject({ action: 'assignments:assign', userId: u.admin.id, beforeState: null });
    expect(JSON.parse(a!.afterState!)).toMatchObject({ mentorId: m.id, studentId: s.id, status: 'ACTIVE' });
    expect(await notices(m.id)).toEqual([
      expect.objectContaining({ type: 'ASSIGNMENT', title: 'New mentee: Student0 S0' }),
    ]);
    expect(await notices(s.id)).toEqual([
      expect.objectContaining({ type: 'ASSIGNMENT', title: 'Your mentor: Mentor0 M0' }),
    ]);
    const asStudent = await h.must(h.sessionFor(s.id), 'assignments:list', {});
    expect(asStudent.rows).toEqual([expect.objectContaining({ id: row.id, notes: null })]);
    const asMentor = await h.must(h.sessionFor(m.id), 'assignments:list', {});
    expect(asMentor.rows[0]!.notes).toBe('Hostel student; prefers mornings');
  });

  it('assign: refuses wrong roles, inactive accounts, other departments and people outside scope', async () => {
    const { mentors, students, place } = await fresh();
    const disabled = await makeUser(h.db.kysely, 'STUDENT', { ...place, status: 'DISABLED' });
    const cases: [Record<string, string>, string, string][] = [
      [{ mentorId: students[1]!.id, studentId: students[0]!.id }, 'VALIDATION', 'is not a mentor account'],
      [{ mentorId: mentors[0]!.id, studentId: mentors[1]!.id }, 'VALIDATION', 'is not a student account'],
      [{ mentorId: mentors[0]!.id, studentId: disabled.id }, 'VALIDATION', 'account is disabled'],
      [{ mentorId: h.world.otherDeptMentor.id, studentId: students[0]!.id }, 'NOT_FOUND', 'not found'],
      [{ mentorId: mentors[0]!.id, studentId: h.world.inst2Student.id }, 'NOT_FOUND', 'not found'],
    ];
    for (const [input, code, words] of cases) {
      const r = await h.call(admin, 'assignments:assign', input as { mentorId: string; studentId: string });
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
      if (!r.ok) expect(r.error.message).toContain(words);
    }
    // An institution admin sees both departments: the mentor is found but belongs elsewhere.
    const ia = h.sessionFor(h.world.instAdmin.id);
    expect(
      await h.call(ia, 'assignments:assign', {
        mentorId: h.world.otherDeptMentor.id,
        studentId: students[0]!.id,
      }),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'mentorId', message: expect.stringContaining('another department') }],
      },
    });
    expect(
      await h.call(admin, 'assignments:assign', {
        mentorId: 'x',
        studentId: students[0]!.id,
        override: { reason: 'no' },
      }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'override.reason' }] },
    });
    expect(
      await h.db.kysely
        .selectFrom('mentor_assignments')
        .select('id')
        .where('departmentId', '=', u.dept.id)
        .execute(),
    ).toEqual([]);
  });

  it('a student has at most one ACTIVE assignment per department; a paused pairing is resumed, not duplicated', async () => {
    const { mentors, students } = await fresh();
    const first = await h.must(admin, 'assignments:assign', {
      mentorId: mentors[0]!.id,
      studentId: students[0]!.id,
    });
    const again = await h.call(admin, 'assignments:assign', {
      mentorId: mentors[1]!.id,
      studentId: students[0]!.id,
    });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('Use Reassign') },
    });
    await h.must(admin, 'assignments:pause', { id: first.id });
    expect(
      await h.call(admin, 'assignments:assign', { mentorId: mentors[0]!.id, studentId: students[0]!.id }),
    ).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('resume it instead') },
    });
    // With the first pairing paused, another mentor may take the student; resuming then clashes.
    const second = await h.must(admin, 'assignments:assign', {
      mentorId: mentors[1]!.id,
      studentId: students[0]!.id,
    });
    expect(await h.call(admin, 'assignments:resume', { id: first.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    await h.must(admin, 'assignments:end', { id: second.id });
    expect((await h.must(admin, 'assignments:resume', { id: first.id })).status).toBe('ACTIVE');
  });

  it('race: two assigns of one student in parallel → one succeeds, one CONFLICT, one ACTIVE row', async () => {
    const { mentors, students } = await fresh({ mentors: 2, students: 1 });
    const [s1, s2] = [h.sessionFor(u.admin.id), h.sessionFor(u.admin.id)];
    const results = await Promise.all([
      h.call(s1, 'assignments:assign', { mentorId: mentors[0]!.id, studentId: students[0]!.id }),
      h.call(s2, 'assignments:assign', { mentorId: mentors[1]!.id, studentId: students[0]!.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
    const rows = await h.db.kysely
      .selectFrom('mentor_assignments')
      .select('status')
      .where('studentId', '=', students[0]!.id)
      .execute();
    expect(rows).toEqual([{ status: 'ACTIVE' }]);
  });

  it('race: the last free place of a mentor goes to one of two parallel assigns', async () => {
    const { mentors, students } = await fresh({ mentors: 1, students: 2 });
    await setMentor(mentors[0]!.id, { maxMentees: 1 });
    const results = await Promise.all(
      students.map((s) =>
        h.call(h.sessionFor(u.admin.id), 'assignments:assign', { mentorId: mentors[0]!.id, studentId: s.id }),
      ),
    );
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('1 of 1') },
    });
  });

  it('maxMentees and UNAVAILABLE stop an assignment unless an admin overrides with a reason (audited)', async () => {
    const { mentors, students } = await fresh({ mentors: 2, students: 3 });
    const m = mentors[0]!;
    await setMentor(m.id, { maxMentees: 2 });
    for (const s of students.slice(0, 2))
      await h.must(admin, 'assignments:assign', { mentorId: m.id, studentId: s.id });
    const full = await h.call(admin, 'assignments:assign', { mentorId: m.id, studentId: students[2]!.id });
    expect(full).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Mentor0 M0 already has 2 of 2 mentees. Choose another mentor, or override with a reason.',
        issues: [{ path: 'override' }],
      },
    });
    const reason = 'Only faculty member who speaks Tamil';
    const over = await h.must(admin, 'assignments:assign', {
      mentorId: m.id,
      studentId: students[2]!.id,
      override: { reason },
    });
    const [a] = await audits(over.id);
    expect(JSON.parse(a!.afterState!).override).toEqual({
      reason,
      activeMentees: 2,
      maxMentees: 2,
      availabilityStatus: 'AVAILABLE',
    });
    const wl = await h.must(admin, 'assignments:workload', { departmentId: u.dept.id });
    expect(wl.rows.find((r) => r.mentorId === m.id)).toMatchObject({
      activeMentees: 3,
      maxMentees: 2,
      remaining: -1,
    });

    const away = mentors[1]!;
    await setMentor(away.id, { availabilityStatus: 'UNAVAILABLE' });
    const s4 = await makeUser(h.db.kysely, 'STUDENT', u.place);
    expect(await h.call(admin, 'assignments:assign', { mentorId: away.id, studentId: s4.id })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('is marked unavailable') },
    });
    const ok = await h.must(admin, 'assignments:assign', {
      mentorId: away.id,
      studentId: s4.id,
      override: { reason: 'Back from leave next week' },
    });
    expect(JSON.parse((await audits(ok.id))[0]!.afterState!).override).toMatchObject({
      availabilityStatus: 'UNAVAILABLE',
    });
    // Without a need to override, a given reason is not recorded as an override.
    const s5 = await makeUser(h.db.kysely, 'STUDENT', u.place);
    await setMentor(away.id, { availabilityStatus: 'AVAILABLE' });
    const plain = await h.must(admin, 'assignments:assign', {
      mentorId: away.id,
      studentId: s5.id,
      override: { reason: 'Just in case' },
    });
    expect(JSON.parse((await audits(plain.id))[0]!.afterState!)).not.toHaveProperty('override');
  });

  it('pause, resume, end: status rules, endedAt, scheduled sessions cancelled, notifications', async () => {
    const { mentors, students } = await fresh();
    const a = await h.must(admin, 'assignments:assign', {
      mentorId: mentors[0]!.id,
      studentId: students[0]!.id,
    });
    expect(await h.call(admin, 'assignments:resume', { id: a.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const paused = await h.must(admin, 'assignments:pause', { id: a.id, note: 'Semester exchange' });
    expect(paused.status).toBe('PAUSED');
    expect(paused.notes).toMatch(/^\d{4}-\d{2}-\d{2} Paused: Semester exchange$/);
    expect(await h.call(admin, 'assignments:pause', { id: a.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    await h.must(admin, 'assignments:resume', { id: a.id });
    const now = h.clock.now();
    const future = await addSession(h.db.kysely, {
      assignmentId: a.id,
      createdById: mentors[0]!.id,
      sessionDate: at(now, 3),
      status: 'SCHEDULED',
    });
    const done = await addSession(h.db.kysely, {
      assignmentId: a.id,
      createdById: mentors[0]!.id,
      sessionDate: at(now, -3),
    });
    expect(await h.call(admin, 'assignments:end', { id: a.id, endedAt: at(now, 1) })).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'endedAt' }] },
    });
    const ended = await h.must(admin, 'assignments:end', { id: a.id, note: 'Transferred to evening batch' });
    expect(ended).toMatchObject({ status: 'ENDED', endedAt: now.toISOString() });
    const statuses = await h.db.kysely
      .selectFrom('session_records')
      .select(['id', 'status', 'summary'])
      .where('assignmentId', '=', a.id)
      .orderBy('sessionDate')
      .execute();
    expect(statuses).toEqual([
      { id: done, status: 'COMPLETED', summary: null },
      { id: future, status: 'CANCELLED', summary: 'Cancelled: the mentoring assignment ended.' },
    ]);
    expect(await h.call(admin, 'assignments:end', { id: a.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect((await notices(students[0]!.id)).map((n) => n.title)).toEqual([
      'Your mentor: Mentor0 M0',
      'Mentoring paused',
      'Mentoring resumed',
      'Mentoring ended',
    ]);
    // The mentor keeps the history read-only: it still lists the ENDED assignment.
    const mine = await h.must(h.sessionFor(mentors[0]!.id), 'assignments:list', { status: 'ENDED' });
    expect(mine.rows.map((r) => r.id)).toEqual([a.id]);
  });

  it('reassign: ends the old, starts the new, keeps history; nothing changes when the new mentor is full', async () => {
    const { mentors, students } = await fresh({ mentors: 3, students: 1 });
    const s = students[0]!;
    const old = await h.must(admin, 'assignments:assign', { mentorId: mentors[0]!.id, studentId: s.id });
    expect(
      await h.call(admin, 'assignments:reassign', { id: old.id, mentorId: mentors[0]!.id }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'mentorId' }] },
    });
    await setMentor(mentors[2]!.id, { maxMentees: 0 });
    expect(
      await h.call(admin, 'assignments:reassign', { id: old.id, mentorId: mentors[2]!.id }),
    ).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(
      (await h.must(admin, 'assignments:history', { studentId: s.id })).rows.map((r) => r.status),
    ).toEqual(['ACTIVE']);

    h.clock.advance(60_000);
    const { ended, started } = await h.must(admin, 'assignments:reassign', {
      id: old.id,
      mentorId: mentors[1]!.id,
      note: 'Clash of timetables',
    });
    expect(ended).toMatchObject({ id: old.id, status: 'ENDED', endedAt: h.clock.now().toISOString() });
    expect(ended.notes).toContain('Ended: Reassigned to Mentor1 M1. Clash of timetables');
    expect(started).toMatchObject({ mentorId: mentors[1]!.id, studentId: s.id, status: 'ACTIVE' });
    const history = await h.must(admin, 'assignments:history', { studentId: s.id });
    expect(history.rows.map((r) => [r.mentorId, r.status])).toEqual([
      [mentors[1]!.id, 'ACTIVE'],
      [mentors[0]!.id, 'ENDED'],
    ]);
    expect(JSON.parse((await audits(started.id))[0]!.afterState!)).toMatchObject({ replaces: old.id });
    expect((await notices(mentors[0]!.id)).at(-1)!.title).toBe('Mentee moved: Student0 S0');
    expect((await notices(mentors[1]!.id)).at(-1)!.title).toBe('New mentee: Student0 S0');
    expect((await notices(s.id)).at(-1)!.title).toBe('Your new mentor: Mentor1 M1');
    // The old mentor sees only its own (ended) row of the student's history; the student sees both.
    expect(
      (await h.must(h.sessionFor(mentors[0]!.id), 'assignments:history', { studentId: s.id })).rows.map(
        (r) => r.id,
      ),
    ).toEqual([old.id]);
    expect((await h.must(h.sessionFor(s.id), 'assignments:history', { studentId: s.id })).rows).toHaveLength(
      2,
    );
  });

  it('update-notes, list filters and paging, scope of each role, workload', async () => {
    const { mentors, students } = await fresh({ mentors: 2, students: 3 });
    for (const [i, s] of students.entries())
      await h.must(admin, 'assignments:assign', { mentorId: mentors[i % 2]!.id, studentId: s.id });
    const all = await h.must(admin, 'assignments:list', {
      departmentId: u.dept.id,
      sort: 'student',
      dir: 'asc',
      pageSize: 2,
    });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.studentName)).toEqual(['Student0 S0', 'Student1 S1']);
    const page2 = await h.must(admin, 'assignments:list', {
      departmentId: u.dept.id,
      sort: 'student',
      dir: 'asc',
      pageSize: 2,
      page: 2,
    });
    expect(page2.rows.map((r) => r.studentName)).toEqual(['Student2 S2']);
    expect((await h.must(admin, 'assignments:list', { mentorId: mentors[1]!.id })).total).toBe(1);
    expect(
      (await h.must(admin, 'assignments:list', { departmentId: u.dept.id, search: 'student2' })).total,
    ).toBe(1);
    const noted = await h.must(admin, 'assignments:update-notes', {
      id: all.rows[0]!.id,
      notes: 'Needs a quiet room',
    });
    expect(noted.notes).toBe('Needs a quiet room');
    // Another department's admin sees none of it.
    expect(
      (await h.must(h.sessionFor(h.world.otherDeptAdmin.id), 'assignments:list', { departmentId: u.dept.id }))
        .total,
    ).toBe(0);
    expect(
      await h.call(h.sessionFor(h.world.otherDeptAdmin.id), 'assignments:update-notes', {
        id: noted.id,
        notes: 'x',
      }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    const mentorView = await h.must(h.sessionFor(mentors[0]!.id), 'assignments:workload', {});
    expect(mentorView.rows).toEqual([
      expect.objectContaining({ mentorId: mentors[0]!.id, activeMentees: 2, maxMentees: 15, remaining: 13 }),
    ]);
  });
});
