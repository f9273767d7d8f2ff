import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  capacityFor,
  matches,
  planAutoAssign,
  type PlanMentor,
  type PlanStudent,
} from '../../src/core/assignments/auto-assign.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { makeUnit } from './support/mentoring-fixtures.ts';

// Bulk auto-assign: the pure planner (balance, capacity, availability, specialization, determinism)
// and the preview → commit round trip through dispatch, including a student assigned meanwhile.

const student = (i: number, program = 'B.Tech CSE'): PlanStudent => ({
  id: `s${String(i).padStart(3, '0')}`,
  name: `Student ${i}`,
  rollNumber: `21CS${String(1000 + i)}`,
  program,
});
const mentor = (id: string, over: Partial<PlanMentor> = {}): PlanMentor => ({
  id,
  name: `Mentor ${id}`,
  specialization: null,
  availabilityStatus: 'AVAILABLE',
  maxMentees: 10,
  active: 0,
  ...over,
});

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const loads = (plan: ReturnType<typeof planAutoAssign>): Record<string, number> =>
  Object.fromEntries([...plan.load.entries()].filter(([, n]) => n > 0));

describe('auto-assign planner (pure)', () => {
  it('balances by remaining capacity and never exceeds it', () => {
    const mentors = [
      mentor('a', { active: 6 }),
      mentor('b', { active: 2 }),
      mentor('c', { active: 4, maxMentees: 8 }),
    ];
    const plan = planAutoAssign(
      Array.from({ length: 9 }, (_, i) => student(i)),
      mentors,
    );
    // Remaining 4 / 8 / 4: b first takes 4 to even out, then the load is spread 1-1-1 by turns.
    expect(loads(plan)).toEqual({ a: 2, b: 5, c: 2 });
    const after = mentors.map((m) => m.maxMentees - m.active - (plan.load.get(m.id) ?? 0));
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    expect(plan.unplaced).toEqual([]);
  });

  it('reports students beyond the total capacity as unplaced', () => {
    const plan = planAutoAssign(
      Array.from({ length: 5 }, (_, i) => student(i)),
      [mentor('a', { maxMentees: 3, active: 1 })],
    );
    expect(plan.pairs).toHaveLength(2);
    expect(plan.unplaced.map((u) => u.student.id)).toEqual(['s002', 's003', 's004']);
    expect(plan.unplaced[0]!.reason).toContain('capacity');
  });

  it('LIMITED mentors offer half their room; UNAVAILABLE none', () => {
    expect(capacityFor(mentor('x', { availabilityStatus: 'LIMITED', maxMentees: 10, active: 5 }))).toBe(2);
    expect(capacityFor(mentor('x', { availabilityStatus: 'UNAVAILABLE' }))).toBe(0);
    expect(capacityFor(mentor('x', { active: 12 }))).toBe(0);
    const plan = planAutoAssign(
      Array.from({ length: 30 }, (_, i) => student(i)),
      [
        mentor('lim', { availabilityStatus: 'LIMITED', maxMentees: 6 }),
        mentor('off', { availabilityStatus: 'UNAVAILABLE' }),
      ],
    );
    expect(loads(plan)).toEqual({ lim: 3 });
  });

  it('prefers a mentor whose specialization matches the program, specialists first for their students', () => {
    expect(matches('M.Tech VLSI Design', 'VLSI Design')).toBe(true);
    expect(matches('M.Tech VLSI Design', 'Antenna Design')).toBe(false);
    expect(matches('B.Tech CSE', 'Engineering Design')).toBe(false);
    const vlsi = [student(1, 'M.Tech VLSI Design'), student(2, 'M.Tech VLSI Design')];
    const plan = planAutoAssign(
      [student(3, 'B.Tech ECE'), ...vlsi, student(4, 'B.Tech ECE')],
      [mentor('gen', { maxMentees: 10 }), mentor('spec', { specialization: 'VLSI Design', maxMentees: 2 })],
    );
    const by = Object.fromEntries(plan.pairs.map((p) => [p.student.id, [p.mentor.id, p.matched]]));
    expect(by).toEqual({
      s001: ['spec', true],
      s002: ['spec', true],
      s003: ['gen', false],
      s004: ['gen', false],
    });
  });

  it('is deterministic: any input order gives the same plan', () => {
    const students = Array.from({ length: 40 }, (_, i) =>
      student(i, i % 5 === 0 ? 'M.Tech Thermal Engineering' : 'B.Tech ME'),
    );
    const mentors = [
      mentor('m1', { maxMentees: 20, active: 3 }),
      mentor('m2', { specialization: 'Thermal Engineering', maxMentees: 9 }),
      mentor('m3', { availabilityStatus: 'LIMITED', maxMentees: 14, active: 2 }),
      mentor('m4', { maxMentees: 7, active: 7 }),
    ];
    const flat = (p: ReturnType<typeof planAutoAssign>) =>
      p.pairs.map((x) => `${x.student.id}>${x.mentor.id}`);
    const reference = flat(planAutoAssign(students, mentors));
    for (let seed = 1; seed <= 5; seed++) {
      expect(flat(planAutoAssign(shuffle(students, seed), shuffle(mentors, seed + 7)))).toEqual(reference);
    }
    expect(reference).toHaveLength(17 + 9 + 6);
  });
});

