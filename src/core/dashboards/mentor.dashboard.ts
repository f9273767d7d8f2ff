import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import type { AssignmentStatus, RiskLevel, SessionMode } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, scopeAlerts } from '../scope/index.ts';
import { parseActionItems } from '../sessions/action-items.ts';
import { countAll, fullName, sortItems, type OpenItem } from './common.ts';

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

interface SessionRow {
  id: string;
  studentId: string;
  sessionDate: string;
  status: string;
  topic: string;
  mode: SessionMode;
  nextMeetingOn: string | null;
  actionItems: string | null;
}

/**
 * Every session of the mentor's current assignments, in one query driven by INDEX(mentorId,
 * status) then INDEX(assignmentId, sessionDate): a busy mentor has a few hundred. Filtering by
 * session status in SQL would let SQLite drive from INDEX(status, sessionDate) instead and read
 * every scheduled or completed session of the database (measured: 160 ms at department scale).
 */
async function sessionsOf(ctx: AuthedContext): Promise<SessionRow[]> {
  return ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select([
      's.id',
      'a.studentId',
      's.sessionDate',
      's.status',
      's.topic',
      's.mode',
      's.nextMeetingOn',
      's.actionItems',
    ])
    .where('a.mentorId', '=', ctx.actor.userId)
    .where('a.status', 'in', CURRENT_LINK)
    .execute();
}

interface Marks {
  last?: string;
  next?: string;
  note?: { at: string; on: string };
}

/** Per mentee: latest completed session, next scheduled one, the latest "next meeting" noted. */
function marksOf(rows: readonly SessionRow[], now: string): Map<string, Marks> {
  const out = new Map<string, Marks>();
  for (const r of rows) {
    const m = out.get(r.studentId) ?? {};
    if (r.status === 'COMPLETED') {
      if (!m.last || r.sessionDate > m.last) m.last = r.sessionDate;
      if (r.nextMeetingOn && (!m.note || r.sessionDate > m.note.at))
        m.note = { at: r.sessionDate, on: r.nextMeetingOn };
    }
    if (r.status === 'SCHEDULED' && r.sessionDate > now && (!m.next || r.sessionDate < m.next))
      m.next = r.sessionDate;
    out.set(r.studentId, m);
  }
  return out;
}

/** Open items of live (not cancelled) sessions, due date first, undated last. */
function itemsOf(rows: readonly SessionRow[], names: Map<string, string>): OpenItem[] {
  const items = rows
    .filter((r) => r.status !== 'CANCELLED' && r.actionItems !== null)
    .flatMap((r) =>
      parseActionItems(r.actionItems)
        .filter((i) => !i.done)
        .map((i) => ({
          sessionId: r.id,
          sessionDate: r.sessionDate,
          studentId: r.studentId,
          studentName: names.get(r.studentId) ?? '',
          text: i.text,
          dueOn: i.dueOn ?? null,
        })),
    );
  return sortItems(items);
}

async function openAlerts(ctx: AuthedContext): Promise<number> {
  const r = await ctx.db
    .selectFrom('alerts as al')
    .select(countAll.as('n'))
    .where('al.status', '=', 'OPEN')
    .where(scopeAlerts(ctx.actor, 'al'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function mentorDashboard(ctx: AuthedContext): Promise<Out> {
  const people = await mentees(ctx);
  const names = new Map(people.map((m) => [m.studentId, fullName(m.firstName, m.lastName)]));
  const sessions = await sessionsOf(ctx);
  const marks = marksOf(sessions, ctx.now);
  const items = itemsOf(sessions, names);
  const today = ctx.now.slice(0, 10);
  const weekAhead = new Date(Date.parse(ctx.now) + WEEK_MS).toISOString();
  const scheduled = sessions.filter((r) => r.status === 'SCHEDULED');
  const upcoming = scheduled
    .filter((r) => r.sessionDate > ctx.now)
    .sort((a, b) => a.sessionDate.localeCompare(b.sessionDate) || a.id.localeCompare(b.id));
  const openBy = new Map<string, number>();
  for (const i of items) openBy.set(i.studentId, (openBy.get(i.studentId) ?? 0) + 1);
  const rows = people.map((m) => {
    const mk = marks.get(m.studentId) ?? {};
    return {
      studentId: m.studentId,
      name: names.get(m.studentId) ?? '',
      rollNumber: m.rollNumber,
      riskLevel: m.riskLevel as RiskLevel,
      assignmentStatus: m.status as AssignmentStatus,
      lastSessionAt: mk.last ?? null,
      nextSessionAt: mk.next ?? null,
      nextMeetingOn: mk.note && mk.note.on.slice(0, 10) >= today ? mk.note.on : null,
      openActionItems: openBy.get(m.studentId) ?? 0,
    };
  });
  return {
    asOf: ctx.now,
    counts: {
      mentees: rows.length,
      highRisk: rows.filter((r) => r.riskLevel === 'HIGH').length,
      mediumRisk: rows.filter((r) => r.riskLevel === 'MEDIUM').length,
      openAlerts: await openAlerts(ctx),
      pendingSessions: scheduled.filter((r) => r.sessionDate < ctx.now).length,
      upcomingSessions: upcoming.filter((r) => r.sessionDate < weekAhead).length,
      openActionItems: items.length,
    },
    mentees: rows,
    upcoming: upcoming.slice(0, 10).map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      topic: r.topic,
      mode: r.mode,
      student: { id: r.studentId, name: names.get(r.studentId) ?? '' },
    })),
    actionItems: items.slice(0, 50),
  };
}
