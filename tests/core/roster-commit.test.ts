import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { evaluateStudents } from '../../src/core/risk/engine.ts';
import { loadEvaluation, newStudentFacts } from '../../src/core/risk/facts.repo.ts';
import { DIALECTS } from '../helpers/db.ts';
import {
  asFile,
  auditOf,
  csvBytes,
  freshPlace,
  mentorIn,
  studentsOf,
  xlsxBytes,
  type Cell,
  type Place,
} from '../fixtures/roster/roster-calls.ts';
import { inTx } from './support/care.ts';
import { fingerprint, makeHarness, type Harness } from './support/harness.ts';

// roster:preview and roster:commit through dispatch, on SQLite and MariaDB: dry runs write nothing,
// skip-invalid imports exactly the valid rows, abort-on-error and mid-commit failures leave nothing,
// re-imports change only mapped fields, and every created or updated account is audited.

const HEADERS = ['Roll No', 'Student Name', 'Email ID', 'Mobile', 'Branch', 'Semester', 'CGPA', 'Att %'];

let serial = 0;

/**
 * Three valid rows and one invalid one, with roll numbers and emails of their own: roll numbers and
 * emails are unique across the database, and every test imports into a department of its own.
 */
function roster(): { good: Cell[][]; bad: Cell[][]; tag: string } {
  const t = `${String.fromCharCode(65 + (serial % 26))}${Math.floor(serial++ / 26)}`;
  const e = t.toLowerCase();
  return {
    tag: t,
    good: [
      [`00${t}123`, 'K. Ramesh', `ramesh.k.${e}@college.edu`, '98450 12345', 'B.Tech CSE', 3, 8.5, '82%'],
      [`21CS${t}424`, 'Priya Sharma', `priya.${e}@college.edu`, null, 'B.Tech CSE', 'III', '6.75', 91],
      [`21CS${t}425`, 'Anil Kumar', `anil.${e}@college.edu`, null, 'MCA', '2nd', 7.25, 88],
    ],
    bad: [[`21CS${t}426`, 'Meena', 'meena@college', null, 'MCA', 4, '12.5', 80]],
  };
}

