import { sql } from 'kysely';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, col, isIn, qb, scopeAlerts, scopeSessions } from '../scope/index.ts';
import { addDays, istDayStart } from './format.ts';
import { loadMentorLoad, type MentorLoadRow } from './mentor-load.queries.ts';
import type { Period } from './period.ts';
import { studentIds } from './report-students.ts';
import { loadRiskReport, type RiskData } from './risk.queries.ts';
import { inTargetDepartments, type ReportTarget } from './target.queries.ts';

// The HOD's one-page summary: figures from the risk and mentor-load queries (same scope rules)
// plus sessions per month, unassigned students and open alerts by kind.

export interface MonthCount {
  /** "YYYY-MM" (IST month). */
  month: string;
  held: number;
}

export interface DepartmentSummary {
  risk: RiskData;
  mentors: MentorLoadRow[];
  sessions: { planned: number; held: number; cancelled: number; present: number };
  months: MonthCount[];
  unassigned: number;
  alerts: { critical: number; grievance: number };
}

export const CHART_MONTHS = 6;

/** The IST months ending with the period's last month, oldest first. */
export function monthsEnding(lastDay: string, n = CHART_MONTHS): string[] {
  const [y, m] = lastDay.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

const monthStart = (key: string): string => istDayStart(`${key}-01`);
const nextMonth = (key: string): string => monthStart(addDays(`${key}-28`, 5).slice(0, 7));

function sessionsBase(ctx: AuthedContext, t: ReportTarget) {
  let q = ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where(scopeSessions(ctx.actor, 's'))
    .where(inTargetDepartments(t, col('a', 'departmentId')));
  if (t.mentor) q = q.where('a.mentorId', '=', t.mentor.id);
  return q;
}

async function sessionFigures(
  ctx: AuthedContext,
  t: ReportTarget,
  p: Period,
): Promise<DepartmentSummary['sessions']> {
  const st = sql.ref('s.status');
  const when = (cond: ReturnType<typeof sql>) =>
    sql<number | string>`sum(case when ${cond} then 1 else 0 end)`;
  const r = await sessionsBase(ctx, t)
    .select([
      when(sql`${st} <> 'CANCELLED'`).as('planned'),
      when(sql`${st} = 'COMPLETED'`).as('held'),
      when(sql`${st} = 'CANCELLED'`).as('cancelled'),
      when(sql`${st} = 'COMPLETED' and ${sql.ref('s.attendance')} = 'PRESENT'`).as('present'),
    ])
    .where('s.sessionDate', '>=', p.startIso)
    .where('s.sessionDate', '<', p.endIso)
    .executeTakeFirstOrThrow();
  return {
    planned: Number(r.planned ?? 0),
    held: Number(r.held ?? 0),
    cancelled: Number(r.cancelled ?? 0),
    present: Number(r.present ?? 0),
  };
}

/** Completed sessions per IST month: one conditional count per month, exact at month edges. */
async function perMonth(ctx: AuthedContext, t: ReportTarget, p: Period): Promise<MonthCount[]> {
  const months = monthsEnding(p.to);
  const date = sql.ref('s.sessionDate');
  const r = await sessionsBase(ctx, t)
    .select(
      months.map((m, i) =>
        sql<
          number | string
        >`sum(case when ${date} >= ${monthStart(m)} and ${date} < ${nextMonth(m)} then 1 else 0 end)`.as(
          `m${i}`,
        ),
      ),
    )
    .where('s.status', '=', 'COMPLETED')
    .where('s.sessionDate', '>=', monthStart(months[0]!))
    .where('s.sessionDate', '<', nextMonth(months[months.length - 1]!))
    .executeTakeFirstOrThrow();
  const row = r as Record<string, number | string | null>;
  return months.map((month, i) => ({ month, held: Number(row[`m${i}`] ?? 0) }));
}

async function unassigned(ctx: AuthedContext, t: ReportTarget): Promise<number> {
  const linked = qb()
    .selectFrom('mentor_assignments as da')
    .select('da.studentId')
    .where('da.status', 'in', CURRENT_LINK);
  const r = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select(sql<number | string>`count(*)`.as('n'))
    .where(isIn(col('sp', 'userId'), studentIds(ctx, t)))
    .where('u.status', '<>', 'DISABLED')
    .where(sql<boolean>`${sql.ref('sp.userId')} not in ${linked}`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function alertKinds(ctx: AuthedContext, t: ReportTarget): Promise<DepartmentSummary['alerts']> {
  const r = await ctx.db
    .selectFrom('alerts as al')
    .select([
      sql<number | string>`sum(case when ${sql.ref('al.severity')} = 'CRITICAL' then 1 else 0 end)`.as(
        'critical',
      ),
      sql<number | string>`sum(case when ${sql.ref('al.category')} = 'GRIEVANCE' then 1 else 0 end)`.as(
        'grievance',
      ),
    ])
    .where('al.status', '=', 'OPEN')
    .where(scopeAlerts(ctx.actor, 'al'))
    .where(isIn(col('al', 'studentId'), studentIds(ctx, t)))
    .executeTakeFirstOrThrow();
  return { critical: Number(r.critical ?? 0), grievance: Number(r.grievance ?? 0) };
}

export async function loadDepartmentSummary(
  ctx: AuthedContext,
  t: ReportTarget,
  p: Period,
): Promise<DepartmentSummary> {
  return {
    risk: await loadRiskReport(ctx, t, p),
    mentors: await loadMentorLoad(ctx, t, p),
    sessions: await sessionFigures(ctx, t, p),
    months: await perMonth(ctx, t, p),
    unassigned: await unassigned(ctx, t),
    alerts: await alertKinds(ctx, t),
  };
}
