import { sql } from 'kysely';
import type { AuthedContext } from '../context.ts';
import {
  allOf,
  anyOf,
  col,
  eq,
  isIn,
  qb,
  scopeAlerts,
  scopeAttachments,
  type Predicate,
} from '../scope/index.ts';
import type { DossierData } from './dossier.types.ts';
import { feedbackInScope } from './feedback-scope.ts';
import { personName } from './format.ts';
import type { Period } from './period.ts';

// The dossier's records about the student that others wrote: feedback (scopeFeedback: never
// feedback confidential to the department for a mentor or a student), alerts (none for a
// student) and attachments (scopeAttachments).

export const inPeriod = (ref: string, p: Period | null): Predicate =>
  p ? allOf(sql`${sql.ref(ref)} >= ${p.startIso}`, sql`${sql.ref(ref)} < ${p.endIso}`) : sql`1 = 1`;

/** Each student's rows, in the query's order (so each list is as a query for that student alone). */
export function byStudent<R extends { studentId: string }, T>(
  studentIds: readonly string[],
  rows: readonly R[],
  map: (r: R) => T,
): Map<string, T[]> {
  const out = new Map<string, T[]>(studentIds.map((id) => [id, []]));
  for (const r of rows) out.get(r.studentId)?.push(map(r));
  return out;
}

export async function feedback(
  ctx: AuthedContext,
  studentIds: readonly string[],
  p: Period | null,
): Promise<Map<string, DossierData['feedback']>> {
  const rows = await ctx.db
    .selectFrom('session_feedback as f')
    .innerJoin('session_records as s', 's.id', 'f.sessionId')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .innerJoin('user_profiles as gp', 'gp.userId', 'f.giverUserId')
    .innerJoin('user_profiles as rp', 'rp.userId', 'f.recipientUserId')
    .select(['a.studentId', 's.sessionDate', 'f.type', 'f.rating', 'f.comments', 'f.visibility'])
    .select(['gp.firstName as gFirst', 'gp.lastName as gLast', 'gp.title as gTitle'])
    .select(['rp.firstName as rFirst', 'rp.lastName as rLast', 'rp.title as rTitle'])
    .where('a.studentId', 'in', [...studentIds])
    .where(feedbackInScope(ctx.actor, 'f', 's'))
    .where(inPeriod('s.sessionDate', p))
    .orderBy('s.sessionDate')
    .orderBy('f.id')
    .execute();
  return byStudent(studentIds, rows, (r) => ({
    date: r.sessionDate,
    giver: personName({ firstName: r.gFirst, lastName: r.gLast, title: r.gTitle }),
    recipient: personName({ firstName: r.rFirst, lastName: r.rLast, title: r.rTitle }),
    type: r.type,
    rating: r.rating,
    comments: r.comments,
    visibility: r.visibility,
  }));
}

/** null when the reader may see no alerts at all (students). */
export async function alerts(
  ctx: AuthedContext,
  studentIds: readonly string[],
  p: Period | null,
): Promise<Map<string, NonNullable<DossierData['alerts']>> | null> {
  if (ctx.actor.role === 'STUDENT') return null;
  const rows = await ctx.db
    .selectFrom('alerts as al')
    .select(['al.studentId', 'al.createdAt', 'al.severity', 'al.category', 'al.message', 'al.status'])
    .select(['al.closedAt'])
    .where('al.studentId', 'in', [...studentIds])
    .where(scopeAlerts(ctx.actor, 'al'))
    .where(inPeriod('al.createdAt', p))
    .orderBy('al.createdAt')
    .orderBy('al.id')
    .execute();
  return byStudent(studentIds, rows, (r) => ({
    createdAt: r.createdAt,
    severity: r.severity,
    category: r.category,
    message: r.message,
    status: r.status,
    closedAt: r.closedAt,
  }));
}

export async function attachments(
  ctx: AuthedContext,
  studentId: string,
): Promise<DossierData['attachments']> {
  const ofStudent = (type: string, ids: Parameters<typeof isIn>[1]): Predicate =>
    allOf(eq(col('at', 'relatedType'), type), isIn(col('at', 'relatedId'), ids));
  const assignmentIds = qb()
    .selectFrom('mentor_assignments as d_a')
    .select('d_a.id')
    .where('d_a.studentId', '=', studentId);
  const sessionIds = qb()
    .selectFrom('session_records as d_s')
    .select('d_s.id')
    .where(isIn(col('d_s', 'assignmentId'), assignmentIds));
  const feedbackIds = qb()
    .selectFrom('session_feedback as d_f')
    .select('d_f.id')
    .where(isIn(col('d_f', 'sessionId'), sessionIds));
  const goalIds = qb().selectFrom('goals as d_g').select('d_g.id').where('d_g.studentId', '=', studentId);
  const rows = await ctx.db
    .selectFrom('attachments as at')
    .innerJoin('user_profiles as op', 'op.userId', 'at.ownerUserId')
    .select(['at.fileName', 'at.mimeType', 'at.sizeBytes', 'at.relatedType', 'at.relatedId', 'at.createdAt'])
    .select(['op.firstName', 'op.lastName', 'op.title'])
    .where(scopeAttachments(ctx.actor, 'at'))
    .where(
      anyOf(
        ofStudent('SESSION', sessionIds),
        ofStudent('FEEDBACK', feedbackIds),
        ofStudent('GOAL', goalIds),
        ofStudent('ASSIGNMENT', assignmentIds),
      ),
    )
    .orderBy('at.createdAt')
    .orderBy('at.id')
    .execute();
  return rows.map((r) => ({
    fileName: r.fileName,
    mimeType: r.mimeType,
    sizeBytes: Number(r.sizeBytes),
    relatedType: r.relatedType,
    relatedId: r.relatedId,
    createdAt: r.createdAt,
    owner: personName(r),
  }));
}
