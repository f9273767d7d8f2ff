import { sql, type Expression } from 'kysely';
import type { AuthedContext } from '../context.ts';
import {
  CURRENT_LINK,
  anyOf,
  col,
  hasRole,
  inList,
  isIn,
  qb,
  scopeAlerts,
  scopeAssignments,
  scopeSessions,
  scopeUsers,
} from '../scope/index.ts';
import { feedbackInScope } from './feedback-scope.ts';
import { personName } from './format.ts';
import type { Period } from './period.ts';
import { inTargetDepartments, type ReportTarget } from './target.queries.ts';

// Mentor load: one row per mentor in the reader's user scope (a mentor sees only itself), in the
// report's department or institution. Every figure is counted in SQL through the scope
// predicates; the average rating uses only feedback the reader may read (scopeFeedback), so a
// mentor's own copy leaves out ratings marked confidential to the department.

export interface MentorLoadRow {
  id: string;
  name: string;
  designation: string | null;
  availability: string;
  active: number;
  paused: number;
  capacity: number;
  /** Sessions dated in the period that were not cancelled. */
  planned: number;
  held: number;
  cancelled: number;
  /** SCHEDULED sessions dated in the period... */
  pending: number;
  /** ...of which dated before the report was made (to be recorded or cancelled). */
  overdue: number;
  avgRating: number | null;
  ratings: number;
  openAlerts: number;
}

const n = (v: unknown): number => Number(v ?? 0);
const sumWhen = (cond: ReturnType<typeof sql>) =>
  sql<number | string>`sum(case when ${cond} then 1 else 0 end)`;

function assignmentCounts(ctx: AuthedContext) {
  const status = sql.ref('a.status');
  return ctx.db
    .selectFrom('mentor_assignments as a')
    .select([
      'a.mentorId',
      sumWhen(sql`${status} = 'ACTIVE'`).as('active'),
      sumWhen(sql`${status} = 'PAUSED'`).as('paused'),
    ])
    .where(scopeAssignments(ctx.actor, 'a'))
    .where('a.status', 'in', CURRENT_LINK)
    .groupBy('a.mentorId')
    .as('ac');
}

function sessionCounts(ctx: AuthedContext, p: Period) {
  const status = sql.ref('s.status');
  const date: Expression<unknown> = sql.ref('s.sessionDate');
  return ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select([
      'a.mentorId',
      sumWhen(sql`${status} <> 'CANCELLED'`).as('planned'),
      sumWhen(sql`${status} = 'COMPLETED'`).as('held'),
      sumWhen(sql`${status} = 'CANCELLED'`).as('cancelled'),
      sumWhen(sql`${status} = 'SCHEDULED'`).as('pending'),
      sumWhen(sql`${status} = 'SCHEDULED' and ${date} < ${ctx.now}`).as('overdue'),
    ])
    .where(scopeSessions(ctx.actor, 's'))
    .where('s.sessionDate', '>=', p.startIso)
    .where('s.sessionDate', '<', p.endIso)
    .groupBy('a.mentorId')
    .as('sc');
}

function ratings(ctx: AuthedContext, p: Period) {
  return ctx.db
    .selectFrom('session_feedback as f')
    .innerJoin('session_records as s', 's.id', 'f.sessionId')
    .select([
      'f.recipientUserId',
      sql<number | string | null>`avg(${sql.ref('f.rating')})`.as('avgRating'),
      sql<number | string>`count(*)`.as('ratings'),
    ])
    .where('f.type', '=', 'STUDENT_TO_MENTOR')
    .where(feedbackInScope(ctx.actor, 'f', 's'))
    .where('s.sessionDate', '>=', p.startIso)
    .where('s.sessionDate', '<', p.endIso)
    .groupBy('f.recipientUserId')
    .as('fr');
}

function openAlerts(ctx: AuthedContext) {
  return ctx.db
    .selectFrom('alerts as al')
    .innerJoin('mentor_assignments as a', 'a.studentId', 'al.studentId')
    .select(['a.mentorId', sql<number | string>`count(*)`.as('openAlerts')])
    .where('al.status', '=', 'OPEN')
    .where('a.status', 'in', CURRENT_LINK)
    .where(scopeAlerts(ctx.actor, 'al'))
    .groupBy('a.mentorId')
    .as('oa');
}

export async function loadMentorLoad(
  ctx: AuthedContext,
  t: ReportTarget,
  p: Period,
): Promise<MentorLoadRow[]> {
  const current = qb()
    .selectFrom('mentor_assignments as ml_a')
    .select('ml_a.mentorId')
    .where('ml_a.status', 'in', CURRENT_LINK);
  let q = ctx.db
    .selectFrom('users as u')
    .innerJoin('user_profiles as up', 'up.userId', 'u.id')
    .leftJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .leftJoin(assignmentCounts(ctx), 'ac.mentorId', 'u.id')
    .leftJoin(sessionCounts(ctx, p), 'sc.mentorId', 'u.id')
    .leftJoin(ratings(ctx, p), 'fr.recipientUserId', 'u.id')
    .leftJoin(openAlerts(ctx), 'oa.mentorId', 'u.id')
    .where(hasRole('u', 'MENTOR'))
    .where(scopeUsers(ctx.actor, 'u'))
    .where(inTargetDepartments(t, col('u', 'departmentId')))
    // A disabled account still counts while it has mentees to hand over.
    .where(anyOf(inList(col('u', 'status'), ['ACTIVE', 'INVITED']), isIn(col('u', 'id'), current)));
  if (t.mentor) q = q.where('u.id', '=', t.mentor.id);
  const rows = await q
    .select([
      'u.id',
      'up.firstName',
      'up.lastName',
      'up.title',
      'mp.designation',
      'mp.availabilityStatus',
      'mp.maxMentees',
      'ac.active',
      'ac.paused',
      'sc.planned',
      'sc.held',
      'sc.cancelled',
      'sc.pending',
      'sc.overdue',
      'fr.avgRating',
      'fr.ratings',
      'oa.openAlerts',
    ])
    .orderBy(sql`lower(${sql.ref('up.firstName')})`)
    .orderBy(sql`lower(${sql.ref('up.lastName')})`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: personName(r),
    designation: r.designation ?? null,
    availability: r.availabilityStatus ?? 'AVAILABLE',
    active: n(r.active),
    paused: n(r.paused),
    capacity: n(r.maxMentees ?? 0),
    planned: n(r.planned),
    held: n(r.held),
    cancelled: n(r.cancelled),
    pending: n(r.pending),
    overdue: n(r.overdue),
    avgRating: r.avgRating === null || r.avgRating === undefined ? null : Number(r.avgRating),
    ratings: n(r.ratings),
    openAlerts: n(r.openAlerts),
  }));
}
