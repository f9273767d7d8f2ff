import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { makeTestCore, type TestCore } from '../helpers/core.ts';
import { makeCast, makeUser } from '../fixtures/builders.ts';
import { CONTRACT } from '../../src/shared/contract/index.ts';
import { generateResetToken, hashResetToken } from '../../src/core/auth/reset-token.ts';

describe.each(DIALECTS)('auth and dispatch on %s', (dialect) => {
  let t: TestCore;
  beforeEach(async () => {
    t = await makeTestCore(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses unknown calls, bad input and anonymous callers with typed errors', async () => {
    const s = await t.session();
    expect(await t.core.dispatch('nope:nothing', {}, s)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.core.dispatch('__proto__', {}, s)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const bad = await t.core.dispatch('auth:login', { email: 'not-an-email', password: 3 }, s);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!bad.ok) expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['email', 'password']);
    const extra = await t.core.dispatch('auth:me', { sneaky: 1 }, s);
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call(s, 'auth:change-password', { currentPassword: 'a', newPassword: 'b' })).toMatchObject(
      {
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      },
    );
    expect(await t.core.dispatch('auth:me', {}, 'no-such-session')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('first-run setup creates the institution, department and a signed-in super admin exactly once', async () => {
    const s = await t.session();
    expect(await t.must(s, 'setup:status', {})).toEqual({ needsSetup: true });
    const weak = await t.call(s, 'setup:initialize', {
      institution: { name: 'Govt. Engineering College', code: 'gec' },
      department: { name: 'Computer Science', code: 'cse' },
      admin: { firstName: 'Meera', lastName: 'Pillai', email: 'Meera@GEC.edu', password: 'short' },
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'admin.password' }] },
    });
    const done = await t.must(s, 'setup:initialize', {
      institution: { name: 'Govt. Engineering College', code: 'gec' },
      department: { name: 'Computer Science', code: 'cse' },
      admin: {
        firstName: 'Meera',
        lastName: 'Pillai',
        email: 'Meera@GEC.edu',
        password: 'Mentoring-Office-2026',
      },
    });
    expect(done.user).toMatchObject({ email: 'meera@gec.edu', role: 'SUPER_ADMIN', firstName: 'Meera' });
    expect((await t.must(s, 'auth:me', {})).user?.email).toBe('meera@gec.edu');
    const inst = await t.db.kysely.selectFrom('institutions').selectAll().execute();
    expect(inst.map((i) => i.code)).toEqual(['GEC']);
    const again = await t.call(await t.session(), 'setup:initialize', {
      institution: { name: 'Other', code: 'oth' },
      department: { name: 'Other', code: 'oth' },
      admin: { firstName: 'X', lastName: 'Y', email: 'x@y.edu', password: 'Another-Long-Pass-1' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await t.must(s, 'setup:status', {})).toEqual({ needsSetup: false });
  });

  it('signs in, audits, updates lastLoginAt, and signs out', async () => {
    const cast = await makeCast(t.db.kysely);
    const s = await t.session();
    const r = await t.must(s, 'auth:login', {
      email: cast.mentor.email.toUpperCase(),
      password: cast.mentor.password,
    });
    expect(r).toMatchObject({ user: { id: cast.mentor.id, role: 'MENTOR' }, idleTimeoutMinutes: 240 });
    expect(JSON.stringify(r)).not.toContain('scrypt');
    const user = await t.db.kysely
      .selectFrom('users')
      .select(['lastLoginAt', 'passwordHash'])
      .where('id', '=', cast.mentor.id)
      .executeTakeFirstOrThrow();
    expect(user.lastLoginAt).toBe(t.clock.now().toISOString());
    expect(user.passwordHash).toMatch(/^scrypt\$N=32768,/); // cheap test hash upgraded on login
    expect(await t.must(s, 'auth:logout', {})).toEqual({ signedOut: true });
    expect((await t.must(s, 'auth:me', {})).user).toBeNull();
    const actions = await t.db.kysely
      .selectFrom('audit_logs')
      .select(['action', 'userId', 'userAgent'])
      .where('entityId', '=', cast.mentor.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['auth:login', 'auth:logout']);
    expect(actions[0]!.userAgent).toContain('SMMS/test');
  });

  it('gives one message for a wrong email and a wrong password, and audits both', async () => {
    const cast = await makeCast(t.db.kysely);
    const s = await t.session();
    const wrongPw = await t.call(s, 'auth:login', { email: cast.student.email, password: 'nope-nope-nope' });
    const wrongEmail = await t.call(s, 'auth:login', {
      email: 'ghost@test.smms',
      password: 'nope-nope-nope',
    });
    expect(wrongPw).toEqual(wrongEmail);
    expect(wrongPw).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const failed = await t.db.kysely
      .selectFrom('audit_logs')
      .select('action')
      .where('action', '=', 'auth:login-failed')
      .execute();
    expect(failed).toHaveLength(2);
  });

  it('locks an account after 5 failures for 15 minutes, then lets the right password in', async () => {
    const u = await makeUser(t.db.kysely, 'STUDENT');
    const s = await t.session();
    for (let i = 0; i < 4; i++) {
      expect(await t.call(s, 'auth:login', { email: u.email, password: 'wrong-wrong' })).toMatchObject({
        error: { code: 'UNAUTHENTICATED' },
      });
    }
    expect(await t.call(s, 'auth:login', { email: u.email, password: 'wrong-wrong' })).toMatchObject({
      error: { code: 'RATE_LIMITED' },
    });
    const locked = await t.call(s, 'auth:login', { email: u.email, password: u.password });
    expect(locked).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!locked.ok) expect(locked.error.message).toMatch(/try again in 15 minutes/);
    t.clock.advance(14 * 60_000);
    expect(await t.call(s, 'auth:login', { email: u.email, password: u.password })).toMatchObject({
      error: { code: 'RATE_LIMITED' },
    });
    t.clock.advance(60_001);
    expect(await t.call(s, 'auth:login', { email: u.email, password: u.password })).toMatchObject({
      ok: true,
    });
  });

  it('refuses DISABLED and INVITED accounts with distinct messages, only after a correct password', async () => {
    const inst = await makeCast(t.db.kysely);
    const disabled = await makeUser(t.db.kysely, 'MENTOR', {
      status: 'DISABLED',
      departmentId: inst.dept.id,
    });
    const invited = await makeUser(t.db.kysely, 'STUDENT', { status: 'INVITED', departmentId: inst.dept.id });
    const s = await t.session();
    const d = await t.call(s, 'auth:login', { email: disabled.email, password: disabled.password });
    const i = await t.call(s, 'auth:login', { email: invited.email, password: invited.password });
    expect(d).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/disabled/) },
    });
    expect(i).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/not activated/) },
    });
    expect(await t.call(s, 'auth:login', { email: disabled.email, password: 'wrong-wrong' })).toMatchObject({
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('a user disabled while signed in is stopped on the next call', async () => {
    const cast = await makeCast(t.db.kysely);
    const s = await t.session(cast.mentor);
    await t.db.kysely
      .updateTable('users')
      .set({ status: 'DISABLED' })
      .where('id', '=', cast.mentor.id)
      .execute();
    expect(await t.call(s, 'auth:change-password', { currentPassword: 'x', newPassword: 'y' })).toMatchObject(
      {
        error: { code: 'UNAUTHENTICATED' },
      },
    );
  });

  it('locks idle sessions after the role timeout', async () => {
    const cast = await makeCast(t.db.kysely);
    const admin = await t.session(cast.deptAdmin);
    const mentor = await t.session(cast.mentor);
    t.clock.advance(29 * 60_000);
    expect((await t.must(admin, 'auth:me', {})).user).not.toBeNull();
    t.clock.advance(31 * 60_000);
    expect(
      await t.call(admin, 'auth:change-password', { currentPassword: 'x', newPassword: 'y' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/30 minutes without activity/) },
    });
    // The locked window is anonymous now; PUBLIC calls still answer (the renderer shows its lock screen).
    expect(await t.must(admin, 'auth:me', {})).toEqual({ user: null, idleTimeoutMinutes: null });
    expect((await t.must(mentor, 'auth:me', {})).user?.role).toBe('MENTOR');
    t.clock.advance(241 * 60_000);
    expect(
      await t.call(mentor, 'auth:change-password', { currentPassword: 'x', newPassword: 'y' }),
    ).toMatchObject({
      error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/240 minutes/) },
    });
  });

  it('changes the own password under the role policy', async () => {
    const cast = await makeCast(t.db.kysely);
    const s = await t.session(cast.deptAdmin);
    const short = await t.call(s, 'auth:change-password', {
      currentPassword: cast.deptAdmin.password,
      newPassword: 'Short-pass1',
    });
    expect(short).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'newPassword', message: 'Use at least 12 characters.' }],
      },
    });
    const common = await t.call(s, 'auth:change-password', {
      currentPassword: cast.deptAdmin.password,
      newPassword: 'password1234',
    });
    expect(common).toMatchObject({ error: { issues: [{ message: expect.stringMatching(/too common/) }] } });
    const wrong = await t.call(s, 'auth:change-password', {
      currentPassword: 'not-it',
      newPassword: 'Brand-New-Secret-77',
    });
    expect(wrong).toMatchObject({ error: { issues: [{ path: 'currentPassword' }] } });
    await t.must(s, 'auth:change-password', {
      currentPassword: cast.deptAdmin.password,
      newPassword: 'Brand-New-Secret-77',
    });
    const s2 = await t.session();
    expect(
      await t.call(s2, 'auth:login', { email: cast.deptAdmin.email, password: cast.deptAdmin.password }),
    ).toMatchObject({ ok: false });
    await t.must(s2, 'auth:login', { email: cast.deptAdmin.email, password: 'Brand-New-Secret-77' });
  });

  it('resets a password with a one-time code: activates INVITED, single use, 24 h expiry', async () => {
    const cast = await makeCast(t.db.kysely);
    const invited = await makeUser(t.db.kysely, 'STUDENT', { status: 'INVITED', departmentId: cast.dept.id });
    const token = generateResetToken();
    expect(token).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const issuedAt = t.clock.now();
    await t.db.kysely
      .insertInto('password_resets')
      .values({
        id: 'r1',
        userId: invited.id,
        tokenHash: hashResetToken(token),
        expiresAt: new Date(issuedAt.getTime() + 86_400_000).toISOString(),
        usedAt: null,
        createdAt: issuedAt.toISOString(),
      })
      .execute();
    const s = await t.session();
    const typed = token.toLowerCase().replace(/-/g, ' ');
    const bad = await t.call(s, 'auth:reset-password', {
      email: invited.email,
      token: 'AAAA-BBBB-CCCC-DDDD',
      newPassword: 'Fresh-Start-2026',
    });
    expect(bad).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    await t.must(s, 'auth:reset-password', {
      email: invited.email,
      token: typed,
      newPassword: 'Fresh-Start-2026',
    });
    const row = await t.db.kysely
      .selectFrom('users')
      .select('status')
      .where('id', '=', invited.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('ACTIVE');
    expect(
      await t.call(s, 'auth:reset-password', { email: invited.email, token, newPassword: 'Second-Try-2026' }),
    ).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/already been used/) },
    });
    await t.must(s, 'auth:login', { email: invited.email, password: 'Fresh-Start-2026' });

    const token2 = generateResetToken();
    await t.db.kysely
      .insertInto('password_resets')
      .values({
        id: 'r2',
        userId: invited.id,
        tokenHash: hashResetToken(token2),
        expiresAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(),
        usedAt: null,
        createdAt: t.clock.now().toISOString(),
      })
      .execute();
    t.clock.advance(86_400_000);
    expect(
      await t.call(s, 'auth:reset-password', {
        email: invited.email,
        token: token2,
        newPassword: 'Too-Late-2026x',
      }),
    ).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringMatching(/expired/) },
    });
  });

  it('turns unexpected errors into INTERNAL without internals', async () => {
    const s = await t.session();
    await t.db.kysely.schema.dropTable('password_resets').execute();
    const r = await t.call(s, 'auth:reset-password', { email: 'a@b.co', token: 'x', newPassword: 'y' });
    // unknown email fails before touching the dropped table; a known one hits it:
    const cast = await makeCast(t.db.kysely);
    const r2 = await t.call(s, 'auth:reset-password', {
      email: cast.student.email,
      token: 'x',
      newPassword: 'y',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(r2).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r2.ok) expect(r2.error.message).not.toMatch(/password_resets|SQL|no such table/i);
  });

  it('declares every call with a feature:verb name', () => {
    for (const name of Object.keys(CONTRACT)) expect(name).toMatch(/^[a-z-]+:[a-z-]+$/);
  });
});

describe('events published by services reach the shells only after commit', () => {
  it('delivers notifications:changed for a committed write and nothing for a failed one', async () => {
    const t = await makeTestCore('sqlite');
    try {
      const events: unknown[] = [];
      t.core.onEvent((e) => events.push(e));
      const cast = await makeCast(t.db.kysely);
      const hod = await t.session(cast.deptAdmin);
      const assign = { mentorId: cast.mentor.id, studentId: cast.student.id, departmentId: cast.dept.id };
      await t.must(hod, 'assignments:assign', assign);
      expect(events).toContainEqual({ type: 'notifications:changed', userId: cast.mentor.id });
      expect(events).toContainEqual({ type: 'notifications:changed', userId: cast.student.id });
      events.length = 0;
      expect(await t.call(hod, 'assignments:assign', assign)).toMatchObject({ ok: false });
      expect(events).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
