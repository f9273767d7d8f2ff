import { sql, type Expression } from 'kysely';
import type { RiskLevel } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, col, isIn, scopeAlerts, scopeAssignments, scopeSessions } from '../scope/index.ts';
import { personName } from './format.ts';
import { previousPeriod, type Period } from './period.ts';
import { studentFilter, studentIds } from './report-students.ts';
import { changesOver, levelEvents } from './risk-changes.ts';
import type { ReportTarget } from './target.queries.ts';

// Risk report data. Which students: those in the reader's student scope (scopeStudents: admins
// their users, a mentor its current mentees), in the report's department or institution, and with
// the chosen mentor when there is one.
//
// "Changes since the previous period": the risk engine writes an audit row (action 'risk:level',
// entity 'student_profiles', before/after riskLevel) whenever a level changes. A student's level
// at an instant T is the `before` of its first such row at or after T, or its current level when
// none follows T. We compare the level at the start of the period (= the end of the previous
// period) with the level at its end. Only these rows' riskLevel values are read, and only for
// students in the reader's scope, so a mentor learns nothing it cannot already see; the audit log
// itself stays admin-only. Alerts opened and closed are counted for this period and the previous
// one (same number of days, immediately before).

export type Levels = Record<RiskLevel, number>;

export interface RiskStudentRow {
  id: string;
  name: string;
  rollNumber: string;
  program: string | null;
  yearOfStudy: number | null;
  gpa: number | null;
  attendancePct: number | null;
  riskLevel: RiskLevel;
  lastSessionAt: string | null;
  openAlerts: number;
  mentors: string[];
}

export interface RiskChange {
  id: string;
  name: string;
  rollNumber: string;
  from: RiskLevel;
  to: RiskLevel;
}

export interface AlertFlow {
  openedThis: number;
  openedPrevious: number;
  closedThis: number;
  closedPrevious: number;
  openNow: number;
}

export interface RiskData {
  students: RiskStudentRow[];
  distribution: Levels;
  distributionAtStart: Levels;
  changes: RiskChange[];
  alerts: AlertFlow;
  previous: Period;
  /** Whether any level change was recorded for these students since the previous period began. */
  historyRecorded: boolean;
}

const zeroLevels = (): Levels => ({ HIGH: 0, MEDIUM: 0, LOW: 0 });

async function distribution(ctx: AuthedContext, t: ReportTarget): Promise<Levels> {
  const rows = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select(['sp.riskLevel', sql<number | string>`count(*)`.as('n')])
    .where(studentFilter(ctx, t, 'sp', 'u'))
    .groupBy('sp.riskLevel')
    .execute();
  const out = zeroLevels();
  for (const r of rows) out[r.riskLevel] = Number(r.n);
  return out;
}

const atRiskIds = (ctx: AuthedContext, t: ReportTarget) =>
  studentIds(ctx, t).where('rk_sp.riskLevel', 'in', ['HIGH', 'MEDIUM']);

