import type { AuthedContext } from '../context.ts';
import { CURRENT_LINK, allOf, col, isIn, qb, scopeStudents, type Predicate } from '../scope/index.ts';
import { inTargetDepartments, type ReportTarget } from './target.queries.ts';

// The students a report covers: those in the reader's student scope (scopeStudents: admins their
// users, a mentor its current mentees, a student itself), in the report's department or
// institution, and with the chosen mentor (current assignment) when there is one.

/** The report's students, as a predicate on a student-profile alias joined to its `users` alias. */
export function studentFilter(ctx: AuthedContext, t: ReportTarget, sp: string, u: string): Predicate {
  const parts = [scopeStudents(ctx.actor, sp), inTargetDepartments(t, col(u, 'departmentId'))];
  if (t.mentor) {
    const mentees = qb()
      .selectFrom('mentor_assignments as rk_a')
      .select('rk_a.studentId')
      .where('rk_a.mentorId', '=', t.mentor.id)
      .where('rk_a.status', 'in', CURRENT_LINK);
    parts.push(isIn(col(sp, 'userId'), mentees));
  }
  return allOf(...parts);
}

/** Ids of the report's students (for tables keyed by a student id). */
export function studentIds(ctx: AuthedContext, t: ReportTarget) {
  return qb()
    .selectFrom('student_profiles as rk_sp')
    .innerJoin('users as rk_u', 'rk_u.id', 'rk_sp.userId')
    .select('rk_sp.userId')
    .where(studentFilter(ctx, t, 'rk_sp', 'rk_u'));
}
