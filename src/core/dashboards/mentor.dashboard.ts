import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import type { AssignmentStatus, RiskLevel } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, scopeAlerts } from '../scope/index.ts';
import { countAll, fullName, openActionItems } from './common.ts';

// A mentor's home screen: its current mentees (ACTIVE or PAUSED assignments, the mentor's own
// scope), their risk, last and next session, and what is open.

type Out = z.input<(typeof dashboardsContract)['dashboards:mentor']['output']>;

const WEEK_MS = 7 * 86_400_000;

async function mentees(ctx: AuthedContext) {
  return ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('student_profiles as sp', 'sp.userId', 'a.studentId')
    .leftJoin('user_profiles as p', 'p.userId', 'a.studentId')
    .select(['a.studentId', 'a.status', 'sp.rollNumber', 'sp.riskLevel', 'p.firstName', 'p.lastName'])
    .where('a.mentorId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK)
    .orderBy('sp.rollNumber')
    .execute();
}

/** Per mentee: the latest completed session, the next scheduled one, and the latest "next meeting" note. */
async function sessionMarks(ctx: AuthedContext) {
  const mine = ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where('a.mentorId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK);
  const marks = await mine
    .select((eb) => [
      'a.studentId',
      eb.fn.max(eb.case().when('s.status', '=', 'COMPLETED').then(eb.ref('s.sessionDate')).end()).as('last'),
      eb.fn
        .min(
          eb
            .case()
            .when(eb.and([eb('s.status', '=', 'SCHEDULED'), eb('s.sessionDate', '>', ctx.now)]))
            .then(eb.ref('s.sessionDate'))
            .end(),
        )
        .as('next'),
    ])
    .groupBy('a.studentId')
    .execute();
  const notes = await mine
    .select(['a.studentId', 's.sessionDate', 's.nextMeetingOn'])
    .where('s.status', '=', 'COMPLETED')
    .where('s.nextMeetingOn', 'is not', null)
    .execute();
  const latestNote = new Map<string, { at: string; on: string }>();
  for (const n of notes) {
    const seen = latestNote.get(n.studentId);
    if (!seen || n.sessionDate > seen.at)
      latestNote.set(n.studentId, { at: n.sessionDate, on: n.nextMeetingOn! });
  }
  return { marks: new Map(marks.map((m) => [m.studentId, m])), latestNote };
}

async function upcoming(ctx: AuthedContext): Promise<Out['upcoming']> {
  const rows = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as p', 'p.userId', 'a.studentId')
    .select(['s.id', 's.sessionDate', 's.topic', 's.mode', 'a.studentId', 'p.firstName', 'p.lastName'])
    .where('a.mentorId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK)
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '>', ctx.now)
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .limit(10)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sessionDate: r.sessionDate,
    topic: r.topic,
    mode: r.mode,
    student: { id: r.studentId, name: fullName(r.firstName, r.lastName) },
  }));
}

async function counts(ctx: AuthedContext) {
  const scheduled = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select((eb) => [
      eb.fn.sum(eb.case().when('s.sessionDate', '<', ctx.now).then(1).else(0).end()).as('pending'),
      eb.fn.sum(eb.case().when('s.sessionDate', '>', ctx.now).then(1).else(0).end()).as('upcoming'),
    ])
    .where('a.mentorId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK)
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '<', new Date(Date.parse(ctx.now) + WEEK_MS).toISOString())
    .executeTakeFirst();
  const alerts = await ctx.db
    .selectFrom('alerts as al')
    .select(countAll.as('n'))
    .where('al.status', '=', 'OPEN')
    .where(scopeAlerts(ctx.actor, 'al'))
    .executeTakeFirst();
  return {
    pending: Number(scheduled?.pending ?? 0),
    upcoming: Number(scheduled?.upcoming ?? 0),
    alerts: Number(alerts?.n ?? 0),
  };
}

export async function mentorDashboard(ctx: AuthedContext): Promise<Out> {
  const people = await mentees(ctx);
  const { marks, latestNote } = await sessionMarks(ctx);
  const items = await openActionItems(ctx.db, { mentorId: ctx.actor.userId });
  const c = await counts(ctx);
  const today = ctx.now.slice(0, 10);
  const openBy = new Map<string, number>();
  for (const i of items) openBy.set(i.studentId, (openBy.get(i.studentId) ?? 0) + 1);
  const rows = people.map((m) => {
    const note = latestNote.get(m.studentId);
    return {
      studentId: m.studentId,
      name: fullName(m.firstName, m.lastName),
      rollNumber: m.rollNumber,
      riskLevel: m.riskLevel as RiskLevel,
      assignmentStatus: m.status as AssignmentStatus,
      lastSessionAt: (marks.get(m.studentId)?.last as string | null | undefined) ?? null,
      nextSessionAt: (marks.get(m.studentId)?.next as string | null | undefined) ?? null,
      nextMeetingOn: note && note.on.slice(0, 10) >= today ? note.on : null,
      openActionItems: openBy.get(m.studentId) ?? 0,
    };
  });
  return {
    asOf: ctx.now,
    counts: {
      mentees: rows.length,
      highRisk: rows.filter((r) => r.riskLevel === 'HIGH').length,
      mediumRisk: rows.filter((r) => r.riskLevel === 'MEDIUM').length,
      openAlerts: c.alerts,
      pendingSessions: c.pending,
      upcomingSessions: c.upcoming,
      openActionItems: items.length,
    },
    mentees: rows,
    upcoming: await upcoming(ctx),
    actionItems: items.slice(0, 50),
  };
}