describe.each(DIALECTS)('roster import through dispatch on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  const source = async (p: Place, rows: Cell[][], kind: 'students' | 'mentors' = 'students') => ({
    file: asFile('cse.xlsx', await xlsxBytes(HEADERS, rows, 'Dept of CSE – roster 2026')),
    kind,
    departmentId: p.deptId,
  });

  it('preview is a dry run: per-row action and problems, and nothing is written', async () => {
    const p = await freshPlace(h);
    const { good, bad, tag } = roster();
    const before = await fingerprint(h.db.kysely);
    const preview = await h.must(p.session, 'roster:preview', await source(p, [...good, ...bad]));
    expect(await fingerprint(h.db.kysely)).toEqual(before);
    expect(preview.headerRow).toBe(2);
    expect(preview.mappingSource).toBe('suggested');
    expect(preview.mapping).toMatchObject({ rollNumber: 'Roll No', fullName: 'Student Name', gpa: 'CGPA' });
    expect(preview.counts).toMatchObject({ rows: 4, valid: 3, rejected: 1, create: 3, update: 0 });
    expect(preview.rows.map((r) => [r.row, r.action])).toEqual([
      [3, 'create'],
      [4, 'create'],
      [5, 'create'],
      [6, 'rejected'],
    ]);
    expect(preview.rows[3]!.problems.map((x) => `${x.column}: ${x.message}`)).toEqual([
      'Email ID: Email "meena@college" is not a valid email address (it should look like name@college.edu).',
      'CGPA: GPA must be between 0 and 10; found 12.5.',
    ]);
    expect(preview.rows[0]!.cells[0]).toBe(`00${tag}123`);
  });

  it('skip-invalid imports only the valid rows: invited accounts, an audit row each, a summary, the mapping kept', async () => {
    const p = await freshPlace(h);
    const { good, bad, tag: t } = roster();
    h.clock.advance(60_000);
    const since = h.clock.now().toISOString();
    const r = await h.must(p.session, 'roster:commit', {
      ...(await source(p, [...good, ...bad])),
      mode: 'skip-invalid',
    });
    expect(r).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 1, assignmentsCreated: 0 });
    expect(r.errors.map((e) => e.row)).toEqual([6, 6]);
    const stored = await studentsOf(h.db.kysely, p.deptId);
    expect([...stored.keys()].sort()).toEqual([`00${t}123`, `21CS${t}424`, `21CS${t}425`]);
    const ramesh = stored.get(`00${t}123`)!;
    expect(ramesh).toMatchObject({
      email: `ramesh.k.${t.toLowerCase()}@college.edu`,
      status: 'INVITED',
      firstName: 'Ramesh',
      lastName: 'K.',
      phone: '9845012345',
      program: 'B.Tech CSE',
      yearOfStudy: 2,
      gpa: 8.5,
      attendancePct: 82,
      institutionId: p.institutionId,
    });
    expect(ramesh.passwordHash.startsWith('!invited$')).toBe(true);
    const audit = await auditOf(h.db.kysely, 'roster:commit', since);
    const perUser = audit.filter((a) => a.entity === 'users');
    expect(perUser.map((a) => a.entityId).sort()).toEqual([...stored.values()].map((s) => s.id).sort());
    expect(perUser.every((a) => a.userId === p.admin.id)).toBe(true);
    expect(audit.filter((a) => a.entity === 'departments')).toEqual([
      expect.objectContaining({
        entityId: p.deptId,
        after: expect.objectContaining({ kind: 'students', created: 3, skipped: 1, mode: 'skip-invalid' }),
      }),
    ]);
    const saved = await h.must(p.session, 'roster:get-mapping', { departmentId: p.deptId, kind: 'students' });
    expect(saved.mapping).toMatchObject({ rollNumber: 'Roll No', email: 'Email ID', attendancePct: 'Att %' });
    expect(h.errors).toEqual([]);
  });

  it('abort-on-error writes nothing when any row is invalid, and says how many rows to fix', async () => {
    const p = await freshPlace(h);
    const { good, bad } = roster();
    const before = await fingerprint(h.db.kysely);
    const r = await h.call(p.session, 'roster:commit', {
      ...(await source(p, [...good, ...bad])),
      mode: 'abort-on-error',
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('1 row has problems, so nothing was imported'),
      },
    });
    expect(!r.ok && r.error.issues?.map((i) => i.path)).toEqual(['row 6 · Email ID', 'row 6 · CGPA']);
    expect(await fingerprint(h.db.kysely)).toEqual(before);
    const ok = await h.must(p.session, 'roster:commit', {
      ...(await source(p, good)),
      mode: 'abort-on-error',
    });
    expect(ok.created).toBe(3);
  });

  it('a re-import changes only mapped fields, shows before → after, and re-runs risk for changed academics', async () => {
    const p = await freshPlace(h);
    const { good, tag: t } = roster();
    const e = t.toLowerCase();
    await h.must(p.session, 'roster:commit', { ...(await source(p, good)), mode: 'skip-invalid' });
    h.clock.advance(60_000);
    const since = h.clock.now().toISOString();
    const next = asFile(
      'marks.csv',
      csvBytes([
        ['Reg. No', 'Name', 'E-mail', 'CGPA'],
        [`00${t}123`, 'K. Ramesh', `ramesh.k.${e}@college.edu`, '4.5'],
        [`21cs${e}424`, 'Priya Sharma', `priya.sharma.${e}@college.edu`, '6.75'],
        [`21CS${t}425`, 'Anil Kumar', `anil.${e}@college.edu`, null],
      ]),
    );
    const input = { file: next, kind: 'students' as const, departmentId: p.deptId };
    const preview = await h.must(p.session, 'roster:preview', input);
    expect(
      preview.rows.map((r) => [r.action, r.changes.map((c) => `${c.label}: ${c.before} → ${c.after}`)]),
    ).toEqual([
      ['update', ['GPA: 8.5 → 4.5']],
      ['update', [`Email: priya.${e}@college.edu → priya.sharma.${e}@college.edu`]],
      ['unchanged', []],
    ]);
    const r = await h.must(p.session, 'roster:commit', { ...input, mode: 'abort-on-error' });
    expect(r).toMatchObject({ created: 0, updated: 2, unchanged: 1, riskEvaluated: 1 });
    const stored = await studentsOf(h.db.kysely, p.deptId);
    // Unmapped columns (phone, program, attendance) and the empty CGPA cell keep what was stored.
    expect(stored.get(`00${t}123`)).toMatchObject({
      gpa: 4.5,
      phone: '9845012345',
      attendancePct: 82,
      riskLevel: 'HIGH',
    });
    expect(stored.get(`21CS${t}425`)).toMatchObject({ gpa: 7.25, program: 'MCA' });
    expect(stored.get(`21CS${t}424`)!.email).toBe(`priya.sharma.${e}@college.edu`);
    const alerts = await h.db.kysely
      .selectFrom('alerts')
      .select(['category', 'severity'])
      .where('studentId', '=', stored.get(`00${t}123`)!.id)
      .execute();
    expect(alerts).toEqual([{ category: 'GPA', severity: 'CRITICAL' }]);
    const audit = (await auditOf(h.db.kysely, 'roster:commit', since)).filter((a) => a.entity === 'users');
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [{ gpa: 8.5 }, { gpa: 4.5, rosterRow: 2 }],
      [{ email: `priya.${e}@college.edu` }, { email: `priya.sharma.${e}@college.edu`, rosterRow: 3 }],
    ]);
  });

  it('mentor rosters create mentor accounts with profiles and update them by email', async () => {
    const p = await freshPlace(h);
    const file = (rows: Cell[][]) =>
      asFile(
        'faculty.csv',
        csvBytes([['Faculty Name', 'Email', 'Designation', 'Specialisation', 'Max Mentees'], ...rows]),
      );
    const first = await h.must(p.session, 'roster:commit', {
      file: file([
        ['Dr. Kavya Menon', 'kavya@college.edu', 'Associate Professor', 'Machine Learning', 12],
        ['Suresh Pillai', 'suresh@college.edu', 'Assistant Professor', null, null],
        ['Nobody', 'nobody', null, null, null],
      ]),
      kind: 'mentors',
      departmentId: p.deptId,
      mode: 'skip-invalid',
    });
    expect(first).toMatchObject({ created: 2, skipped: 1 });
    const mentors = await h.db.kysely
      .selectFrom('users as u')
      .innerJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
      .innerJoin('user_profiles as p', 'p.userId', 'u.id')
      .innerJoin('roles as r', 'r.id', 'u.roleId')
      .select(['u.email', 'r.name', 'u.status', 'p.title', 'p.firstName', 'mp.designation', 'mp.maxMentees'])
      .where('u.departmentId', '=', p.deptId)
      .orderBy('u.email')
      .execute();
    expect(mentors).toEqual([
      expect.objectContaining({
        email: 'kavya@college.edu',
        name: 'MENTOR',
        status: 'INVITED',
        title: 'Dr.',
        firstName: 'Kavya',
        maxMentees: 12,
      }),
      expect.objectContaining({
        email: 'suresh@college.edu',
        designation: 'Assistant Professor',
        maxMentees: 15,
      }),
    ]);
    const second = await h.must(p.session, 'roster:commit', {
      file: file([['Dr. Kavya Menon', 'KAVYA@college.edu', 'Professor', 'Machine Learning', 12]]),
      kind: 'mentors',
      departmentId: p.deptId,
      mode: 'abort-on-error',
    });
    expect(second).toMatchObject({ created: 0, updated: 1 });
    const kavya = await h.db.kysely
      .selectFrom('users as u')
      .innerJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
      .select(['mp.designation', 'mp.specialization', 'mp.maxMentees'])
      .where('u.email', '=', 'kavya@college.edu')
      .executeTakeFirstOrThrow();
    expect(kavya).toEqual({ designation: 'Professor', specialization: 'Machine Learning', maxMentees: 12 });
  });

  it('the mentor column pairs students with active mentors of the department within maxMentees', async () => {
    const p = await freshPlace(h);
    const rao = await mentorIn(h.db.kysely, p, {
      email: `rao.${uuidv7().slice(-6)}@college.edu`,
      maxMentees: 1,
    });
    const invited = await mentorIn(h.db.kysely, p, { status: 'INVITED' });
    const file = asFile(
      'with-mentors.csv',
      csvBytes([
        ['Roll No', 'Name', 'Email', 'Mentor Email'],
        ['IT001', 'Asha Rao', 'asha.it@college.edu', rao.email],
        ['IT002', 'Vikram Iyer', 'vikram.it@college.edu', rao.email],
        ['IT003', 'Dev Nair', 'dev.it@college.edu', invited.email],
        ['IT004', 'Lata Das', 'lata.it@college.edu', null],
      ]),
    );
    const input = { file, kind: 'students' as const, departmentId: p.deptId };
    const preview = await h.must(p.session, 'roster:preview', input);
    expect(preview.counts).toMatchObject({ valid: 2, rejected: 2, assignments: 1 });
    expect(preview.rows.flatMap((r) => r.problems.map((x) => `${x.row}: ${x.message}`))).toEqual([
      `3: The mentor ${rao.email} already has 1 of 1 mentees. Raise the mentor's maximum, or choose another mentor.`,
      `4: The mentor ${invited.email} has not activated the account yet: only active mentors can take mentees.`,
    ]);
    const r = await h.must(p.session, 'roster:commit', { ...input, mode: 'skip-invalid' });
    expect(r).toMatchObject({ created: 2, assignmentsCreated: 1, skipped: 2 });
    const links = await h.db.kysely
      .selectFrom('mentor_assignments as a')
      .innerJoin('student_profiles as sp', 'sp.userId', 'a.studentId')
      .select(['sp.rollNumber', 'a.mentorId', 'a.status', 'a.assignedById', 'a.departmentId'])
      .where('a.departmentId', '=', p.deptId)
      .execute();
    expect(links).toEqual([
      {
        rollNumber: 'IT001',
        mentorId: rao.id,
        status: 'ACTIVE',
        assignedById: p.admin.id,
        departmentId: p.deptId,
      },
    ]);
    const notices = await h.db.kysely
      .selectFrom('notifications')
      .select('title')
      .where('userId', '=', rao.id)
      .execute();
    expect(notices).toEqual([{ title: 'New mentee: Asha Rao' }]);
    // Importing the same file again: Asha keeps her mentor (a note, no second assignment).
    const again = await h.must(p.session, 'roster:commit', { ...input, mode: 'skip-invalid' });
    expect(again).toMatchObject({ created: 0, assignmentsCreated: 0 });
    expect(again.notes).toContainEqual({ row: 2, message: 'Already mentored by Meera Rao.' });
  });

  it('the risk run of created students uses the facts it wrote: read back they are the same, and re-evaluating changes nothing', async () => {
    const p = await freshPlace(h);
    const mentor = await mentorIn(h.db.kysely, p, { email: `rk.${uuidv7().slice(-6)}@college.edu` });
    const file = asFile(
      'risk.csv',
      csvBytes([
        ['Roll No', 'Name', 'Email', 'CGPA', 'Att %', 'Mentor Email'],
        ['RK001', 'Asha Rao', 'asha.rk@college.edu', '4.5', '60', mentor.email],
        ['RK002', 'Dev Nair', 'dev.rk@college.edu', '5.55', null, null],
        ['RK003', 'Lata Das', 'lata.rk@college.edu', null, '95.25', null],
      ]),
    );
    const now = h.clock.now().toISOString();
    const input = {
      file,
      kind: 'students' as const,
      departmentId: p.deptId,
      mode: 'abort-on-error' as const,
    };
    const r = await h.must(p.session, 'roster:commit', input);
    expect(r).toMatchObject({ created: 3, assignmentsCreated: 1, riskEvaluated: 3 });
    const stored = await studentsOf(h.db.kysely, p.deptId);
    const written = [
      { roll: 'RK001', gpa: 4.5, attendancePct: 60, assignedAt: now },
      { roll: 'RK002', gpa: 5.55, attendancePct: null, assignedAt: null },
      { roll: 'RK003', gpa: null, attendancePct: 95.25, assignedAt: null },
    ].map(({ roll, ...w }) =>
      newStudentFacts({ studentId: stored.get(roll)!.id, departmentId: p.deptId, ...w }),
    );
    const ids = written.map((f) => f.studentId);
    // The stored level is the run's result; before it ran, it was the column's default (LOW).
    const read = (await loadEvaluation(h.db.kysely, ids, now)).facts.map((f) => ({ ...f, riskLevel: 'LOW' }));
    expect(read).toEqual(expect.arrayContaining(written));
    expect(read).toHaveLength(3);
    const again = await inTx(h.db.kysely, dialect, now, (ctx) => evaluateStudents(ctx, ids));
    expect(again).toMatchObject({
      evaluated: 3,
      changedLevels: 0,
      alertsRaised: 0,
      alertsUpdated: 0,
      alertsClosed: 0,
    });
    expect(again.levels).toEqual({ LOW: 1, MEDIUM: 1, HIGH: 1 });
  });

  it('a failure in the middle of the writes leaves nothing half-imported', async () => {
    const p = await freshPlace(h);
    const rows: Cell[][] = Array.from({ length: 600 }, (_, i) => [
      `MID${1000 + i}`,
      `Student ${i}`,
      `mid${i}@college.edu`,
    ]);
    const file = asFile('big.csv', csvBytes([['Roll No', 'Name', 'Email'], ...rows]));
    const before = await fingerprint(h.db.kysely);
    // The 501st account reuses an existing user's id: the second chunk of inserts fails after the
    // first 500 accounts were written inside the transaction.
    let n = 0;
    const ids = () => (++n === 501 ? h.world.student.id : uuidv7());
    const r = await h.core.dispatch(
      'roster:commit',
      { file, kind: 'students', departmentId: p.deptId, mode: 'skip-invalid' },
      p.session,
      { ids },
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('nothing was imported') },
    });
    expect(n).toBeGreaterThan(501);
    expect(await fingerprint(h.db.kysely)).toEqual(before);
    expect(await studentsOf(h.db.kysely, p.deptId)).toEqual(new Map());
  });
});
