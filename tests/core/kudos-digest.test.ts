import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeDb } from '../../src/core/db/office.tables.ts';
import { runScheduledReminders } from '../../src/core/notifications/reminders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { DAY, makeUnit } from './support/mentoring-fixtures.ts';

// Kudos and per-type delivery with a daily digest (issue 12 item 6) on both dialects: who may send
// kudos and who sees them; IMMEDIATE by default; DIGEST holds a type back until the next day's pass,
// which gathers it into one notification and is idempotent (running twice creates one digest).

describe.each(DIALECTS)('kudos and the daily digest on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    h.clock.set('2026-03-10T05:00:00.000Z');
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 2 });
    const [m, other] = [u.mentors[0]!, u.mentors[1]!];
    const [s, s2] = [u.students[0]!, u.students[1]!];
    await u.link(m, s);
    await u.link(other, s2);
    return { u, m, other, s, s2 };
  }
  const inbox = (userId: string) =>
    h.db.kysely
      .selectFrom('notifications')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute();

  it('mentor and HOD send kudos the student sees (list and notification); others may not', async () => {
    const t = await setup();
    const k = await h.must(h.sessionFor(t.m.id), 'kudos:send', {
      studentId: t.s.id,
      message: 'Brilliant seminar on graph databases!',
    });
    expect(k).toMatchObject({ fromName: 'Mentor0 M0', studentName: 'Student0 S0' });
    await h.must(h.sessionFor(t.u.admin.id), 'kudos:send', {
      studentId: t.s.id,
      message: 'Well done on the hackathon.',
    });
    const mine = await h.must(h.sessionFor(t.s.id), 'kudos:list', {});
    expect(mine.rows.map((r) => r.message).sort()).toEqual(
      ['Brilliant seminar on graph databases!', 'Well done on the hackathon.'].sort(),
    );
    const notes = await inbox(t.s.id);
    expect(notes.map((n) => n.title).sort()).toEqual(
      ['Kudos from Mentor0 M0', 'Kudos from Test DEPARTMENT_ADMIN'].sort(),
    );
    expect(JSON.parse(notes[0]!.payload!)).toMatchObject({ kind: 'KUDOS' });
    // Not a mentee of this mentor; a student may not send; another student's kudos stay hidden.
    const notMine = await h.call(h.sessionFor(t.other.id), 'kudos:send', { studentId: t.s.id, message: 'x' });
    expect(!notMine.ok && notMine.error.code).toBe('NOT_FOUND');
    const student = await h.call(h.sessionFor(t.s.id), 'kudos:send', { studentId: t.s2.id, message: 'x' });
    expect(!student.ok && student.error.code).toBe('FORBIDDEN');
    const peek = await h.call(h.sessionFor(t.s2.id), 'kudos:list', { studentId: t.s.id });
    expect(!peek.ok && peek.error.code).toBe('NOT_FOUND');
    expect((await h.must(h.sessionFor(t.s2.id), 'kudos:list', {})).rows).toEqual([]);
    // The mentor of the student sees them all; the other mentor none.
    expect((await h.must(h.sessionFor(t.m.id), 'kudos:list', { studentId: t.s.id })).rows).toHaveLength(2);
    expect((await h.must(h.sessionFor(t.other.id), 'kudos:list', { studentId: t.s.id })).rows).toEqual([]);
    const empty = await h.call(h.sessionFor(t.m.id), 'kudos:send', { studentId: t.s.id, message: '   ' });
    expect(!empty.ok && empty.error.issues?.[0]?.message).toBe('Write a few words.');
  });

  it('preferences: IMMEDIATE by default, saved per type, each type once', async () => {
    const t = await setup();
    const s = h.sessionFor(t.s.id);
    const initial = await h.must(s, 'notifications:get-prefs', {});
    expect(initial.prefs.every((p) => p.delivery === 'IMMEDIATE')).toBe(true);
    expect(initial.prefs.map((p) => p.type)).toEqual([
      'SESSION_REMINDER',
      'GOAL_DUE',
      'ALERT',
      'ASSIGNMENT',
      'FEEDBACK',
    ]);
    const saved = await h.must(s, 'notifications:set-prefs', {
      prefs: [{ type: 'FEEDBACK', delivery: 'DIGEST' }],
    });
    expect(saved.prefs.find((p) => p.type === 'FEEDBACK')!.delivery).toBe('DIGEST');
    await h.must(s, 'notifications:set-prefs', { prefs: [{ type: 'FEEDBACK', delivery: 'DIGEST' }] });
    const twice = await h.call(s, 'notifications:set-prefs', {
      prefs: [
        { type: 'ALERT', delivery: 'DIGEST' },
        { type: 'ALERT', delivery: 'IMMEDIATE' },
      ],
    });
    expect(!twice.ok && twice.error.code).toBe('VALIDATION');
    // Someone else's preference is untouched.
    const other = await h.must(h.sessionFor(t.s2.id), 'notifications:get-prefs', {});
    expect(other.prefs.find((p) => p.type === 'FEEDBACK')!.delivery).toBe('IMMEDIATE');
  });

  it('DIGEST holds a type back; the next day one digest gathers it; running twice creates one digest', async () => {
    const t = await setup();
    await h.must(h.sessionFor(t.s.id), 'notifications:set-prefs', {
      prefs: [{ type: 'FEEDBACK', delivery: 'DIGEST' }],
    });
    const mentor = () => h.sessionFor(t.m.id);
    await h.must(mentor(), 'kudos:send', { studentId: t.s.id, message: 'Great lab report.' });
    h.clock.advance(3_600_000);
    await h.must(mentor(), 'kudos:send', { studentId: t.s.id, message: 'Thanks for helping juniors.' });
    expect(await inbox(t.s.id)).toEqual([]);
    expect((await h.must(h.sessionFor(t.s.id), 'notifications:unread-count', {})).count).toBe(0);
    // The same day: nothing to digest yet (a day's digest waits for the day to end, IST).
    expect((await h.must(h.sessionFor(t.u.admin.id), 'reminders:run', {})).digests).toBe(0);
    h.clock.advance(DAY);
    const first = await h.must(h.sessionFor(t.u.admin.id), 'reminders:run', {});
    expect(first.digests).toBe(1);
    expect((await h.must(h.sessionFor(t.u.admin.id), 'reminders:run', {})).digests).toBe(0);
    expect((await runScheduledReminders(h.db, h.clock.now())).digests).toBe(0);
    const notes = await inbox(t.s.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ type: 'FEEDBACK', title: 'Daily digest: 2 notifications' });
    expect(notes[0]!.body).toContain('Great lab report.');
    expect(notes[0]!.body).toContain('Thanks for helping juniors.');
    const payload = JSON.parse(notes[0]!.payload!) as { kind: string; items: unknown[] };
    expect(payload.kind).toBe('DIGEST');
    expect(payload.items).toHaveLength(2);
    const waiting = await officeDb(h.db.kysely)
      .selectFrom('notification_digest_items')
      .select('digestId')
      .where('userId', '=', t.s.id)
      .execute();
    expect(waiting.map((w) => w.digestId)).toEqual([notes[0]!.id, notes[0]!.id]);
    // Back to IMMEDIATE: the next kudos arrives at once.
    await h.must(h.sessionFor(t.s.id), 'notifications:set-prefs', {
      prefs: [{ type: 'FEEDBACK', delivery: 'IMMEDIATE' }],
    });
    await h.must(mentor(), 'kudos:send', { studentId: t.s.id, message: 'Top of the class!' });
    expect((await inbox(t.s.id)).map((n) => n.title)).toContain('Kudos from Mentor0 M0');
  });

  it('reminders of a digest type wait in the digest queue and are not created twice', async () => {
    const t = await setup();
    await h.must(h.sessionFor(t.s.id), 'notifications:set-prefs', {
      prefs: [{ type: 'GOAL_DUE', delivery: 'DIGEST' }],
    });
    await h.db.kysely
      .insertInto('goals')
      .values({
        id: crypto.randomUUID(),
        studentId: t.s.id,
        title: 'Finish the DBMS mini project',
        category: 'ACADEMIC',
        description: null,
        targetDate: '2026-03-12T00:00:00.000Z',
        status: 'IN_PROGRESS',
        progressPct: 40,
        createdById: t.m.id,
        createdAt: '2026-03-01T00:00:00.000Z',
        updatedAt: '2026-03-01T00:00:00.000Z',
      })
      .execute();
    const hod = () => h.sessionFor(t.u.admin.id);
    expect((await h.must(hod(), 'reminders:run', {})).goalReminders).toBe(2); // student (queued) + mentor
    expect((await h.must(hod(), 'reminders:run', {})).goalReminders).toBe(0);
    expect((await inbox(t.s.id)).filter((n) => n.type === 'GOAL_DUE')).toEqual([]);
    expect((await inbox(t.m.id)).filter((n) => n.type === 'GOAL_DUE')).toHaveLength(1);
    h.clock.advance(DAY);
    const next = await h.must(hod(), 'reminders:run', {});
    expect(next.digests).toBe(1);
    expect((await inbox(t.s.id)).map((n) => n.title)).toEqual(['Daily digest: 1 notification']);
  });
});
