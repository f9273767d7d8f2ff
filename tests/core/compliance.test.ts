import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { semesterOf } from '../../src/core/compliance/semester.ts';
import { DIALECTS } from '../helpers/db.ts';
import { pdfFile, pdfText, savePage1Png } from '../reports/support/pdf.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addSession, at, DAY, makeUnit } from './support/mentoring-fixtures.ts';

// Compliance against a department's norms (issue 12 item 3) on both dialects: the exact boundaries
// (4 meetings meet the default, 3 do not; 14 days without contact is within the HIGH-risk limit,
// 15 is not; 30 mentees is the maximum, 31 is over), scope, the PDF, and shortfall reminders that
// come once per shortfall and period however often the pass runs.

describe('semesterOf (Jan–Jun / Jul–Dec in IST)', () => {
  it('cuts at IST midnight on 1 January and 1 July', () => {
    expect(semesterOf('2026-06-30T18:29:59.999Z').label).toBe('2026 S1 (Jan–Jun)');
    expect(semesterOf('2026-06-30T18:30:00.000Z').label).toBe('2026 S2 (Jul–Dec)');
    expect(semesterOf('2025-12-31T18:30:00.000Z')).toEqual({
      label: '2026 S1 (Jan–Jun)',
      start: '2025-12-31T18:30:00.000Z',
      end: '2026-06-30T18:30:00.000Z',
    });
  });
});

