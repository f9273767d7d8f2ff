import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullName } from '../../src/core/assignments/assignments.repo.ts';
import type { FeedbackVisibility } from '../../src/shared/domain/enums.ts';
import type { MadeUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addFeedback, addSession, at, DAY, makeUnit } from './support/mentoring-fixtures.ts';

// Feedback on both dialects: who may give it on which sessions, one per giver and session (also
// under a race), visibility for every role exactly as ROLES.md, the 7-day edit window at its
// boundary, and monthly / semester averages.

const VISIBILITIES: FeedbackVisibility[] = ['MENTOR', 'STUDENT', 'DEPARTMENT_ADMIN'];

describe.each(DIALECTS)('feedback on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 2 });
    const [m, s] = [u.mentors[0]!, u.students[0]!];
    const assignment = await u.link(m, s);
    const session = (over: Partial<Parameters<typeof addSession>[1]> = {}) =>
      addSession(h.db.kysely, {
        assignmentId: assignment,
        createdById: m.id,
        sessionDate: at(h.clock.now(), -1),
        ...over,
      });
    return { u, m, s, assignment, session };
  }
  const inbox = (userId: string) =>
    h.db.kysely
      .selectFrom('notifications')
      .select(['type', 'title'])
      .where('userId', '=', userId)
      .where('type', '=', 'FEEDBACK')
      .execute();

  it('give: both directions with sensible default visibility; the recipient is told; one per giver and session', async () => {
    const t = await setup();
    const sid = await t.session();
    const byMentor = await h.must(h.sessionFor(t.m.id), 'feedback:give', {
      sessionId: sid,
      rating: 4,
      comments: 'Prepared well',
    });
    expect(byMentor).toMatchObject({
      type: 'MENTOR_TO_STUDENT',
      recipientUserId: t.s.id,
      visibility: 'STUDENT',
      rating: 4,
      canEdit: true,
    });
    const byStudent = await h.must(h.sessionFor(t.s.id), 'feedback:give', { sessionId: sid, rating: 5 });
    expect(byStudent).toMatchObject({
      type: 'STUDENT_TO_MENTOR',
      recipientUserId: t.m.id,
      visibility: 'MENTOR',
      giverName: 'Student0 S0',
    });
    expect(await inbox(t.s.id)).toEqual([{ type: 'FEEDBACK', title: 'Feedback from Mentor0 M0' }]);
    expect(await inbox(t.m.id)).toEqual([{ type: 'FEEDBACK', title: 'Feedback from Student0 S0' }]);
    expect(await h.call(h.sessionFor(t.m.id), 'feedback:give', { sessionId: sid, rating: 3 })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('already given feedback') },
    });
    // Confidential feedback is not announced to the person it is about.
    const sid2 = await t.session();
    await h.must(h.sessionFor(t.s.id), 'feedback:give', {
      sessionId: sid2,
      rating: 1,
      visibility: 'DEPARTMENT_ADMIN',
    });
    expect(await inbox(t.m.id)).toHaveLength(1);
  });

  it('give: only on completed, attended sessions of the giver’s own current mentoring; rating 1–5', async () => {
    const t = await setup();
    const mentor = h.sessionFor(t.m.id);
    const sid = await t.session();
    for (const rating of [0, 6, 2.5]) {
      expect(await h.call(mentor, 'feedback:give', { sessionId: sid, rating }), String(rating)).toMatchObject(
        {
          error: {
            code: 'VALIDATION',
            issues: [{ path: 'rating', message: 'Choose a rating from 1 to 5.' }],
          },
        },
      );
    }
    const planned = await t.session({ status: 'SCHEDULED', sessionDate: at(h.clock.now(), 2) });
    expect(await h.call(mentor, 'feedback:give', { sessionId: planned, rating: 3 })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const absent = await t.session({ attendance: 'ABSENT' });
    expect(await h.call(mentor, 'feedback:give', { sessionId: absent, rating: 3 })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('absent') },
    });
    expect(
      await h.call(h.sessionFor(t.u.mentors[1]!.id), 'feedback:give', { sessionId: sid, rating: 3 }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(
      await h.call(h.sessionFor(t.u.students[1]!.id), 'feedback:give', { sessionId: sid, rating: 3 }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ENDED', endedAt: h.clock.now().toISOString() })
      .where('id', '=', t.assignment)
      .execute();
    expect(await h.call(mentor, 'feedback:give', { sessionId: sid, rating: 3 })).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringContaining('read-only') },
    });
    expect((await h.must(h.sessionFor(t.s.id), 'feedback:give', { sessionId: sid, rating: 2 })).rating).toBe(
      2,
    );
  });

  it('race: the same giver twice in parallel on one session → one row, one CONFLICT', async () => {
    const t = await setup();
    const sid = await t.session();
    const results = await Promise.all(
      [1, 2].map((r) => h.call(h.sessionFor(t.s.id), 'feedback:give', { sessionId: sid, rating: r + 2 })),
    );
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'CONFLICT' } });
    const rows = await h.db.kysely
      .selectFrom('session_feedback')
      .select('id')
      .where('sessionId', '=', sid)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('visibility for every role: giver always, admins in scope always, recipient only when named', async () => {
    const t = await setup();
    const sid = await t.session();
    const made = new Map<string, string>();
    for (const v of VISIBILITIES) {
      made.set(
        `m2s:${v}`,
        await addFeedback(h.db.kysely, {
          sessionId: sid,
          giver: t.m,
          recipient: t.s,
          visibility: v,
          createdAt: at(h.clock.now(), -1),
        }),
      );
      made.set(
        `s2m:${v}`,
        await addFeedback(h.db.kysely, {
          sessionId: sid,
          giver: t.s,
          recipient: t.m,
          visibility: v,
          createdAt: at(h.clock.now(), -1),
        }),
      );
    }
    const seen = async (who: MadeUser) => {
      const r = await h.must(h.sessionFor(who.id), 'feedback:list', { sessionId: sid, pageSize: 50 });
      const keys = [...made.entries()]
        .filter(([, id]) => r.rows.some((row) => row.id === id))
        .map(([k]) => k);
      return keys.sort();
    };
    expect(await seen(t.m)).toEqual(['m2s:DEPARTMENT_ADMIN', 'm2s:MENTOR', 'm2s:STUDENT', 's2m:MENTOR']);
    expect(await seen(t.s)).toEqual(['m2s:STUDENT', 's2m:DEPARTMENT_ADMIN', 's2m:MENTOR', 's2m:STUDENT']);
    expect(await seen(t.u.admin)).toHaveLength(6);
    expect(await seen(h.world.instAdmin)).toHaveLength(6);
    expect(await seen(h.world.superAdmin)).toHaveLength(6);
    expect(await seen(h.world.otherDeptAdmin)).toEqual([]);
    expect(await seen(h.world.inst2Admin)).toEqual([]);
    expect(await seen(t.u.mentors[1]!)).toEqual([]);
    expect(await seen(t.u.students[1]!)).toEqual([]);
  });

  it('list: every sort and direction pages through the same rows in order (ties by id), with the filtered total', async () => {
    const t = await setup();
    // Ties on purpose: two sessions share a date, ratings repeat, two rows share a createdAt.
    const dates = ['2026-01-05T05:00:00.000Z', '2026-01-05T05:00:00.000Z', '2026-02-01T05:00:00.000Z'];
    const sids: string[] = [];
    for (const d of dates) sids.push(await t.session({ sessionDate: d }));
    const rows: { id: string; sessionDate: string; rating: number; createdAt: string; type: string }[] = [];
    const give = async (i: number, giver: MadeUser, recipient: MadeUser, rating: number, createdAt: string) => {
      const id = await addFeedback(h.db.kysely, {
        sessionId: sids[i]!,
        giver,
        recipient,
        visibility: 'MENTOR',
        rating,
        createdAt,
      });
      const type = giver.role === 'STUDENT' ? 'STUDENT_TO_MENTOR' : 'MENTOR_TO_STUDENT';
      rows.push({ id, sessionDate: dates[i]!, rating, createdAt, type });
    };
    await give(0, t.s, t.m, 4, '2026-01-06T05:00:00.000Z');
    await give(0, t.m, t.s, 2, '2026-01-06T05:00:00.000Z');
    await give(1, t.s, t.m, 4, '2026-01-07T05:00:00.000Z');
    await give(1, t.m, t.s, 5, '2026-01-08T05:00:00.000Z');
    await give(2, t.s, t.m, 1, '2026-02-02T05:00:00.000Z');
    const admin = h.sessionFor(t.u.admin.id);
    for (const sort of ['createdAt', 'sessionDate', 'rating'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const sign = dir === 'asc' ? 1 : -1;
        const expected = [...rows]
          .sort((a, b) => {
            const [x, y] = [a[sort], b[sort]];
            return (x < y ? -sign : x > y ? sign : 0) || (a.id < b.id ? -1 : 1);
          })
          .map((r) => r.id);
        const got: string[] = [];
        for (const page of [1, 2, 3]) {
          const r = await h.must(admin, 'feedback:list', { studentId: t.s.id, sort, dir, page, pageSize: 2 });
          expect(r.total).toBe(5);
          got.push(...r.rows.map((row) => row.id));
        }
        expect(got, `${sort} ${dir}`).toEqual(expected);
      }
    }
    const filtered = await h.must(admin, 'feedback:list', {
      studentId: t.s.id,
      type: 'STUDENT_TO_MENTOR',
      from: '2026-01-05T05:00:00.000Z',
      to: '2026-01-31T00:00:00.000Z',
      pageSize: 1,
    });
    expect(filtered.total).toBe(2);
    expect(filtered.rows.map((r) => [r.id, r.giverName !== '', r.recipientName !== ''])).toEqual([
      [rows[2]!.id, true, true],
    ]);
  });

  it('edit: the giver only, within 7 days of giving (exactly 7 days is still in time)', async () => {
    const t = await setup();
    const sid = await t.session();
    const given = await h.must(h.sessionFor(t.s.id), 'feedback:give', {
      sessionId: sid,
      rating: 3,
      comments: 'OK',
    });
    const t0 = Date.parse(given.createdAt);
    expect(given.editableUntil).toBe(new Date(t0 + 7 * DAY).toISOString());
    expect(await h.call(h.sessionFor(t.m.id), 'feedback:edit', { id: given.id, rating: 1 })).toMatchObject({
      error: { code: 'FORBIDDEN', message: 'Only the person who gave this feedback can edit it.' },
    });
    expect(await h.call(h.sessionFor(t.s.id), 'feedback:edit', { id: given.id })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    h.clock.set(new Date(t0 + 7 * DAY));
    const edited = await h.must(h.sessionFor(t.s.id), 'feedback:edit', {
      id: given.id,
      rating: 4,
      visibility: 'DEPARTMENT_ADMIN',
    });
    expect(edited).toMatchObject({
      rating: 4,
      comments: 'OK',
      visibility: 'DEPARTMENT_ADMIN',
      canEdit: true,
    });
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState'])
      .where('entityId', '=', given.id)
      .where('action', '=', 'feedback:edit')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeState!)).toEqual({ rating: 3, visibility: 'MENTOR' });
    h.clock.set(new Date(t0 + 7 * DAY + 1));
    expect(await h.call(h.sessionFor(t.s.id), 'feedback:edit', { id: given.id, rating: 5 })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('7 days') },
    });
    expect((await h.must(h.sessionFor(t.s.id), 'feedback:list', { sessionId: sid })).rows[0]!.canEdit).toBe(
      false,
    );
    // After the change to DEPARTMENT_ADMIN the mentor no longer reads it.
    expect((await h.must(h.sessionFor(t.m.id), 'feedback:list', { sessionId: sid })).total).toBe(0);
  });

  it('summary: average rating per mentor per month and per semester, over readable feedback only', async () => {
    const t = await setup();
    const rate = async (date: string, rating: number, visibility: FeedbackVisibility = 'MENTOR') => {
      const sid = await t.session({ sessionDate: date });
      await addFeedback(h.db.kysely, {
        sessionId: sid,
        giver: t.s,
        recipient: t.m,
        visibility,
        rating,
        createdAt: date,
      });
    };
    await rate('2025-08-10T05:00:00.000Z', 5);
    await rate('2025-11-05T05:00:00.000Z', 3);
    await rate('2026-01-05T05:00:00.000Z', 4);
    await rate('2026-01-10T05:00:00.000Z', 2);
    await rate('2026-01-11T05:00:00.000Z', 1, 'DEPARTMENT_ADMIN');
    // Mentor → student ratings are not ratings of the mentor.
    const other = await t.session({ sessionDate: '2026-01-12T05:00:00.000Z' });
    await addFeedback(h.db.kysely, {
      sessionId: other,
      giver: t.m,
      recipient: t.s,
      visibility: 'STUDENT',
      rating: 1,
      createdAt: '2026-01-12T05:00:00.000Z',
    });
    const admin = h.sessionFor(t.u.admin.id);
    const months = await h.must(admin, 'feedback:summary', { period: 'month', departmentId: t.u.dept.id });
    expect(months.rows.map((r) => [r.periodStart, r.label, r.count, r.average])).toEqual([
      ['2025-08', 'August 2025', 1, 5],
      ['2025-11', 'November 2025', 1, 3],
      ['2026-01', 'January 2026', 3, 2.33],
    ]);
    const sems = await h.must(admin, 'feedback:summary', { period: 'semester', mentorId: t.m.id });
    expect(sems.rows.map((r) => [r.mentorId, r.label, r.count, r.average])).toEqual([
      [t.m.id, 'Jul–Dec 2025', 2, 4],
      [t.m.id, 'Jan–Jun 2026', 3, 2.33],
    ]);
    // The mentor's name is joined to the groups, not to each rated row: it must still be the profile's.
    const profile = await h.db.kysely
      .selectFrom('user_profiles')
      .select(['firstName', 'lastName'])
      .where('userId', '=', t.m.id)
      .executeTakeFirstOrThrow();
    const name = fullName(profile.firstName, profile.lastName);
    expect(name).not.toBe('');
    expect(sems.rows.map((r) => r.mentorName)).toEqual([name, name]);
    const own = await h.must(h.sessionFor(t.m.id), 'feedback:summary', { period: 'semester' });
    expect(own.rows.map((r) => [r.label, r.count, r.average])).toEqual([
      ['Jul–Dec 2025', 2, 4],
      ['Jan–Jun 2026', 2, 3],
    ]);
    const ranged = await h.must(admin, 'feedback:summary', {
      period: 'month',
      mentorId: t.m.id,
      from: '2026-01-01T00:00:00.000Z',
    });
    expect(ranged.rows.map((r) => r.periodStart)).toEqual(['2026-01']);
  });
});
