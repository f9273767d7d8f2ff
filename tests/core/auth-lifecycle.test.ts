import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import type { World } from './support/world.ts';

// Account lifecycle through the admin calls, with real sign-ins and the manual clock. Complements
// tests/core/auth.test.ts (basic lockout, refusal messages, hand-inserted reset rows, admin and
// mentor idle locks): here the codes come from users:create / auth:issue-reset.

const HOUR = 3_600_000;
const MIN = 60_000;

describe.each(DIALECTS)('account lifecycle on %s', (dialect) => {
  let h: Harness;
  let w: World;
  // One database per dialect; each test works on its own accounts (fresh ones where passwords change).
  beforeAll(async () => {
    h = await makeHarness(dialect);
    w = h.world;
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => {
    expect(h.errors).toEqual([]);
  });
  const freshStudent = () =>
    makeUser(h.db.kysely, 'STUDENT', { departmentId: w.dept.id, institutionId: w.inst.id });

  const login = (email: string, password: string) =>
    h.call(h.sessionFor(null), 'auth:login', { email, password });

  it('invite → one-time code → choose a password → active; the code works once; lastLoginAt recorded', async () => {
    const office = h.as('DEPARTMENT_ADMIN');
    const created = await h.must(office, 'users:create', {
      email: 'meena.iyer@college.edu',
      firstName: 'Meena',
      lastName: 'Iyer',
      role: 'MENTOR',
    });
    expect(created.user.status).toBe('INVITED');
    // No password works before activation, not even an empty-looking guess of the placeholder.
    expect(await login('meena.iyer@college.edu', '!invited$')).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
    h.clock.advance(3 * HOUR);
    const anon = h.sessionFor(null);
    await h.must(anon, 'auth:reset-password', {
      email: 'meena.iyer@college.edu',
      token: created.resetCode!.toLowerCase(),
      newPassword: 'Mentor-Start-2026',
    });
    expect(
      await h.call(anon, 'auth:reset-password', {
        email: 'meena.iyer@college.edu',
        token: created.resetCode!,
        newPassword: 'Another-Try-2026',
      }),
    ).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/already been used/) } });
    h.clock.advance(MIN);
    const me = await login('meena.iyer@college.edu', 'Mentor-Start-2026');
    expect(me).toMatchObject({ ok: true, data: { user: { role: 'MENTOR' }, idleTimeoutMinutes: 240 } });
    const seen = await h.must(h.as('DEPARTMENT_ADMIN'), 'users:get', { id: created.user.id });
    expect(seen).toMatchObject({ status: 'ACTIVE', lastLoginAt: h.clock.now().toISOString() });
  });

  it('issued codes expire after 24 hours; a newer code replaces the older one', async () => {
    const student = await freshStudent();
    const office = h.as('INSTITUTION_ADMIN');
    const first = await h.must(office, 'auth:issue-reset', { userId: student.id });
    const second = await h.must(office, 'auth:issue-reset', { userId: student.id });
    const anon = h.sessionFor(null);
    const use = (token: string, newPassword: string) =>
      h.call(anon, 'auth:reset-password', { email: student.email, token, newPassword });
    expect(await use(first.code, 'Student-New-2026')).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    h.clock.advance(24 * HOUR - 1000);
    expect(await use(second.code, 'Student-New-2026')).toMatchObject({ ok: true });
    const third = await h.must(h.as('INSTITUTION_ADMIN'), 'auth:issue-reset', { userId: student.id });
    expect(third.expiresAt).toBe(new Date(h.clock.now().getTime() + 24 * HOUR).toISOString());
    h.clock.advance(24 * HOUR);
    expect(await use(third.code, 'Student-Later-2026')).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/expired/) },
    });
    expect(await login(student.email, 'Student-New-2026')).toMatchObject({ ok: true });
  });

  it('a code issued before the account was disabled cannot be used', async () => {
    const student = await freshStudent();
    const office = h.as('DEPARTMENT_ADMIN');
    const code = await h.must(office, 'auth:issue-reset', { userId: student.id });
    await h.must(office, 'users:set-status', { id: student.id, status: 'DISABLED' });
    expect(
      await h.call(h.sessionFor(null), 'auth:reset-password', {
        email: student.email,
        token: code.code,
        newPassword: 'Should-Not-Work-1',
      }),
    ).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/disabled/) } });
  });

  it('lockout is per account, resets on success, and an office-issued code unlocks', async () => {
    const a = await freshStudent();
    const b = await freshStudent();
    for (let i = 0; i < 4; i++) await login(a.email, 'wrong-password');
    expect(await login(a.email, a.password)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) await login(a.email, 'wrong-password');
    expect(await login(a.email, a.password)).toMatchObject({ ok: true }); // 4 + success + 4: not locked
    for (let i = 0; i < 5; i++) await login(a.email, 'wrong-password');
    expect(await login(a.email, a.password)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(await login(b.email, b.password)).toMatchObject({ ok: true });
    const code = await h.must(h.as('DEPARTMENT_ADMIN'), 'auth:issue-reset', { userId: a.id });
    await h.must(h.sessionFor(null), 'auth:reset-password', {
      email: a.email,
      token: code.code,
      newPassword: 'Unlocked-Again-26',
    });
    expect(await login(a.email, 'Unlocked-Again-26')).toMatchObject({ ok: true });
    const actions = await h.db.kysely
      .selectFrom('audit_logs')
      .select('action')
      .where('entityId', '=', a.id)
      .where('action', 'in', ['auth:login-failed', 'auth:login-locked'])
      .execute();
    expect(actions.filter((x) => x.action === 'auth:login-failed')).toHaveLength(13);
    expect(actions.filter((x) => x.action === 'auth:login-locked')).toHaveLength(1);
  });

  it('idle lock: 8 hours for students, 30 minutes for institution admins; activity keeps a session alive', async () => {
    const st = await h.must(h.sessionFor(null), 'auth:login', {
      email: w.student.email,
      password: w.student.password,
    });
    expect(st.idleTimeoutMinutes).toBe(480);
    const student = h.sessionFor(null);
    await h.must(student, 'auth:login', { email: w.student.email, password: w.student.password });
    const inst = h.sessionFor(null);
    await h.must(inst, 'auth:login', { email: w.instAdmin.email, password: w.instAdmin.password });
    for (let i = 0; i < 4; i++) {
      h.clock.advance(25 * MIN);
      expect(await h.call(inst, 'users:list', {}), `after ${(i + 1) * 25} min`).toMatchObject({ ok: true });
    }
    h.clock.advance(31 * MIN);
    expect(await h.call(inst, 'users:list', {})).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/30 minutes/) },
    });
    h.clock.advance(479 * MIN - 131 * MIN); // the student has now been idle for 479 minutes
    expect(await h.call(student, 'users:update-own-profile', { bio: 'still here' })).toMatchObject({
      ok: true,
    });
    h.clock.advance(481 * MIN);
    expect(await h.call(student, 'users:update-own-profile', { bio: 'gone' })).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/480 minutes/) },
    });
  });

  it('disabled while signed in: stopped at once, refused at sign-in with its own message, back when enabled', async () => {
    const mentor = h.sessionFor(null);
    await h.must(mentor, 'auth:login', { email: w.mentor.email, password: w.mentor.password });
    await h.must(h.as('DEPARTMENT_ADMIN'), 'users:set-status', { id: w.mentor.id, status: 'DISABLED' });
    expect(await h.call(mentor, 'students:list', {})).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(await login(w.mentor.email, w.mentor.password)).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/disabled/) },
    });
    await h.must(h.as('DEPARTMENT_ADMIN'), 'users:set-status', { id: w.mentor.id, status: 'ACTIVE' });
    expect(await login(w.mentor.email, w.mentor.password)).toMatchObject({ ok: true });
  });
});