async function atRiskStudents(ctx: AuthedContext, t: ReportTarget): Promise<RiskStudentRow[]> {
  // Only the listed students' sessions. The status test sits inside max() on purpose: as a WHERE
  // clause it leads SQLite to scan every completed session in the department (a large share of a
  // second); without it the query goes student → assignments → sessions by index.
  const last = ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select([
      'a.studentId',
      sql<
        string | null
      >`max(case when ${sql.ref('s.status')} = 'COMPLETED' then ${sql.ref('s.sessionDate')} end)`.as(
        'lastAt',
      ),
    ])
    .where(isIn(col('a', 'studentId'), atRiskIds(ctx, t)))
    .where(scopeSessions(ctx.actor, 's'))
    .groupBy('a.studentId')
    .as('ls');
  const alerts = ctx.db
    .selectFrom('alerts as al')
    .select(['al.studentId', sql<number | string>`count(*)`.as('n')])
    .where('al.status', '=', 'OPEN')
    .where(scopeAlerts(ctx.actor, 'al'))
    .groupBy('al.studentId')
    .as('oa');
  const rows = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .leftJoin(last, 'ls.studentId', 'sp.userId')
    .leftJoin(alerts, 'oa.studentId', 'sp.userId')
    .select([
      'sp.userId as id',
      'p.firstName',
      'p.lastName',
      'sp.rollNumber',
      'sp.program',
      'sp.yearOfStudy',
      'sp.gpa',
      'sp.attendancePct',
      'sp.riskLevel',
      'ls.lastAt',
      'oa.n as openAlerts',
    ])
    .where(studentFilter(ctx, t, 'sp', 'u'))
    .where('sp.riskLevel', 'in', ['HIGH', 'MEDIUM'])
    .orderBy(sql`case ${sql.ref('sp.riskLevel')} when 'HIGH' then 0 else 1 end`)
    .orderBy('sp.rollNumber')
    .execute();
  const mentors = await mentorNames(ctx, t);
  return rows.map((r) => ({
    id: r.id,
    name: personName(r),
    rollNumber: r.rollNumber,
    program: r.program,
    yearOfStudy: r.yearOfStudy,
    gpa: r.gpa === null ? null : Number(r.gpa),
    attendancePct: r.attendancePct === null ? null : Number(r.attendancePct),
    riskLevel: r.riskLevel,
    lastSessionAt: r.lastAt ?? null,
    openAlerts: Number(r.openAlerts ?? 0),
    mentors: mentors.get(r.id) ?? [],
  }));
}

/** Current (ACTIVE or PAUSED) mentors of the report's at-risk students, by student id. */
async function mentorNames(ctx: AuthedContext, t: ReportTarget): Promise<Map<string, string[]>> {
  const atRisk = atRiskIds(ctx, t);
  const rows = await ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.studentId', 'a.status', 'mp.firstName', 'mp.lastName', 'mp.title'])
    .where('a.status', 'in', CURRENT_LINK)
    .where(scopeAssignments(ctx.actor, 'a'))
    .where(isIn(col('a', 'studentId'), atRisk))
    .orderBy('a.assignedAt')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.studentId) ?? [];
    list.push(`${personName(r)}${r.status === 'PAUSED' ? ' (paused)' : ''}`);
    out.set(r.studentId, list);
  }
  return out;
}

const between = (ref: Expression<unknown>, p: Period) =>
  sql<number | string>`sum(case when ${ref} >= ${p.startIso} and ${ref} < ${p.endIso} then 1 else 0 end)`;

async function alertFlow(ctx: AuthedContext, t: ReportTarget, p: Period, prev: Period): Promise<AlertFlow> {
  const created = sql.ref('al.createdAt');
  const closed = sql.ref('al.closedAt');
  const r = await ctx.db
    .selectFrom('alerts as al')
    .select([
      between(created, p).as('openedThis'),
      between(created, prev).as('openedPrevious'),
      between(closed, p).as('closedThis'),
      between(closed, prev).as('closedPrevious'),
      sql<number | string>`sum(case when ${sql.ref('al.status')} = 'OPEN' then 1 else 0 end)`.as('openNow'),
    ])
    .where(scopeAlerts(ctx.actor, 'al'))
    .where(isIn(col('al', 'studentId'), studentIds(ctx, t)))
    .executeTakeFirstOrThrow();
  return {
    openedThis: Number(r.openedThis ?? 0),
    openedPrevious: Number(r.openedPrevious ?? 0),
    closedThis: Number(r.closedThis ?? 0),
    closedPrevious: Number(r.closedPrevious ?? 0),
    openNow: Number(r.openNow ?? 0),
  };
}

export async function loadRiskReport(ctx: AuthedContext, t: ReportTarget, p: Period): Promise<RiskData> {
  const previous = previousPeriod(p);
  const dist = await distribution(ctx, t);
  const events = await levelEvents(ctx, t, previous.startIso);
  const { changes, atStart } = changesOver(events, p, dist);
  return {
    students: await atRiskStudents(ctx, t),
    distribution: dist,
    distributionAtStart: atStart,
    changes,
    alerts: await alertFlow(ctx, t, p, previous),
    previous,
    historyRecorded: events.length > 0,
  };
}