describe.each(DIALECTS)('compliance on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  const NOW = '2026-05-20T06:00:00.000Z';
  const meet = (assignmentId: string, createdById: string, daysAgo: number, extra = {}) =>
    addSession(h.db.kysely, {
      assignmentId,
      createdById,
      sessionDate: at(new Date(NOW), -daysAgo),
      ...extra,
    });

  // A fresh session per call: the tests move the clock past the 30-minute idle lock.
  const hod = (t: { u: { admin: { id: string } } }) => h.sessionFor(t.u.admin.id);

  async function setup() {
    h.clock.set(NOW);
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 3 });
    const [m0, m1] = u.mentors as [(typeof u.mentors)[0], (typeof u.mentors)[0]];
    const [s0, s1, s2] = u.students as [
      (typeof u.students)[0],
      (typeof u.students)[0],
      (typeof u.students)[0],
    ];
    const a0 = await u.link(m0, s0);
    const a1 = await u.link(m0, s1);
    const a2 = await u.link(m1, s2);
    return { u, m0, m1, s0, s1, s2, a0, a1, a2 };
  }

  it('4 meetings meet the default norm, 3 are short by 1; absences, cancellations and last semester do not count', async () => {
    const t = await setup();
    for (const d of [10, 30, 60, 90]) await meet(t.a0, t.m0.id, d);
    for (const d of [5, 20, 40]) await meet(t.a1, t.m0.id, d);
    await meet(t.a1, t.m0.id, 8, { attendance: 'ABSENT' });
    await meet(t.a1, t.m0.id, 9, { status: 'CANCELLED' });
    await meet(t.a1, t.m0.id, 150); // 21 Dec 2025: the previous semester
    const sheet = await h.must(hod(t), 'compliance:sheet', {});
    expect(sheet.norms).toEqual({
      minMeetingsPerSemester: 4,
      maxMenteesPerMentor: 30,
      maxDaysWithoutContactHigh: 14,
    });
    expect(sheet.semester.label).toBe('2026 S1 (Jan–Jun)');
    const by = new Map(sheet.mentees.map((m) => [m.studentId, m]));
    expect(by.get(t.s0.id)).toMatchObject({ meetings: 4, meetingsShort: 0 });
    expect(by.get(t.s1.id)).toMatchObject({ meetings: 3, meetingsShort: 1 });
    expect(by.get(t.s2.id)).toMatchObject({ meetings: 0, meetingsShort: 4 });
    const m0 = sheet.mentors.find((m) => m.mentorId === t.m0.id)!;
    expect(m0).toMatchObject({ activeMentees: 2, menteesShort: 1, meetingsShort: 1, compliant: false });
    // One more meeting and the mentor meets the norm.
    await meet(t.a1, t.m0.id, 1);
    const again = await h.must(hod(t), 'compliance:sheet', {});
    expect(again.mentors.find((m) => m.mentorId === t.m0.id)).toMatchObject({
      menteesShort: 0,
      compliant: true,
    });
    // A department's own norm replaces the default.
    await h.must(hod(t), 'compliance:set-norms', {
      norms: { minMeetingsPerSemester: 5, maxMenteesPerMentor: 30, maxDaysWithoutContactHigh: 14 },
    });
    const stricter = await h.must(hod(t), 'compliance:sheet', {});
    expect(stricter.mentees.find((m) => m.studentId === t.s0.id)).toMatchObject({
      meetings: 4,
      meetingsShort: 1,
    });
    expect(await h.must(hod(t), 'compliance:get-norms', {})).toMatchObject({ isDefault: false });
  });

  it('HIGH risk: 14 days without contact is within the limit, 15 is one day over', async () => {
    const t = await setup();
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ riskLevel: 'HIGH' })
      .where('userId', '=', t.s2.id)
      .execute();
    await meet(t.a2, t.m1.id, 14);
    await meet(t.a2, t.m1.id, 40);
    const row = async () =>
      (await h.must(hod(t), 'compliance:sheet', {})).mentees.find((m) => m.studentId === t.s2.id)!;
    expect(await row()).toMatchObject({ daysWithoutContact: 14, contactOverdueBy: 0 });
    h.clock.advance(DAY - 1);
    expect(await row()).toMatchObject({ daysWithoutContact: 14, contactOverdueBy: 0 });
    h.clock.advance(1);
    expect(await row()).toMatchObject({ daysWithoutContact: 15, contactOverdueBy: 1 });
    const m1 = (await h.must(hod(t), 'compliance:sheet', {})).mentors.find((m) => m.mentorId === t.m1.id)!;
    expect(m1.highRiskOverdue).toBe(1);
    // Not HIGH risk: no contact clock at all.
    expect(
      (await h.must(hod(t), 'compliance:sheet', {})).mentees.find((m) => m.studentId === t.s0.id),
    ).toMatchObject({
      daysWithoutContact: null,
      contactOverdueBy: 0,
    });
  });

  it('mentees per mentor: the maximum is allowed, one more is over by 1; norms are validated', async () => {
    const t = await setup();
    const set = (maxMenteesPerMentor: number) =>
      h.call(hod(t), 'compliance:set-norms', {
        norms: { minMeetingsPerSemester: 4, maxMenteesPerMentor, maxDaysWithoutContactHigh: 14 },
      });
    expect((await set(2)).ok).toBe(true);
    let m0 = (await h.must(hod(t), 'compliance:sheet', {})).mentors.find((m) => m.mentorId === t.m0.id)!;
    expect(m0).toMatchObject({ activeMentees: 2, overLoadBy: 0 });
    expect((await set(1)).ok).toBe(true);
    m0 = (await h.must(hod(t), 'compliance:sheet', {})).mentors.find((m) => m.mentorId === t.m0.id)!;
    expect(m0).toMatchObject({ activeMentees: 2, overLoadBy: 1, compliant: false });
    const bad = await set(0);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('VALIDATION');
      expect(JSON.stringify(bad.error.issues)).toContain('Mentees per mentor: at least 1.');
    }
  });

  it('scope: a mentor gets its own mentees only; other departments and students are refused', async () => {
    const t = await setup();
    const mentor = h.sessionFor(t.m0.id);
    const own = await h.must(mentor, 'compliance:sheet', {});
    expect(own.mentees.map((m) => m.studentId).sort()).toEqual([t.s0.id, t.s1.id].sort());
    expect(own.mentors.map((m) => m.mentorId)).toEqual([t.m0.id]);
    const other = await h.call(mentor, 'compliance:sheet', { mentorId: t.m1.id });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
    const foreign = await h.call(h.as('DEPARTMENT_ADMIN'), 'compliance:sheet', { departmentId: t.u.dept.id });
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND');
    const student = await h.call(h.sessionFor(t.s0.id), 'compliance:sheet', {});
    expect(!student.ok && student.error.code).toBe('FORBIDDEN');
    const one = await h.must(hod(t), 'compliance:sheet', { mentorId: t.m1.id });
    expect(one.mentees.map((m) => m.studentId)).toEqual([t.s2.id]);
  });

  it('the PDF lists the shortfalls and carries the HOD sign-off line', async () => {
    const t = await setup();
    for (const d of [10, 30, 60, 90]) await meet(t.a0, t.m0.id, d);
    const file = await h.must(hod(t), 'compliance:pdf', {});
    const path = pdfFile(Buffer.from(file.pdfBase64, 'base64'));
    const text = pdfText(path);
    expect(text).toContain('Mentoring Compliance Sheet');
    expect(text).toContain('2026 S1 (Jan–Jun)');
    expect(text).toContain('Head of Department (signature)');
    expect(text).toContain('Student1 S1'); // short: 0 of 4
    expect(text).not.toContain('Student0 S0'); // meets the norm: not a shortfall
    expect(file.fileName).toMatch(/^compliance_.*\.pdf$/);
    if (dialect === 'sqlite') savePage1Png(path, 'compliance-sheet');
  });

  it('shortfalls feed the reminder pass once per period, not once per day', async () => {
    const t = await setup();
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ riskLevel: 'HIGH' })
      .where('userId', '=', t.s2.id)
      .execute();
    await meet(t.a2, t.m1.id, 20);
    for (const d of [10, 30, 60, 90]) await meet(t.a0, t.m0.id, d);
    const first = await h.must(hod(t), 'reminders:run', {});
    // s1 short (to m0), s2 short (to m1), s2 without contact for 20 days (to m1).
    expect(first.complianceReminders).toBe(3);
    expect((await h.must(hod(t), 'reminders:run', {})).complianceReminders).toBe(0);
    h.clock.advance(DAY);
    expect((await h.must(hod(t), 'reminders:run', {})).complianceReminders).toBe(0);
    const inbox = await h.must(h.sessionFor(t.m1.id), 'notifications:list', {});
    const titles = inbox.rows.map((r) => r.title);
    expect(titles).toContain('No contact with Student2 S2 for 20 days');
    expect(titles.filter((x) => x.startsWith('Meetings short with Student2 S2'))).toHaveLength(1);
    // Contact made, then a new lapse: a new reminder for the new lapse.
    await meet(t.a2, t.m1.id, 0);
    h.clock.advance(16 * DAY);
    expect((await h.must(hod(t), 'reminders:run', {})).complianceReminders).toBe(1);
  });

  it('before the semester midpoint, meeting shortfalls are not reminded', async () => {
    const t = await setup();
    h.clock.set('2026-02-10T06:00:00.000Z');
    const r = await h.must(hod(t), 'reminders:run', {});
    expect(r.complianceReminders).toBe(0);
  });
});
