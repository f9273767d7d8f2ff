import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillTemplate, unknownPlaceholders } from '../../src/core/guardians/letter-fill.ts';
import { officeDb } from '../../src/core/db/office.tables.ts';
import { DIALECTS } from '../helpers/db.ts';
import { pdfFile, pdfText, savePage1Png } from '../reports/support/pdf.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { makeUnit } from './support/mentoring-fixtures.ts';

// Guardian contacts, the contact log and letters (issue 12 item 4) on both dialects: who may read
// and write (a mentor its current mentees, the HOD its department; students never, not even their
// own), follow-ups, template placeholders checked on save and filled on print.

describe('letter placeholders', () => {
  it('finds unknown names and fills known ones, spaces allowed', () => {
    expect(unknownPlaceholders('{{student.name}} {{ gpa }} {{student.dob}} {{x}}')).toEqual([
      'student.dob',
      'x',
    ]);
    const values = { 'student.name': 'Asha Rao', attendancePct: '68.5' } as Parameters<
      typeof fillTemplate
    >[1];
    expect(fillTemplate('{{ student.name }} has {{attendancePct}}% attendance.', values)).toBe(
      'Asha Rao has 68.5% attendance.',
    );
  });
});

describe.each(DIALECTS)('guardians on %s', (dialect) => {
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
    const [m, other] = [u.mentors[0]!, u.mentors[1]!];
    const [s, s2, ended] = [u.students[0]!, u.students[1]!, u.students[2]!];
    await u.link(m, s);
    await u.link(other, s2);
    await u.link(m, ended, 'ENDED');
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ attendancePct: 68.5, gpa: 6.25, program: 'B.Tech CSE', yearOfStudy: 2 })
      .where('userId', '=', s.id)
      .execute();
    return {
      u,
      m,
      other,
      s,
      s2,
      ended,
      mentor: h.sessionFor(m.id),
      hod: h.sessionFor(u.admin.id),
    };
  }

  it('a mentor keeps contacts and logs calls for its mentee; the HOD sees them; follow-ups close once', async () => {
    const t = await setup();
    const father = await h.must(t.mentor, 'guardians:save-contact', {
      studentId: t.s.id,
      name: 'Ramesh Kulkarni',
      relation: 'Father',
      phone: '+91 98450 12345',
      email: 'Ramesh.K@example.in',
    });
    expect(father).toMatchObject({ name: 'Ramesh Kulkarni', email: 'ramesh.k@example.in' });
    const entry = await h.must(t.mentor, 'guardians:log-contact', {
      studentId: t.s.id,
      guardianId: father.id,
      contactedAt: '2026-01-14T10:00:00.000Z',
      mode: 'PHONE',
      reason: 'Attendance below 75% in November',
      outcome: 'Father will meet the HOD on Monday',
      followUpOn: '2026-01-20',
    });
    expect(entry).toMatchObject({
      guardianName: 'Ramesh Kulkarni',
      followUpOn: '2026-01-19T18:30:00.000Z',
      followUpDoneAt: null,
      createdByName: 'Mentor0 M0',
    });
    const seen = await h.must(t.hod, 'guardians:list', { studentId: t.s.id });
    expect(seen.contacts.map((c) => c.name)).toEqual(['Ramesh Kulkarni']);
    expect(seen.log.map((l) => l.id)).toEqual([entry.id]);
    const done = await h.must(t.hod, 'guardians:complete-follow-up', { id: entry.id });
    expect(done.followUpDoneAt).toBe(h.clock.now().toISOString());
    h.clock.advance(1000);
    const again = await h.must(h.sessionFor(t.u.admin.id), 'guardians:complete-follow-up', { id: entry.id });
    expect(again.followUpDoneAt).toBe(done.followUpDoneAt);
    // Edit and delete; the log entry keeps its text without the contact.
    await h.must(t.mentor, 'guardians:save-contact', {
      id: father.id,
      studentId: t.s.id,
      name: 'Ramesh S. Kulkarni',
      relation: 'Father',
    });
    await h.must(t.mentor, 'guardians:delete-contact', { id: father.id });
    const after = await h.must(t.mentor, 'guardians:list', { studentId: t.s.id });
    expect(after.contacts).toEqual([]);
    expect(after.log[0]).toMatchObject({ reason: 'Attendance below 75% in November', guardianId: null });
  });

  it('students never see the log, not even their own; other mentors and ended pairings do not either', async () => {
    const t = await setup();
    await h.must(t.mentor, 'guardians:log-contact', {
      studentId: t.s.id,
      contactedAt: '2026-01-14T10:00:00.000Z',
      mode: 'IN_PERSON',
      reason: 'Fees overdue',
    });
    const student = await h.call(h.sessionFor(t.s.id), 'guardians:list', { studentId: t.s.id });
    expect(!student.ok && student.error.code).toBe('FORBIDDEN');
    const otherMentor = await h.call(h.sessionFor(t.other.id), 'guardians:list', { studentId: t.s.id });
    expect(!otherMentor.ok && otherMentor.error.code).toBe('NOT_FOUND');
    const ended = await h.call(t.mentor, 'guardians:log-contact', {
      studentId: t.ended.id,
      contactedAt: '2026-01-14T10:00:00.000Z',
      mode: 'PHONE',
      reason: 'x',
    });
    expect(!ended.ok && ended.error.code).toBe('NOT_FOUND');
    const foreignHod = await h.call(h.as('DEPARTMENT_ADMIN'), 'guardians:list', { studentId: t.s.id });
    expect(!foreignHod.ok && foreignHod.error.code).toBe('NOT_FOUND');
    // A guardian of another student cannot be attached to this one's log.
    const g2 = await h.must(h.sessionFor(t.other.id), 'guardians:save-contact', {
      studentId: t.s2.id,
      name: 'Meena Iyer',
      relation: 'Mother',
    });
    const mixed = await h.call(t.hod, 'guardians:log-contact', {
      studentId: t.s.id,
      guardianId: g2.id,
      contactedAt: '2026-01-14T10:00:00.000Z',
      mode: 'PHONE',
      reason: 'x',
    });
    expect(!mixed.ok && mixed.error.code).toBe('NOT_FOUND');
    // The SQL scope itself: the student's predicate matches no guardian row at all.
    const { scopeGuardianRows } = await import('../../src/core/scope/index.ts');
    const rows = await officeDb(h.db.kysely)
      .selectFrom('guardian_contact_log as l')
      .select('l.id')
      .where(
        scopeGuardianRows(
          { userId: t.s.id, email: '', role: 'STUDENT', institutionId: null, departmentId: t.u.dept.id },
          'l',
        ),
      )
      .execute();
    expect(rows).toEqual([]);
  });

  it('validation: a bad phone number and an empty reason are refused with clear messages', async () => {
    const t = await setup();
    const bad = await h.call(t.mentor, 'guardians:save-contact', {
      studentId: t.s.id,
      name: 'X',
      relation: 'Father',
      phone: 'call me',
    });
    expect(!bad.ok && bad.error.issues?.[0]?.message).toBe(
      'Enter a phone number (digits, spaces, + - and brackets).',
    );
    const empty = await h.call(t.mentor, 'guardians:log-contact', {
      studentId: t.s.id,
      contactedAt: '2026-01-14T10:00:00.000Z',
      mode: 'PHONE',
      reason: '  ',
    });
    expect(!empty.ok && empty.error.issues?.[0]?.message).toBe('Say why you contacted them.');
  });

  it('the HOD manages templates (placeholders checked); a mentor prints a filled letter', async () => {
    const t = await setup();
    const wrong = await h.call(t.hod, 'letters:save-template', {
      name: 'Attendance shortfall',
      subject: 'Attendance of {{student.name}}',
      body: 'Born {{student.dob}}',
    });
    expect(!wrong.ok && wrong.error.code).toBe('VALIDATION');
    expect(!wrong.ok && wrong.error.message).toContain('{{student.dob}}');
    const tpl = await h.must(t.hod, 'letters:save-template', {
      name: 'Attendance shortfall',
      subject: 'Attendance of {{student.name}} ({{student.rollNumber}})',
      body:
        'This is to inform you that {{student.name}} of {{student.program}}, year {{student.year}}, has an attendance of {{attendancePct}}% and a GPA of {{gpa}}.\n\n' +
        'Please meet the mentor, {{mentor.name}}, at the {{department.name}} office.',
    });
    const mentorTry = await h.call(t.mentor, 'letters:save-template', { name: 'x', subject: 'x', body: 'x' });
    expect(!mentorTry.ok && mentorTry.error.code).toBe('FORBIDDEN');
    expect((await h.must(t.mentor, 'letters:templates', {})).templates.map((x) => x.id)).toEqual([tpl.id]);
    await h.must(t.mentor, 'guardians:save-contact', {
      studentId: t.s.id,
      name: 'Sunita Kulkarni',
      relation: 'Mother',
    });
    const file = await h.must(t.mentor, 'letters:print', { templateId: tpl.id, studentId: t.s.id });
    const path = pdfFile(Buffer.from(file.pdfBase64, 'base64'));
    if (dialect === 'sqlite') savePage1Png(path, 'guardian-letter');
    // Paragraphs wrap: compare with the line breaks folded.
    const text = pdfText(path).replace(/\n/g, ' ');
    expect(text).toContain('Dear Sunita Kulkarni,');
    expect(text).toContain('Mother of Student0 S0');
    expect(text).toContain('has an attendance of 68.5% and a GPA of 6.25');
    expect(text).toContain('Please meet the mentor, Mentor0 M0, at the Unit under test office.');
    expect(text).not.toContain('{{');
    // Not for a student out of the mentor's scope.
    const foreign = await h.call(t.mentor, 'letters:print', { templateId: tpl.id, studentId: t.s2.id });
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND');
    await h.must(t.hod, 'letters:delete-template', { id: tpl.id });
    expect((await h.must(t.hod, 'letters:templates', {})).templates).toEqual([]);
  });
});
