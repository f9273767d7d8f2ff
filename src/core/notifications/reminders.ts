import { createHash } from 'node:crypto';
import type { ReminderCounts } from '../../shared/contract/notifications.contract.ts';
import type { NotificationType } from '../../shared/domain/enums.ts';
import type { ServiceContext } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { insertAudit } from '../audit/audit.repo.ts';
import { silentLogger, type Logger } from '../log.ts';
import { uuidv7 } from '../ids.ts';
import { CURRENT_LINK, scopeGoals, scopeSessions, TRUE } from '../scope/index.ts';
import { clipTitle } from './notify.ts';
import { deliver, existingIds } from './delivery.ts';
import { complianceReminders } from '../compliance/compliance.reminders.ts';
import { runDigest } from './digest.ts';

// The reminder pass (issue 4 item 6): SESSION_REMINDER to mentor and student for SCHEDULED
// sessions due within 24 h; GOAL_DUE to the student and its active mentors for goals due within
// 7 days. Idempotent by construction: a reminder's id is derived from its key (type, record, the
// record's due date, recipient), so running twice, or on a laptop and on central, produces the
// same row once. A rescheduled session or a moved target date has a new key and is reminded again.

const HOUR_MS = 3_600_000;
const SESSION_WINDOW_MS = 24 * HOUR_MS;
const GOAL_WINDOW_DAYS = 7;

/** A UUID (version 8, RFC 9562 custom) from a stable key. */
export function reminderId(key: string): string {
  const b = createHash('sha256').update(`smms-reminder\u0000${key}`).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface Reminder {
  key: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  payload: Record<string, unknown>;
}

/** Inserts the reminders not yet present; returns how many were new. */
async function insertNew(ctx: ServiceContext, reminders: Reminder[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < reminders.length; i += 200) {
    const batch = reminders
      .slice(i, i + 200)
      .map((r) => ({ ...r, id: reminderId(`${r.key}\u0000${r.userId}`) }));
    // Already inserted, or waiting in its recipient's digest queue: either way, not again.
    const have = await existingIds(
      ctx,
      batch.map((r) => r.id),
    );
    const fresh = batch.filter((r) => !have.has(r.id));
    if (fresh.length === 0) continue;
    const rows = fresh.map((r) => ({
      id: r.id,
      userId: r.userId,
      type: r.type,
      title: clipTitle(r.title),
      body: r.body,
      payload: JSON.stringify({ ...r.payload, key: r.key }),
      createdAt: ctx.now,
    }));
    // A concurrent pass (the timer and an admin's button) may have inserted the same ids since the
    // select: the derived id makes that a key collision, which is skipped rather than failing.
    const done = await deliver(ctx, rows, true);
    for (const userId of done.inboxUsers) ctx.publish({ type: 'notifications:changed', userId });
    created += done.inserted;
  }
  return created;
}

const when = (isoText: string): string => `${isoText.slice(0, 10)} ${isoText.slice(11, 16)} UTC`;

async function sessionReminders(ctx: ServiceContext): Promise<Reminder[]> {
  const until = new Date(Date.parse(ctx.now) + SESSION_WINDOW_MS).toISOString();
  const rows = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .select([
      's.id',
      's.sessionDate',
      's.topic',
      's.mode',
      's.location',
      'a.mentorId',
      'a.studentId',
      'mp.firstName as mentorFirst',
      'mp.lastName as mentorLast',
      'sp.firstName as studentFirst',
      'sp.lastName as studentLast',
    ])
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '>', ctx.now)
    .where('s.sessionDate', '<=', until)
    .where('a.status', 'in', CURRENT_LINK)
    .where(ctx.actor ? scopeSessions(ctx.actor, 's') : TRUE)
    .execute();
  return rows.flatMap((s) => {
    const key = `SESSION_REMINDER:${s.id}:${s.sessionDate}`;
    const payload = { sessionId: s.id, sessionDate: s.sessionDate };
    const where = s.location ? ` at ${s.location}` : '';
    const body = `"${s.topic}" on ${when(s.sessionDate)} (${s.mode.replace('_', ' ').toLowerCase()}${where}).`;
    return [
      {
        key,
        userId: s.mentorId,
        type: 'SESSION_REMINDER' as const,
        title: `Session tomorrow with ${s.studentFirst ?? ''} ${s.studentLast ?? ''}`
          .replace(/\s+/g, ' ')
          .trim(),
        body,
        payload,
      },
      {
        key,
        userId: s.studentId,
        type: 'SESSION_REMINDER' as const,
        title: `Session with ${s.mentorFirst ?? ''} ${s.mentorLast ?? ''}`.replace(/\s+/g, ' ').trim(),
        body,
        payload,
      },
    ];
  });
}

