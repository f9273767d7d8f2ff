import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { runScheduledReminders } from '../../src/core/notifications/reminders.ts';
import type { NotificationType } from '../../src/shared/domain/enums.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addGoal, addSession } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';

const HOUR = 3_600_000;

describe.each(DIALECTS)('notifications and reminders on %s', (dialect) => {
  let h: Harness;
  const db = () => h.db.kysely;
  const put = async (
    userId: string,
    createdAt: string,
    readAt: string | null = null,
    type: NotificationType = 'FEEDBACK',
  ) => {
    const id = uuidv7();
    await db()
      .insertInto('notifications')
      .values({
        id,
        userId,
        type,
        title: `t ${createdAt}`,
        body: 'b',
        payload: JSON.stringify({ x: 1 }),
        readAt,
        createdAt,
      })
      .execute();
    return id;
  };
  const at = (ms: number): string => new Date(h.clock.now().getTime() + ms).toISOString();

  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists only the caller’s own notifications, newest first or unread first, paged', async () => {
    const me = h.world.student.id;
    const oldUnread = await put(me, '2026-01-01T00:00:00.000Z');
    const newRead = await put(me, '2026-01-03T00:00:00.000Z', '2026-01-03T01:00:00.000Z');
    const midUnread = await put(me, '2026-01-02T00:00:00.000Z', null, 'GOAL_DUE');
    await put(h.world.mentor.id, '2026-01-04T00:00:00.000Z');
    const s = h.as('STUDENT');
    const all = await h.must(s, 'notifications:list', {});
    expect(all.rows.map((r) => r.id)).toEqual([newRead, midUnread, oldUnread]);
    expect(all.rows[0]!.payload).toEqual({ x: 1 });
    const unreadFirst = await h.must(s, 'notifications:list', { unreadFirst: true });
    expect(unreadFirst.rows.map((r) => r.id)).toEqual([midUnread, oldUnread, newRead]);
    const unread = await h.must(s, 'notifications:list', { unreadOnly: true, pageSize: 1, page: 2 });
    expect(unread).toMatchObject({ total: 2, rows: [{ id: oldUnread }] });
    expect((await h.must(s, 'notifications:list', { type: 'GOAL_DUE' })).rows.map((r) => r.id)).toEqual([
      midUnread,
    ]);
    expect(await h.must(s, 'notifications:unread-count', {})).toEqual({ count: 2 });
    // An admin sees its own inbox, not the student's.
    expect((await h.must(h.as('SUPER_ADMIN'), 'notifications:list', {})).total).toBe(0);
  });

  it('marks read only the caller’s own notifications', async () => {
    const mentorsOwn = await put(h.world.mentor.id, '2026-01-05T00:00:00.000Z');
    const s = h.as('STUDENT');
    const mine = (await h.must(s, 'notifications:list', { unreadOnly: true })).rows.map((r) => r.id);
    const r = await h.must(s, 'notifications:mark-read', { ids: [mine[0]!, mentorsOwn, mine[0]!] });
    expect(r).toEqual({ updated: 1 });
    const still = await db()
      .selectFrom('notifications')
      .select('readAt')
      .where('id', '=', mentorsOwn)
      .executeTakeFirstOrThrow();
    expect(still.readAt).toBeNull();
    expect(await h.must(s, 'notifications:unread-count', {})).toEqual({ count: 1 });
    expect(await h.must(s, 'notifications:mark-all-read', {})).toEqual({ updated: 1 });
    expect(await h.must(s, 'notifications:unread-count', {})).toEqual({ count: 0 });
    expect(await h.must(s, 'notifications:mark-all-read', {})).toEqual({ updated: 0 });
  });

  it('reminders: sessions within 24 h to mentor and student, goals within 7 days; running twice creates nothing twice', async () => {
    const w = h.world;
    const soon = await addSession(db(), {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: at(23 * HOUR),
      status: 'SCHEDULED',
      topic: 'Internship plan',
    });
    await addSession(db(), {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: at(26 * HOUR),
      status: 'SCHEDULED',
    });
    await addSession(db(), {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: at(2 * HOUR),
      status: 'CANCELLED',
    });
    await addSession(db(), {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: at(-2 * HOUR),
      status: 'SCHEDULED',
    });
    await addSession(db(), {
      assignmentId: w.otherAssignment,
      createdById: w.otherDeptMentor.id,
      sessionDate: at(3 * HOUR),
      status: 'SCHEDULED',
    });
    const today = h.clock.now().toISOString().slice(0, 10);
    const goal = await addGoal(db(), {
      studentId: w.student.id,
      createdById: w.mentor.id,
      targetDate: at(7 * 24 * HOUR),
    });
    await addGoal(db(), { studentId: w.student.id, createdById: w.mentor.id, targetDate: at(9 * 24 * HOUR) });
    await addGoal(db(), {
      studentId: w.student.id,
      createdById: w.mentor.id,
      targetDate: at(HOUR),
      status: 'COMPLETED',
    });
    await addGoal(db(), {
      studentId: w.student.id,
      createdById: w.mentor.id,
      targetDate: `${today}T00:00:00.000Z`,
      title: 'Due today',
    });

    const s = h.as('DEPARTMENT_ADMIN');
    const first = await h.must(s, 'reminders:run', {});
    expect(first).toMatchObject({ sessionReminders: 2, goalReminders: 4 });
    const reminders = await db()
      .selectFrom('notifications')
      .selectAll()
      .where('type', 'in', ['SESSION_REMINDER', 'GOAL_DUE'])
      .execute();
    const bySession = reminders.filter((n) => JSON.parse(n.payload!).sessionId === soon);
    expect(bySession.map((n) => n.userId).sort()).toEqual([w.mentor.id, w.student.id].sort());
    expect(bySession[0]!.body).toContain('Internship plan');
    expect(
      reminders
        .filter((n) => JSON.parse(n.payload!).goalId === goal)
        .map((n) => n.userId)
        .sort(),
    ).toEqual([w.mentor.id, w.student.id].sort());

    expect(await h.must(s, 'reminders:run', {})).toMatchObject({ sessionReminders: 0, goalReminders: 0 });
    h.clock.advance(HOUR);
    expect(await h.must(h.as('SUPER_ADMIN'), 'reminders:run', {})).toMatchObject({
      sessionReminders: 2,
      goalReminders: 0,
    });
    // The other department's session was outside the department admin's scope; the super admin's pass reached it.
    const count = await db()
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('type', 'in', ['SESSION_REMINDER', 'GOAL_DUE'])
      .where('payload', 'like', '%"key":%')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(8);

    // Rescheduled: a new date is a new reminder; the timer pass (no actor) is idempotent too.
    await db()
      .updateTable('session_records')
      .set({ sessionDate: at(20 * HOUR) })
      .where('id', '=', soon)
      .execute();
    expect(await runScheduledReminders(h.db, h.clock.now())).toMatchObject({
      sessionReminders: 2,
      goalReminders: 0,
    });
    expect(await runScheduledReminders(h.db, h.clock.now())).toMatchObject({
      sessionReminders: 0,
      goalReminders: 0,
    });
    expect(h.errors).toEqual([]);
  });
});
