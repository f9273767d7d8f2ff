import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/log.ts';
import { scheduleReminderPasses, type ReminderTimer } from '../../src/core/notifications/reminder-timer.ts';
import { addGoal, addSession } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// The app's own reminder pass (issue 4 item 6, issue 12 item 6): it runs by itself a while after
// start and then on every interval, creates each reminder once however often it runs, skips while a
// synced laptop has no central, and stops with the app.

const HOUR = 3_600_000;

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the reminder timer');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('reminder timer', () => {
  let h: Harness;
  const timers: ReminderTimer[] = [];
  const lines: string[] = [];
  const log: Logger = {
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  const reminders = async (): Promise<number> =>
    Number(
      (
        await h.db.kysely
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('type', 'in', ['SESSION_REMINDER', 'GOAL_DUE'])
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await makeHarness('sqlite');
    const w = h.world;
    const at = (ms: number) => new Date(h.clock.now().getTime() + ms).toISOString();
    await addSession(h.db.kysely, {
      assignmentId: w.assignment,
      createdById: w.mentor.id,
      sessionDate: at(3 * HOUR),
      status: 'SCHEDULED',
    });
    await addGoal(h.db.kysely, {
      studentId: w.student.id,
      createdById: w.mentor.id,
      targetDate: at(48 * HOUR),
    });
  });
  afterAll(async () => {
    for (const t of timers) await t.stop();
    await h.close();
  });

  it('runs by itself after the first delay, then every interval, creating each reminder once', async () => {
    expect(await reminders()).toBe(0);
    let passes = 0;
    const timer = scheduleReminderPasses({
      target: () => {
        passes += 1;
        return h.db;
      },
      clock: h.clock,
      log,
      firstDelayMs: 20,
      intervalMs: 30,
    });
    timers.push(timer);
    // Mentor and student for the session, mentor and student for the goal.
    await until(async () => (await reminders()) === 4);
    await until(async () => passes >= 4);
    expect(await reminders()).toBe(4);
    expect(lines.filter((l) => l === 'info reminder pass')).toHaveLength(1);
    await timer.stop();
    const after = passes;
    await new Promise((r) => setTimeout(r, 100));
    expect(passes).toBe(after);
    expect(await timer.runNow()).toBeNull();
  });

  it('skips while a synced install has no central, and never overlaps two passes', async () => {
    let target: 'skip' | typeof h.db = 'skip';
    const timer = scheduleReminderPasses({ target: () => target, clock: h.clock, log, firstDelayMs: 60_000 });
    timers.push(timer);
    expect(await timer.runNow()).toBeNull();
    target = h.db;
    const [a, b] = [timer.runNow(), timer.runNow()];
    expect(a).toBe(b);
    expect(await a).toMatchObject({ sessionReminders: 0, goalReminders: 0 });
    await timer.stop();
  });

  it('a failing pass is logged and the timer goes on', async () => {
    const broken = { ...h.db, kysely: undefined } as unknown as typeof h.db;
    const timer = scheduleReminderPasses({ target: () => broken, clock: h.clock, log, firstDelayMs: 60_000 });
    timers.push(timer);
    expect(await timer.runNow()).toBeNull();
    expect(lines.some((l) => l === 'warn reminder pass failed')).toBe(true);
    await timer.stop();
  });
});
