import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/demo/generate.ts';
import { setState } from '../../src/core/sync/local-state.ts';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeTestCore } from '../helpers/core.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// search:global stays inside the caller's scope and caps its list; setup:load-demo fills only an
// empty, standalone database and its accounts can sign in.

describe.each(DIALECTS)('search:global on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  const ids = async (role: Parameters<Harness['as']>[0], q: string): Promise<string[]> =>
    (await h.must(h.as(role), 'search:global', { q })).results.map((r) => r.id);

  it('finds a mentee for its mentor, and no other student', async () => {
    const w = h.world;
    const found = await ids('MENTOR', 'test student');
    expect(found).toContain(w.student.id);
    expect(found).not.toContain(w.otherDeptStudent.id);
    expect(found).not.toContain(w.inst2Student.id);
    expect(await ids('MENTOR', 'Una Signed'), 'unassigned students are not a mentor’s').toEqual([]);
  });

  it('gives a student its current mentor only', async () => {
    const w = h.world;
    const found = await ids('STUDENT', 'test');
    expect(found).toContain(w.mentor.id);
    expect(found).not.toContain(w.otherMentor.id);
    expect(found).not.toContain(w.unassigned.id);
  });

  it('lets the department office find anyone of the department by name or exact roll number', async () => {
    const w = h.world;
    const roll = await h.db.kysely
      .selectFrom('student_profiles')
      .select('rollNumber')
      .where('userId', '=', w.unassigned.id)
      .executeTakeFirstOrThrow();
    const byRoll = await h.must(h.as('DEPARTMENT_ADMIN'), 'search:global', {
      q: roll.rollNumber.toLowerCase(),
    });
    expect(byRoll.results[0]).toMatchObject({ kind: 'student', id: w.unassigned.id });
    const mentors = await ids('DEPARTMENT_ADMIN', 'other mentor');
    expect(mentors).toContain(w.otherMentor.id);
    expect(mentors).not.toContain(w.inst2Mentor.id);
    expect(await ids('DEPARTMENT_ADMIN', 'test student')).not.toContain(w.otherDeptStudent.id);
  });

  it('returns at most 20 and says when there were more', async () => {
    const at = { institutionId: h.world.inst.id, departmentId: h.world.dept.id };
    for (let i = 0; i < 22; i++) {
      await makeUser(h.db.kysely, 'STUDENT', { ...at, firstName: 'Zephyrine', lastName: `Many${i}` });
    }
    const r = await h.must(h.as('DEPARTMENT_ADMIN'), 'search:global', { q: 'zephyrine' });
    expect(r.results).toHaveLength(20);
    expect(r.truncated).toBe(true);
    const few = await h.must(h.as('DEPARTMENT_ADMIN'), 'search:global', { q: 'zephyrine many21' });
    expect(few).toMatchObject({ truncated: false, results: [{ name: 'Zephyrine Many21' }] });
  });

  it('refuses a one-letter search with a field message', async () => {
    const r = await h.call(h.as('MENTOR'), 'search:global', { q: 'a' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'q' }] } });
  });
});

describe('setup:load-demo', () => {
  it('fills an empty database with the small demo dated today; its accounts sign in; twice is refused', async () => {
    const t = await makeTestCore('sqlite');
    try {
      t.clock.set(new Date('2026-11-25T08:00:00.000Z'));
      const anon = await t.session();
      const r = await t.must(anon, 'setup:load-demo', {});
      expect(r.asOf).toBe('2026-11-25');
      expect(r.password).toBe(DEMO_PASSWORD);
      expect(r.accounts.map((a) => a.role)).toEqual([
        'SUPER_ADMIN',
        'INSTITUTION_ADMIN',
        'DEPARTMENT_ADMIN',
        'MENTOR',
        'STUDENT',
      ]);
      expect(r.counts.users).toBeGreaterThan(150);
      expect(await t.must(anon, 'setup:status', {})).toEqual({ needsSetup: false });
      const mentor = r.accounts.find((a) => a.role === 'MENTOR')!;
      const s = await t.session({ email: mentor.email, password: r.password });
      const mentees = await t.must(s, 'students:list', {});
      expect(mentees.total).toBeGreaterThan(0);
      const again = await t.call(anon, 'setup:load-demo', {});
      expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses a synced laptop’s database and leaves it empty', async () => {
    const t = await makeTestCore('sqlite');
    try {
      await setState(t.db.kysely, 'mode', 'synced');
      const r = await t.call(await t.session(), 'setup:load-demo', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const users = await t.db.kysely.selectFrom('users').select('id').execute();
      expect(users).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
