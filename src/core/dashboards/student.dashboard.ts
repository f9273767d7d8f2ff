import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import { GOAL_STATUSES, type AssignmentStatus, type GoalStatus } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, scopeGoals, scopeNotifications, scopeSessions } from '../scope/index.ts';
import { countAll, fullName, openActionItems, tally } from './common.ts';

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

async function nextSession(ctx: AuthedContext): Promise<Out['upcoming']> {
  const r = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as p', 'p.userId', 'a.mentorId')
    .select([
      's.id',
      's.sessionDate',
      's.mode',
      's.location',
      's.topic',
      'a.mentorId',
      'p.firstName',
      'p.lastName',
    ])
    .where(scopeSessions(ctx.actor, 's'))
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '>', ctx.now)
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .limit(1)
    .executeTakeFirst();
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
  return {
    asOf: ctx.now,
    mentors: await mentors(ctx),
    upcoming: await nextSession(ctx),
    goals: await goals(ctx),
    actionItems: (await openActionItems(ctx.db, { studentId: ctx.actor.userId })).slice(0, 50),
    unreadNotifications: Number(unread?.n ?? 0),
  };
}
