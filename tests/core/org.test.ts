import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addAssignment, type World } from './support/world.ts';

describe.each(DIALECTS)('institutions, departments, students and mentors on %s', (dialect) => {
  let h: Harness;
  let w: World;
  beforeEach(async () => {
    h = await makeHarness(dialect);
    w = h.world;
  });
  afterEach(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('institutions: super admin creates; codes unique; an institution admin edits its own, not the code', async () => {
    const sa = h.as('SUPER_ADMIN');
    const created = await h.must(sa, 'institutions:create', {
      name: 'National Institute of Science',
      code: 'nis',
      contactEmail: 'Office@NIS.edu',
      address: '  ',
    });
    expect(created).toMatchObject({
      code: 'NIS',
      contactEmail: 'office@nis.edu',
      address: null,
      departmentCount: 0,
    });
    expect(await h.call(sa, 'institutions:create', { name: 'Again', code: 'NIS' })).toMatchObject({
      error: { code: 'CONFLICT', issues: [{ path: 'code' }] },
    });
    const ia = h.as('INSTITUTION_ADMIN');
    expect((await h.must(ia, 'institutions:update', { id: w.inst.id, name: 'Renamed Institute' })).name).toBe(
      'Renamed Institute',
    );
    expect(await h.call(ia, 'institutions:update', { id: w.inst.id, code: 'NEW' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.call(ia, 'institutions:update', { id: w.inst.id })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    const list = await h.must(sa, 'institutions:list', { search: 'science' });
    expect(list.rows.map((r) => r.code)).toEqual(['NIS']);
    expect((await h.must(sa, 'institutions:list', { sort: 'code' })).total).toBe(3);
  });

  it('departments: created inside the own institution, code unique per institution', async () => {
    const ia = h.as('INSTITUTION_ADMIN');
    const d = await h.must(ia, 'departments:create', { name: 'Electronics', code: 'ece' });
    expect(d).toMatchObject({ institutionId: w.inst.id, code: 'ECE', mentorCount: 0, studentCount: 0 });
    expect(await h.call(ia, 'departments:create', { name: 'Electronics 2', code: 'ECE' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // The same code in another institution is fine.
    await h.must(h.as('SUPER_ADMIN'), 'departments:create', {
      institutionId: w.inst2.id,
      name: 'Electronics',
      code: 'ECE',
    });
    expect(
      await h.call(h.as('SUPER_ADMIN'), 'departments:create', { name: 'No inst', code: 'NI' }),
    ).toMatchObject({
      ok: true,
    });
    const listed = await h.must(ia, 'departments:list', { sort: 'name' });
    const mine = listed.rows.find((r) => r.id === w.dept.id)!;
    expect(mine.mentorCount).toBe(2);
    expect(mine.studentCount).toBe(3);
    expect((await h.must(ia, 'departments:update', { id: d.id, code: 'EC' })).code).toBe('EC');
    expect(await h.call(ia, 'departments:update', { id: d.id, code: w.dept.code })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('students:update-academics: ranges, two decimals, clearing, audited before/after', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const r = await h.must(s, 'students:update-academics', {
      id: w.student.id,
      gpa: 8.25,
      attendancePct: 67.5,
      program: 'B.Tech IT',
      yearOfStudy: 3,
    });
    expect(r).toMatchObject({ gpa: 8.25, attendancePct: 67.5, program: 'B.Tech IT', yearOfStudy: 3 });
    for (const bad of [
      { gpa: 10.5 },
      { gpa: -1 },
      { gpa: 7.123 },
      { attendancePct: 100.01 },
      { yearOfStudy: 0 },
      {},
    ]) {
      expect(
        await h.call(s, 'students:update-academics', { id: w.student.id, ...bad }),
        JSON.stringify(bad),
      ).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' },
      });
    }
    expect((await h.must(s, 'students:update-academics', { id: w.student.id, gpa: null })).gpa).toBeNull();
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState', 'entity'])
      .where('action', '=', 'students:update-academics')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.beforeState!)).toEqual({
      gpa: 7.5,
      attendancePct: 85,
      program: 'B.Tech CSE',
      yearOfStudy: 2,
    });
    expect(JSON.parse(audit[0]!.afterState!)).toEqual({
      gpa: 8.25,
      attendancePct: 67.5,
      program: 'B.Tech IT',
      yearOfStudy: 3,
    });
    expect(JSON.parse(audit[1]!.afterState!)).toEqual({ gpa: null });
  });

  it('students:list filters and sorts: program, year, risk, mentor, unassigned', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ riskLevel: 'HIGH', gpa: 5.5 })
      .where('userId', '=', w.unassigned.id)
      .execute();
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ riskLevel: 'MEDIUM', program: 'M.Tech', gpa: 9 })
      .where('userId', '=', w.endedStudent.id)
      .execute();
    const ids = async (input: Parameters<typeof h.must<'students:list'>>[2]) =>
      (await h.must(s, 'students:list', input)).rows.map((r) => r.id);
    expect(await ids({ unassigned: true, sort: 'name' })).toEqual([w.endedStudent.id, w.unassigned.id]);
    expect(await ids({ unassigned: false })).toEqual([w.student.id]);
    expect(await ids({ mentorId: w.mentor.id })).toEqual([w.student.id]);
    expect(await ids({ riskLevel: 'HIGH' })).toEqual([w.unassigned.id]);
    expect(await ids({ program: 'M.Tech' })).toEqual([w.endedStudent.id]);
    expect(await ids({ yearOfStudy: 3 })).toEqual([]);
    expect(await ids({ sort: 'riskLevel', dir: 'desc' })).toEqual([
      w.unassigned.id,
      w.endedStudent.id,
      w.student.id,
    ]);
    expect(await ids({ sort: 'gpa', dir: 'asc' })).toEqual([
      w.unassigned.id,
      w.student.id,
      w.endedStudent.id,
    ]);
    const page = await h.must(s, 'students:list', { pageSize: 2, page: 2, sort: 'name' });
    expect(page).toMatchObject({ total: 3 });
    expect(page.rows).toHaveLength(1);
  });

  it('mentors:list counts active mentees against maxMentees; hasCapacity filter', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    await h.db.kysely
      .updateTable('mentor_profiles')
      .set({ maxMentees: 1 })
      .where('userId', '=', w.mentor.id)
      .execute();
    const second = await makeUser(h.db.kysely, 'STUDENT', {
      institutionId: w.inst.id,
      departmentId: w.dept.id,
    });
    await addAssignment(h.db.kysely, {
      mentorId: w.otherMentor.id,
      studentId: second.id,
      departmentId: w.dept.id,
      assignedById: w.deptAdmin.id,
      status: 'PAUSED',
    });
    const rows = (await h.must(s, 'mentors:list', { sort: 'activeMentees', dir: 'desc' })).rows;
    expect(rows.map((r) => [r.id, r.activeMentees, r.pausedMentees, r.maxMentees])).toEqual([
      [w.mentor.id, 1, 0, 1],
      [w.otherMentor.id, 0, 1, 15],
    ]);
    expect((await h.must(s, 'mentors:list', { hasCapacity: true })).rows.map((r) => r.id)).toEqual([
      w.otherMentor.id,
    ]);
    expect((await h.must(s, 'mentors:list', { hasCapacity: false })).rows.map((r) => r.id)).toEqual([
      w.mentor.id,
    ]);
  });

  it('mentors:update-profile: admins edit; a mentor sets only its own availability', async () => {
    const admin = h.as('DEPARTMENT_ADMIN');
    const r = await h.must(admin, 'mentors:update-profile', {
      id: w.mentor.id,
      designation: 'Associate Professor',
      specialization: 'Machine learning',
      maxMentees: 20,
      capacityDefault: 12,
    });
    expect(r).toMatchObject({ designation: 'Associate Professor', maxMentees: 20, capacityDefault: 12 });
    const m = h.as('MENTOR');
    expect(
      (await h.must(m, 'mentors:update-profile', { id: w.mentor.id, availabilityStatus: 'UNAVAILABLE' }))
        .availabilityStatus,
    ).toBe('UNAVAILABLE');
    expect(await h.call(m, 'mentors:update-profile', { id: w.mentor.id, maxMentees: 99 })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.call(m, 'mentors:update-profile', { id: w.otherMentor.id, availabilityStatus: 'LIMITED' }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.call(admin, 'mentors:update-profile', { id: w.mentor.id, maxMentees: 501 })).toMatchObject(
      {
        error: { code: 'VALIDATION' },
      },
    );
  });
});
