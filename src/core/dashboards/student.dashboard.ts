import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import {
  GOAL_STATUSES,
  type AssignmentStatus,
  type GoalStatus,
  type SessionMode,
} from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, scopeGoals, scopeNotifications, scopeSessions } from '../scope/index.ts';
import { parseActionItems } from '../sessions/action-items.ts';
import { countAll, fullName, sortItems, tally, type OpenItem } from './common.ts';

// A student's home screen: its current mentor(s), its next session (never a summary: the columns
// selected here are the ones ROLES.md lets a student see), its goals and open action items.

type Out = z.input<(typeof dashboardsContract)['dashboards:student']['output']>;

async function mentors(ctx: AuthedContext): Promise<Out['mentors']> {
  const rows = await ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('users as u', 'u.id', 'a.mentorId')
    .leftJoin('user_profiles as p', 'p.userId', 'a.mentorId')
    .leftJoin('mentor_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.mentorId', 'a.status', 'u.email', 'p.firstName', 'p.lastName', 'p.phone', 'mp.designation'])
    .where('a.studentId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK)
    .orderBy('a.assignedAt')
    .execute();
  return rows.map((r) => ({
    id: r.mentorId,
    name: fullName(r.firstName, r.lastName),
    email: r.email,
    phone: r.phone,
    designation: r.designation,
    assignmentStatus: r.status as AssignmentStatus,
  }));
}

interface SessionRow {
  id: string;
  sessionDate: string;
  status: string;
  mode: SessionMode;
  location: string | null;
  topic: string;
  actionItems: string | null;
  mentorId: string;
  firstName: string | null;
  lastName: string | null;
  assignmentStatus: string;
  studentFirst: string | null;
  studentLast: string | null;
}

/**
 * The student's own sessions (scopeSessions), in one query driven by its assignments; the next
 * one and the open action items are picked in JS. A status filter in SQL would let SQLite drive
 * from INDEX(status, sessionDate) over every scheduled session of the department instead.
 */
async function sessionsOf(ctx: AuthedContext): Promise<SessionRow[]> {
  return ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as p', 'p.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .select([
      'sp.firstName as studentFirst',
      'sp.lastName as studentLast',
      's.id',
      's.sessionDate',
      's.status',
      's.mode',
      's.location',
      's.topic',
      's.actionItems',
      'a.mentorId',
      'p.firstName',
      'p.lastName',
      'a.status as assignmentStatus',
    ])
    .where(scopeSessions(ctx.actor, 's'))
    .execute();
}

function nextSession(rows: readonly SessionRow[], now: string): Out['upcoming'] {
  const r = rows
    .filter((x) => x.status === 'SCHEDULED' && x.sessionDate > now)
    .sort((a, b) => a.sessionDate.localeCompare(b.sessionDate) || a.id.localeCompare(b.id))[0];
  if (!r) return null;
  return {
    id: r.id,
    sessionDate: r.sessionDate,
    mode: r.mode,
    location: r.location,
    topic: r.topic,
    mentor: { id: r.mentorId, name: fullName(r.firstName, r.lastName) },
  };
}

/** Open items of live sessions of current assignments (ended mentoring closes its to-do list). */
function itemsOf(rows: readonly SessionRow[], me: string): OpenItem[] {
  const live = rows.filter(
    (r) => r.status !== 'CANCELLED' && (CURRENT_LINK as readonly string[]).includes(r.assignmentStatus),
  );
  return sortItems(
    live.flatMap((r) =>
      parseActionItems(r.actionItems)
        .filter((i) => !i.done)
        .map((i) => ({
          sessionId: r.id,
          sessionDate: r.sessionDate,
          studentId: me,
          studentName: fullName(r.studentFirst, r.studentLast),
          text: i.text,
          dueOn: i.dueOn ?? null,
        })),
    ),
  );
}

async function goals(ctx: AuthedContext): Promise<Out['goals']> {
  const rows = await ctx.db
    .selectFrom('goals as g')
    .select(['g.id', 'g.title', 'g.status', 'g.progressPct', 'g.targetDate'])
    .where(scopeGoals(ctx.actor, 'g'))
    .execute();
  const today = `${ctx.now.slice(0, 10)}T00:00:00.000Z`;
  const open = rows
    .filter((g) => g.status !== 'COMPLETED')
    .map((g) => ({
      ...g,
      status: g.status as GoalStatus,
      overdue: g.targetDate !== null && g.targetDate < today,
    }))
    .sort(
      (a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id.localeCompare(b.id),
    );
  return {
    total: rows.length,
    byStatus: tally(
      GOAL_STATUSES,
      rows.map((g) => ({ k: g.status, n: 1 })),
    ),
    averageProgress:
      open.length === 0
        ? null
        : Math.round((open.reduce((t, g) => t + g.progressPct, 0) / open.length) * 10) / 10,
    overdue: open.filter((g) => g.overdue).length,
    open: open.slice(0, 10),
  };
}

export async function studentDashboard(ctx: AuthedContext): Promise<Out> {
  const unread = await ctx.db
    .selectFrom('notifications as n')
    .select(countAll.as('n'))
    .where(scopeNotifications(ctx.actor, 'n'))
    .where('n.readAt', 'is', null)
    .executeTakeFirst();
  const sessions = await sessionsOf(ctx);
  return {
    asOf: ctx.now,
    mentors: await mentors(ctx),
    upcoming: nextSession(sessions, ctx.now),
    goals: await goals(ctx),
    actionItems: itemsOf(sessions, ctx.actor.userId).slice(0, 50),
    unreadNotifications: Number(unread?.n ?? 0),
  };
}
