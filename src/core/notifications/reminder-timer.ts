import type { Clock } from '../clock.ts';
import type { Db } from '../db/connect.ts';
import type { Logger } from '../log.ts';
import { isConnectionError } from '../sync/central.ts';
import type { ReminderCounts } from '../../shared/contract/notifications.contract.ts';
import { runScheduledReminders } from './reminders.ts';

// The app's own reminder pass (sessions due within 24 h, goals due within 7 days, compliance
// shortfalls, yesterday's digests): nobody has to press "Run reminders" for a digest to go out.
// An office PC stays on for days, so the pass runs a few minutes after start and then every hour;
// every pass is idempotent (derived keys), so running it often, or on two computers, creates nothing
// twice.
//
// Where it runs: a standalone install on its own database; a synced laptop only on central (the
// authoritative data; the notifications reach the laptop with its next pull). A synced laptop that
// is offline skips the pass: its cache holds only its own scope, and writing derived rows there
// would bypass the outbox.

export const REMINDER_FIRST_DELAY_MS = 5 * 60 * 1000;
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;

/** The database a pass should run on now: a Db, or 'skip' (synced but central unreachable). */
export type ReminderTarget = () => Db | 'skip';

export interface ReminderTimer {
  /** Runs one pass now (unless one is running); resolves with its counts, or null if skipped. */
  runNow(): Promise<ReminderCounts | null>;
  /** Stops the timer; resolves once a pass that is running has finished. */
  stop(): Promise<void>;
}

export function scheduleReminderPasses(opts: {
  target: ReminderTarget;
  clock: Clock;
  log: Logger;
  firstDelayMs?: number;
  intervalMs?: number;
}): ReminderTimer {
  let running: Promise<ReminderCounts | null> | null = null;
  let stopped = false;

  const pass = async (): Promise<ReminderCounts | null> => {
    const db = opts.target();
    if (db === 'skip') return null;
    try {
      const counts = await runScheduledReminders(db, opts.clock.now(), opts.log);
      const made =
        counts.sessionReminders + counts.goalReminders + counts.complianceReminders + counts.digests;
      if (made > 0) opts.log.info('reminder pass', { ...counts, central: db.dialect === 'mysql' });
      return counts;
    } catch (err) {
      // Offline is normal for a laptop; anything else is worth a line for support.
      if (!isConnectionError(err)) opts.log.warn('reminder pass failed', { error: String(err) });
      return null;
    }
  };

  const runNow = (): Promise<ReminderCounts | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= pass().finally(() => (running = null));
    return running;
  };

  const tick = (): void => void runNow();
  let interval: ReturnType<typeof setInterval> | null = null;
  const first = setTimeout(() => {
    tick();
    interval = setInterval(tick, opts.intervalMs ?? REMINDER_INTERVAL_MS);
    interval.unref?.();
  }, opts.firstDelayMs ?? REMINDER_FIRST_DELAY_MS);
  // The timer never keeps a process (CLI, tests) alive on its own.
  first.unref?.();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearTimeout(first);
      if (interval) clearInterval(interval);
      await running;
    },
  };
}