async function goalReminders(ctx: ServiceContext): Promise<Reminder[]> {
  const today = `${ctx.now.slice(0, 10)}T00:00:00.000Z`;
  const last = new Date(Date.parse(today) + (GOAL_WINDOW_DAYS + 1) * 86_400_000 - 1).toISOString();
  const goals = await ctx.db
    .selectFrom('goals as g')
    .select(['g.id', 'g.studentId', 'g.title', 'g.targetDate', 'g.progressPct'])
    .where('g.status', '!=', 'COMPLETED')
    .where('g.targetDate', '>=', today)
    .where('g.targetDate', '<=', last)
    .where(ctx.actor ? scopeGoals(ctx.actor, 'g') : TRUE)
    .execute();
  if (goals.length === 0) return [];
  const mentors = await ctx.db
    .selectFrom('mentor_assignments')
    .select(['studentId', 'mentorId'])
    .where('studentId', 'in', [...new Set(goals.map((g) => g.studentId))])
    .where('status', '=', 'ACTIVE')
    .execute();
  return goals.flatMap((g) => {
    const due = g.targetDate!.slice(0, 10);
    const key = `GOAL_DUE:${g.id}:${due}`;
    const payload = { goalId: g.id, studentId: g.studentId, targetDate: g.targetDate };
    const body = `"${g.title}" is due on ${due} (${g.progressPct} % done).`;
    const users = [g.studentId, ...mentors.filter((m) => m.studentId === g.studentId).map((m) => m.mentorId)];
    return [...new Set(users)].map((userId) => ({
      key,
      userId,
      type: 'GOAL_DUE' as const,
      title: `Goal due ${due}: ${g.title}`,
      body,
      payload,
    }));
  });
}

/**
 * One reminder pass inside the caller's transaction. With an actor (reminders:run), only sessions
 * and goals in the actor's scope; without one (the app's timer), everything in this database.
 */
export async function runReminders(ctx: ServiceContext): Promise<ReminderCounts> {
  const sessionReminders_ = await insertNew(ctx, await sessionReminders(ctx));
  const goalReminders_ = await insertNew(ctx, await goalReminders(ctx));
  const compliance = await insertNew(ctx, await complianceReminders(ctx));
  // Last: the digest gathers what was held back before today, reminders included.
  const digests = await runDigest(ctx);
  return {
    sessionReminders: sessionReminders_,
    goalReminders: goalReminders_,
    complianceReminders: compliance,
    digests,
  };
}

/**
 * The timer's entry point (main process, hourly): one transaction, no actor, its own audit row
 * when anything was created. Run it where the data is authoritative: central when synced
 * (reminders are derived rows; the derived ids make a second run elsewhere harmless).
 */
export async function runScheduledReminders(
  db: Db,
  now: Date,
  log: Logger = silentLogger,
): Promise<ReminderCounts> {
  const at = now.toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    const ctx: ServiceContext = {
      db: trx,
      dialect: db.dialect,
      actor: null,
      clock: { now: () => now },
      ids: () => uuidv7(),
      now: at,
      // The timer has no window to refresh; the bell catches up on its next poll.
      publish: () => {},
      callName: 'reminders:run',
      session: {
        id: 'timer',
        userId: null,
        lastActivityMs: now.getTime(),
        ip: null,
        userAgent: 'SMMS timer',
      },
      log,
      audit: (e) =>
        insertAudit(trx, {
          userId: null,
          action: e.action ?? 'reminders:run',
          entity: e.entity,
          entityId: e.entityId ?? null,
          before: e.before,
          after: e.after,
          ip: null,
          userAgent: 'SMMS timer',
          createdAt: at,
        }),
    };
    const counts = await runReminders(ctx);
    if (counts.sessionReminders + counts.goalReminders + counts.complianceReminders + counts.digests > 0)
      await ctx.audit({ entity: 'notifications', after: counts });
    return counts;
  });
}