describe.each(DIALECTS)('auto-assign preview and commit on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('previews without writing, commits the plan, skips and reports a student assigned meanwhile', async () => {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 3, students: 7 });
    const admin = h.sessionFor(u.admin.id);
    const [m0, m1, m2] = u.mentors as [(typeof u.mentors)[0], (typeof u.mentors)[0], (typeof u.mentors)[0]];
    await h.db.kysely
      .updateTable('mentor_profiles')
      .set({ maxMentees: 3 })
      .where('userId', 'in', [m0.id, m1.id])
      .execute();
    await h.db.kysely
      .updateTable('mentor_profiles')
      .set({ availabilityStatus: 'UNAVAILABLE' })
      .where('userId', '=', m2.id)
      .execute();
    await u.link(m0, u.students[6]!);
    const disabled = await makeUser(h.db.kysely, 'STUDENT', { ...u.place, status: 'DISABLED' });

    const preview = await h.must(admin, 'assignments:auto-assign-preview', { departmentId: u.dept.id });
    expect(await h.must(admin, 'assignments:auto-assign-preview', { departmentId: u.dept.id })).toEqual(
      preview,
    );
    expect(preview.plan.map((p) => p.studentId)).not.toContain(disabled.id);
    expect(preview.plan.map((p) => p.studentId)).not.toContain(u.students[6]!.id);
    expect(preview.plan).toHaveLength(5);
    expect(preview.unplaced).toHaveLength(1);
    expect(preview.mentors.map((m) => [m.mentorId, m.activeBefore, m.activeAfter])).toEqual([
      [m0.id, 1, 3],
      [m1.id, 0, 3],
    ]);
    expect(
      await h.db.kysely
        .selectFrom('mentor_assignments')
        .select('id')
        .where('departmentId', '=', u.dept.id)
        .execute(),
    ).toHaveLength(1);

    // Meanwhile an office colleague assigns one of the planned students by hand.
    const taken = preview.plan[0]!;
    const other = taken.mentorId === m0.id ? m1 : m0;
    await h.must(admin, 'assignments:assign', { studentId: taken.studentId, mentorId: other.id });
    const result = await h.must(admin, 'assignments:auto-assign-commit', {
      departmentId: u.dept.id,
      plan: preview.plan.map((p) => ({ studentId: p.studentId, mentorId: p.mentorId })),
    });
    expect(result.skipped).toContainEqual({
      studentId: taken.studentId,
      mentorId: taken.mentorId,
      reason: 'Already has a mentor in this department (assigned meanwhile).',
    });
    const wl = await h.must(admin, 'assignments:workload', { departmentId: u.dept.id });
    for (const r of wl.rows) expect(r.activeMentees, r.mentorName).toBeLessThanOrEqual(r.maxMentees);
    expect(result.created.length + result.skipped.length).toBe(5);
    expect(result.created.every((c) => c.status === 'ACTIVE')).toBe(true);
    const audited = await h.db.kysely
      .selectFrom('audit_logs')
      .select('entityId')
      .where('action', '=', 'assignments:auto-assign-commit')
      .where(
        'entityId',
        'in',
        result.created.map((c) => c.id),
      )
      .execute();
    expect(audited).toHaveLength(result.created.length);
    const again = await h.must(admin, 'assignments:auto-assign-preview', { departmentId: u.dept.id });
    expect(again.plan.length + again.unplaced.length).toBe(
      preview.plan.length + preview.unplaced.length - result.created.length - 1,
    );
  });

  it('commit re-validates every pair: outside scope, unavailable, full, duplicated', async () => {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 3 });
    const admin = h.sessionFor(u.admin.id);
    const [m0, m1] = [u.mentors[0]!, u.mentors[1]!];
    await h.db.kysely
      .updateTable('mentor_profiles')
      .set({ availabilityStatus: 'UNAVAILABLE' })
      .where('userId', '=', m1.id)
      .execute();
    await h.db.kysely
      .updateTable('mentor_profiles')
      .set({ maxMentees: 1 })
      .where('userId', '=', m0.id)
      .execute();
    const r = await h.must(admin, 'assignments:auto-assign-commit', {
      departmentId: u.dept.id,
      plan: [
        { studentId: u.students[0]!.id, mentorId: m0.id },
        { studentId: u.students[0]!.id, mentorId: m0.id },
        { studentId: u.students[1]!.id, mentorId: m0.id },
        { studentId: u.students[2]!.id, mentorId: m1.id },
        { studentId: h.world.otherDeptStudent.id, mentorId: m0.id },
      ],
    });
    expect(r.created.map((c) => c.studentId)).toEqual([u.students[0]!.id]);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'Listed more than once in the plan.',
      'The mentor has no capacity left (1 of 1 mentees).',
      'The mentor is now marked unavailable.',
      'No longer an active student of this department.',
    ]);
    expect(
      await h.call(h.sessionFor(h.world.otherDeptAdmin.id), 'assignments:auto-assign-preview', {
        departmentId: u.dept.id,
      }),
    ).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
