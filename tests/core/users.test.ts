import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashResetToken } from '../../src/core/auth/reset-token.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import type { World } from './support/world.ts';

describe.each(DIALECTS)('users on %s', (dialect) => {
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

  const student = (over: Record<string, unknown> = {}) => ({
    email: 'Asha.Rao@College.EDU',
    firstName: 'Asha',
    lastName: 'Rao',
    role: 'STUDENT' as const,
    student: { rollNumber: '21cs1001', program: 'B.Tech CSE', yearOfStudy: 2 },
    ...over,
  });

  it('invites a student: INVITED, one-time code returned once and stored only as a hash (24 h)', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const r = await h.must(s, 'users:create', student());
    expect(r.user).toMatchObject({
      email: 'asha.rao@college.edu',
      role: 'STUDENT',
      status: 'INVITED',
      departmentId: w.dept.id,
      institutionId: w.inst.id,
      student: { rollNumber: '21CS1001', yearOfStudy: 2, riskLevel: 'LOW' },
    });
    expect(r.resetCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(r.resetExpiresAt).toBe(new Date(h.clock.now().getTime() + 86_400_000).toISOString());
    const resets = await h.db.kysely
      .selectFrom('password_resets')
      .selectAll()
      .where('userId', '=', r.user.id)
      .execute();
    expect(resets).toHaveLength(1);
    expect(resets[0]!.tokenHash).toBe(hashResetToken(r.resetCode!));
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .selectAll()
      .where('entityId', '=', r.user.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['users:create']);
    expect(JSON.stringify(audit)).not.toContain(r.resetCode!);
    const hash = await h.db.kysely
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', r.user.id)
      .executeTakeFirstOrThrow();
    expect(hash.passwordHash).not.toMatch(/^scrypt\$/);
  });

  it('creates an ACTIVE account with an initial password under the role policy', async () => {
    const s = h.as('INSTITUTION_ADMIN');
    const weak = await h.call(s, 'users:create', {
      email: 'hod@college.edu',
      firstName: 'H',
      lastName: 'D',
      role: 'DEPARTMENT_ADMIN',
      departmentId: w.otherDept.id,
      initialPassword: 'Short-1234',
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'initialPassword' }] },
    });
    const r = await h.must(s, 'users:create', {
      email: 'hod@college.edu',
      firstName: 'H',
      lastName: 'D',
      role: 'DEPARTMENT_ADMIN',
      departmentId: w.otherDept.id,
      initialPassword: 'Head-Of-Dept-Pass-1',
    });
    expect(r.user.status).toBe('ACTIVE');
    expect(r.resetCode).toBeNull();
    const login = h.sessionFor(null);
    await h.must(login, 'auth:login', { email: 'hod@college.edu', password: 'Head-Of-Dept-Pass-1' });
  });

  it('grants only roles the actor may grant, in places the actor manages', async () => {
    const dept = h.as('DEPARTMENT_ADMIN');
    const inst = h.as('INSTITUTION_ADMIN');
    const base = { firstName: 'X', lastName: 'Y', departmentId: w.dept.id };
    expect(
      await h.call(dept, 'users:create', { ...base, email: 'a@x.edu', role: 'DEPARTMENT_ADMIN' }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await h.call(inst, 'users:create', { ...base, email: 'b@x.edu', role: 'SUPER_ADMIN' }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const m = await h.must(dept, 'users:create', {
      firstName: 'M',
      lastName: 'N',
      email: 'm@x.edu',
      role: 'MENTOR',
      mentor: { maxMentees: 8 },
    });
    expect(m.user).toMatchObject({
      departmentId: w.dept.id,
      mentor: { maxMentees: 8, availabilityStatus: 'AVAILABLE' },
    });
    expect(
      await h.call(inst, 'users:create', { firstName: 'M', lastName: 'N', email: 'n@x.edu', role: 'MENTOR' }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'departmentId' }] },
    });
    const ia = await h.must(inst, 'users:create', {
      firstName: 'I',
      lastName: 'A',
      email: 'ia@x.edu',
      role: 'INSTITUTION_ADMIN',
    });
    expect(ia.user).toMatchObject({ institutionId: w.inst.id, departmentId: null });
  });

  it('refuses duplicates and missing role details with field-level errors', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    await h.must(s, 'users:create', student());
    expect(
      await h.call(
        s,
        'users:create',
        student({ email: 'ASHA.RAO@college.edu', student: { rollNumber: 'X1' } }),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: 'email' }] },
    });
    expect(await h.call(s, 'users:create', student({ email: 'other@college.edu' }))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', issues: [{ path: 'student.rollNumber' }] },
    });
    expect(
      await h.call(s, 'users:create', student({ email: 'x2@college.edu', student: undefined })),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'student.rollNumber' }] },
    });
    expect(
      await h.call(s, 'users:create', { ...student({ email: 'x3@college.edu', role: 'MENTOR' }) }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'student' }] } });
  });

  it('updates profile and email; email stays unique', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const u = await h.must(s, 'users:update', {
      id: w.unassigned.id,
      firstName: 'Unni',
      email: 'Unni.K@College.edu',
      phone: '+91 98765 43210',
      bio: '',
    });
    expect(u).toMatchObject({
      firstName: 'Unni',
      email: 'unni.k@college.edu',
      phone: '+91 98765 43210',
      bio: null,
    });
    expect(await h.call(s, 'users:update', { id: w.unassigned.id })).toMatchObject({
      error: { code: 'VALIDATION', message: expect.any(String) },
    });
    expect(await h.call(s, 'users:update', { id: w.unassigned.id, email: w.mentor.email })).toMatchObject({
      error: { code: 'CONFLICT', issues: [{ path: 'email' }] },
    });
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState'])
      .where('action', '=', 'users:update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterState!)).toMatchObject({ firstName: 'Unni', email: 'unni.k@college.edu' });
    expect(JSON.parse(audit.beforeState!)).toMatchObject({ firstName: 'Una', email: w.unassigned.email });
  });

  it('changes roles only within what the actor may grant, never its own', async () => {
    const inst = h.as('INSTITUTION_ADMIN');
    const dept = h.as('DEPARTMENT_ADMIN');
    expect(
      await h.call(inst, 'users:update', { id: w.instAdmin.id, role: 'DEPARTMENT_ADMIN' }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/own role/) },
    });
    expect(
      await h.call(dept, 'users:update', { id: w.otherMentor.id, role: 'DEPARTMENT_ADMIN' }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.call(inst, 'users:update', { id: w.mentor.id, role: 'DEPARTMENT_ADMIN' })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/current mentees/) },
    });
    expect(await h.call(inst, 'users:update', { id: w.unassigned.id, role: 'MENTOR' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const promoted = await h.must(inst, 'users:update', { id: w.otherMentor.id, role: 'DEPARTMENT_ADMIN' });
    expect(promoted.role).toBe('DEPARTMENT_ADMIN');
    const back = await h.must(inst, 'users:update', { id: w.otherMentor.id, role: 'MENTOR' });
    expect(back.mentor).not.toBeNull();
    const moved = await h.must(inst, 'users:update', { id: w.otherMentor.id, departmentId: w.otherDept.id });
    expect(moved.departmentId).toBe(w.otherDept.id);
    expect(
      await h.call(inst, 'users:update', { id: w.mentor.id, departmentId: w.otherDept.id }),
    ).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await h.call(dept, 'users:update', { id: w.deptAdmin.id, phone: '1' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('disables and re-enables accounts; never your own; a disabled user is stopped at once', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const mentorSession = h.as('MENTOR');
    expect(await h.call(s, 'users:set-status', { id: w.deptAdmin.id, status: 'DISABLED' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect((await h.must(s, 'users:set-status', { id: w.mentor.id, status: 'DISABLED' })).status).toBe(
      'DISABLED',
    );
    expect(await h.call(mentorSession, 'auth:me', {})).toMatchObject({ ok: true, data: { user: null } });
    expect((await h.must(s, 'users:set-status', { id: w.mentor.id, status: 'ACTIVE' })).status).toBe(
      'ACTIVE',
    );
    const invited = await h.must(s, 'users:create', student());
    expect(await h.call(s, 'users:set-status', { id: invited.user.id, status: 'ACTIVE' })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/one-time code/) },
    });
    await h.must(s, 'users:set-status', { id: invited.user.id, status: 'DISABLED' });
    expect((await h.must(s, 'users:set-status', { id: invited.user.id, status: 'ACTIVE' })).status).toBe(
      'INVITED',
    );
    const otherAdmin = await makeUser(h.db.kysely, 'DEPARTMENT_ADMIN', {
      institutionId: w.inst.id,
      departmentId: w.dept.id,
    });
    expect(await h.call(s, 'users:set-status', { id: otherAdmin.id, status: 'DISABLED' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('own profile: everyone edits contact details; a student cannot set a title', async () => {
    const st = h.as('STUDENT');
    const me = await h.must(st, 'users:update-own-profile', {
      phone: '98450 12345',
      bio: 'Likes robotics',
      avatarUrl: 'https://x.edu/a.png',
    });
    expect(me).toMatchObject({
      id: w.student.id,
      phone: '98450 12345',
      bio: 'Likes robotics',
      avatarUrl: 'https://x.edu/a.png',
    });
    expect(await h.call(st, 'users:update-own-profile', { title: 'Dr.' })).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'title' }] },
    });
    expect(await h.call(st, 'users:update-own-profile', { avatarUrl: 'javascript:alert(1)' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect((await h.must(h.as('MENTOR'), 'users:update-own-profile', { title: 'Dr.' })).title).toBe('Dr.');
    // The audit keeps the changed fields only, before and after.
    await h.must(st, 'users:update-own-profile', { bio: 'Likes chess' });
    const audits = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['userId', 'beforeState', 'afterState'])
      .where('action', '=', 'users:update-own-profile')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => [JSON.parse(a.beforeState!), JSON.parse(a.afterState!)])).toEqual([
      [
        { phone: null, bio: null, avatarUrl: null },
        { phone: '98450 12345', bio: 'Likes robotics', avatarUrl: 'https://x.edu/a.png' },
      ],
      [{ title: null }, { title: 'Dr.' }],
      [{ bio: 'Likes robotics' }, { bio: 'Likes chess' }],
    ]);
  });

  it('issues reset codes: newest only, never for yourself or a disabled account', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    expect(await h.call(s, 'auth:issue-reset', { userId: w.deptAdmin.id })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const first = await h.must(s, 'auth:issue-reset', { userId: w.unassigned.id });
    const second = await h.must(s, 'auth:issue-reset', { userId: w.unassigned.id });
    expect(second.code).not.toBe(first.code);
    const rows = await h.db.kysely
      .selectFrom('password_resets')
      .select('tokenHash')
      .where('userId', '=', w.unassigned.id)
      .execute();
    expect(rows.map((r) => r.tokenHash)).toEqual([hashResetToken(second.code)]);
    await h.must(s, 'users:set-status', { id: w.unassigned.id, status: 'DISABLED' });
    expect(await h.call(s, 'auth:issue-reset', { userId: w.unassigned.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('lists users: search by name, email and roll number; filters; paging; whitelisted sorting', async () => {
    const s = h.as('SUPER_ADMIN');
    await h.must(s, 'users:update', { id: w.unassigned.id, firstName: 'Zoya', lastName: 'Khan' });
    expect((await h.must(s, 'users:list', { search: 'zoya kh' })).rows.map((r) => r.id)).toEqual([
      w.unassigned.id,
    ]);
    expect(
      (await h.must(s, 'users:list', { search: w.mentor.email.toUpperCase() })).rows.map((r) => r.id),
    ).toEqual([w.mentor.id]);
    const roll = (await h.must(s, 'students:get', { id: w.unassigned.id })).rollNumber;
    expect((await h.must(s, 'users:list', { search: roll.toLowerCase() })).rows.map((r) => r.id)).toEqual([
      w.unassigned.id,
    ]);
    expect((await h.must(s, 'users:list', { search: '%' })).total).toBe(0);
    expect((await h.must(s, 'users:list', { search: "' OR 1=1 --" })).total).toBe(0);
    const mentors = await h.must(s, 'users:list', { role: 'MENTOR', departmentId: w.dept.id, sort: 'email' });
    expect(mentors.rows.map((r) => r.id).sort()).toEqual([w.mentor.id, w.otherMentor.id].sort());
    const all = await h.must(s, 'users:list', { pageSize: 200 });
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 5); page++) {
      pages.push(
        ...(await h.must(s, 'users:list', { pageSize: 5, page, sort: 'createdAt', dir: 'desc' })).rows,
      );
    }
    expect(new Set(pages.map((r) => r.id)).size).toBe(all.total);
    expect(await h.call(s, 'users:list', { pageSize: 201 })).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(await h.call(s, 'users:list', { sort: 'passwordHash' as never })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    const byName = await h.must(s, 'users:list', { status: 'ACTIVE', sort: 'name', pageSize: 200 });
    const names = byName.rows.map((r) => r.lastName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });
});
