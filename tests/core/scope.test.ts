import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { CASES } from './support/cases.ts';
import { assertNoSecrets, makeHarness, type Harness } from './support/harness.ts';
import type { World } from './support/world.ts';

// Scope through the calls (ROLES.md): lists return only rows in scope, gets outside scope answer
// NOT_FOUND (never "forbidden", which would confirm the row exists), writes outside scope too.

describe.each(DIALECTS)('scope through the calls on %s', (dialect) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await makeHarness(dialect);
    w = h.world;
  });
  afterAll(async () => {
    await h.close();
  });

  const notFound = { ok: false, error: { code: 'NOT_FOUND' } };

  it("a mentor's students:list returns only its current mentees", async () => {
    const s = h.as('MENTOR');
    const page = await h.must(s, 'students:list', { pageSize: 200 });
    expect(page.rows.map((r) => r.id)).toEqual([w.student.id]);
    expect(page.total).toBe(1);
    expect(page.rows[0]!.mentors).toEqual([
      { id: w.mentor.id, firstName: 'Test', lastName: 'MENTOR', assignmentStatus: 'ACTIVE' },
    ]);
    expect(await h.must(s, 'students:list', { unassigned: true })).toEqual({ rows: [], total: 0 });
    expect(await h.must(s, 'students:list', { mentorId: w.otherDeptMentor.id })).toEqual({
      rows: [],
      total: 0,
    });
    for (const id of [w.unassigned.id, w.endedStudent.id, w.otherDeptStudent.id, w.inst2Student.id]) {
      expect(await h.call(s, 'students:get', { id })).toMatchObject(notFound);
      expect(await h.call(s, 'users:get', { id })).toMatchObject(notFound);
    }
    expect((await h.must(s, 'students:get', { id: w.student.id })).rollNumber).toMatch(/^R/);
    const mentors = await h.must(s, 'mentors:list', {});
    expect(mentors.rows.map((r) => r.id)).toEqual([w.mentor.id]);
  });

  it('a student sees itself and its current mentor, nobody else', async () => {
    const s = h.as('STUDENT');
    expect((await h.must(s, 'users:get', { id: w.mentor.id })).mentor).toMatchObject({
      designation: 'Assistant Professor',
    });
    expect(await h.call(s, 'users:get', { id: w.otherMentor.id })).toMatchObject(notFound);
    expect(await h.call(s, 'users:get', { id: w.unassigned.id })).toMatchObject(notFound);
    expect(await h.call(s, 'students:get', { id: w.unassigned.id })).toMatchObject(notFound);
    expect((await h.must(s, 'mentors:list', {})).rows.map((r) => r.id)).toEqual([w.mentor.id]);
    expect((await h.must(s, 'users:get', { id: w.student.id })).student?.rollNumber).toBeDefined();
  });

  it('a DEPARTMENT_ADMIN never sees another department (lists, gets, writes)', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const users = await h.must(s, 'users:list', { pageSize: 200 });
    expect(users.rows.length).toBe(users.total);
    for (const u of users.rows) expect(u.departmentId).toBe(w.dept.id);
    const ids = users.rows.map((u) => u.id);
    expect(ids).not.toContain(w.superAdmin.id);
    expect(ids).not.toContain(w.instAdmin.id);
    expect(ids).toEqual(expect.arrayContaining([w.mentor.id, w.otherMentor.id, w.unassigned.id]));
    const students = await h.must(s, 'students:list', { pageSize: 200 });
    expect(students.rows.every((r) => r.departmentId === w.dept.id)).toBe(true);
    expect(await h.must(s, 'students:list', { departmentId: w.otherDept.id })).toEqual({
      rows: [],
      total: 0,
    });
    expect((await h.must(s, 'mentors:list', {})).rows.every((r) => r.departmentId === w.dept.id)).toBe(true);
    expect((await h.must(s, 'departments:list', {})).rows.map((d) => d.id)).toEqual([w.dept.id]);
    const other = w.otherDeptStudent.id;
    expect(await h.call(s, 'users:get', { id: other })).toMatchObject(notFound);
    expect(await h.call(s, 'students:get', { id: other })).toMatchObject(notFound);
    expect(await h.call(s, 'users:update', { id: other, firstName: 'X' })).toMatchObject(notFound);
    expect(await h.call(s, 'users:set-status', { id: other, status: 'DISABLED' })).toMatchObject(notFound);
    expect(await h.call(s, 'students:update-academics', { id: other, gpa: 1 })).toMatchObject(notFound);
    expect(await h.call(s, 'auth:issue-reset', { userId: other })).toMatchObject(notFound);
    expect(
      await h.call(s, 'mentors:update-profile', { id: w.otherDeptMentor.id, maxMentees: 1 }),
    ).toMatchObject(notFound);
    expect(
      await h.call(s, 'users:create', {
        email: 'sneak@test.smms',
        firstName: 'S',
        lastName: 'N',
        role: 'MENTOR',
        departmentId: w.otherDept.id,
      }),
    ).toMatchObject(notFound);
  });

  it('an INSTITUTION_ADMIN never sees another institution, nor the super admin', async () => {
    const s = h.as('INSTITUTION_ADMIN');
    const users = await h.must(s, 'users:list', { pageSize: 200 });
    expect(users.rows.every((u) => u.institutionId === w.inst.id)).toBe(true);
    expect(users.rows.map((u) => u.role)).not.toContain('SUPER_ADMIN');
    expect((await h.must(s, 'institutions:list', {})).rows.map((i) => i.id)).toEqual([w.inst.id]);
    const depts = (await h.must(s, 'departments:list', {})).rows.map((d) => d.id).sort();
    expect(depts).toEqual([w.dept.id, w.otherDept.id].sort());
    const students = await h.must(s, 'students:list', { pageSize: 200 });
    expect(students.rows.map((r) => r.id)).not.toContain(w.inst2Student.id);
    expect(students.rows.map((r) => r.id)).toContain(w.otherDeptStudent.id);
    expect(await h.call(s, 'users:get', { id: w.inst2Student.id })).toMatchObject(notFound);
    expect(await h.call(s, 'users:get', { id: w.superAdmin.id })).toMatchObject(notFound);
    expect(await h.call(s, 'departments:update', { id: w.dept2.id, name: 'Mine now' })).toMatchObject(
      notFound,
    );
    expect(await h.call(s, 'institutions:update', { id: w.inst2.id, name: 'Mine now' })).toMatchObject(
      notFound,
    );
    expect(
      await h.call(s, 'departments:create', { institutionId: w.inst2.id, name: 'Sneaky', code: 'SNK' }),
    ).toMatchObject(notFound);
  });

  it('no call output ever carries password hash material (every call, every role, scoped ids)', async () => {
    // Targeted inputs aimed at the mentee and the mentor, plus every matrix case.
    const targeted: [CallName, unknown][] = [
      ['users:get', { id: w.student.id }],
      ['users:get', { id: w.mentor.id }],
      ['students:get', { id: w.student.id }],
      ['users:list', { search: 'test', pageSize: 200 }],
      ['students:list', { pageSize: 200 }],
      ['mentors:list', { pageSize: 200 }],
      ['audit:list', { pageSize: 200 }],
      ['auth:me', {}],
    ];
    let okResults = 0;
    for (const role of [
      'SUPER_ADMIN',
      'INSTITUTION_ADMIN',
      'DEPARTMENT_ADMIN',
      'MENTOR',
      'STUDENT',
    ] as const) {
      for (const [call, input] of targeted) {
        const r = await h.core.dispatch(call, input, h.as(role));
        assertNoSecrets(r);
        if (r.ok) okResults++;
      }
      for (const call of Object.keys(CONTRACT) as CallName[]) {
        const c = CASES[call]!;
        if (c.actor) continue; // sign-in cases run in the matrix test, with their own accounts
        const r = await h.core.dispatch(call, await c.input({ h, w, role }), h.as(role));
        assertNoSecrets(r);
        if (r.ok) okResults++;
      }
    }
    expect(okResults).toBeGreaterThan(60);
    expect(() => assertNoSecrets({ a: [{ passwordHash: 'x' }] })).toThrow();
    expect(() => assertNoSecrets({ a: 'scrypt$N=1,r=8,p=1$aa$bb' })).toThrow();
  });
});
