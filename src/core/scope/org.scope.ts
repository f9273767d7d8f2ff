import type { Expression } from 'kysely';
import type { RoleName } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import { FALSE, TRUE, anyOf, allOf, col, eq, isIn, qb, type Predicate } from './sql.ts';

// Organisation scopes (ROLES.md table "role | who | scope"). Each function returns a predicate on
// a table alias chosen by the caller, e.g.
//   db.selectFrom('users as u').where(scopeUsers(actor, 'u'))
// The same predicates decide what a synced laptop pulls (SYNC.md), so they must stay pure SQL.

/** Assignment statuses that make a mentor–student link "current" (ROLES.md MENTOR: "ACTIVE or PAUSED: read/write"). */
export const CURRENT_LINK = ['ACTIVE', 'PAUSED'] as const;

const roleIds = (names: readonly RoleName[]) =>
  qb().selectFrom('roles as scope_r').select('scope_r.id').where('scope_r.name', 'in', names);

/** Ids of the mentor's current mentees. */
export const currentMenteeIds = (mentorId: string) =>
  qb()
    .selectFrom('mentor_assignments as scope_cm')
    .select('scope_cm.studentId as id')
    .where('scope_cm.mentorId', '=', mentorId)
    .where('scope_cm.status', 'in', CURRENT_LINK);

/** Ids of the student's current mentors. */
export const currentMentorIds = (studentId: string) =>
  qb()
    .selectFrom('mentor_assignments as scope_cs')
    .select('scope_cs.mentorId as id')
    .where('scope_cs.studentId', '=', studentId)
    .where('scope_cs.status', 'in', CURRENT_LINK);

/**
 * The user's own id and the ids `others` selects, as one subquery. `id = self OR id IN (others)`
 * kept MariaDB from turning the IN into a semi-join: it read all of users for a mentor's 26 (a
 * first sync at ten departments: 36 ms for users and 33 ms for user_profiles, against 1 ms each);
 * one IN over a derived union is materialised and drives users by its primary key. SQLite plans
 * both as index lookups. The self row is selected from users (not a constant) so the union needs no
 * FROM-less select.
 */
const selfAnd = (self: string, others: Expression<{ id: string }>) =>
  qb()
    .selectFrom(
      qb()
        .selectFrom('users as scope_me')
        .select('scope_me.id')
        .where('scope_me.id', '=', self)
        .unionAll(others)
        .as('scope_self'),
    )
    .select('scope_self.id');

/**
 * institutions. SUPER_ADMIN: "everything, every institution"; everybody else: the institution
 * their account belongs to (users.institutionId).
 */
export function scopeInstitutions(actor: Actor, alias = 'institutions'): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  return actor.institutionId ? eq(col(alias, 'id'), actor.institutionId) : FALSE;
}

/**
 * departments. SUPER_ADMIN all; INSTITUTION_ADMIN "own institution"; DEPARTMENT_ADMIN "own
 * department"; mentors and students see their own department's row (for its name).
 */
export function scopeDepartments(actor: Actor, alias = 'departments'): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  if (actor.role === 'INSTITUTION_ADMIN') {
    return actor.institutionId ? eq(col(alias, 'institutionId'), actor.institutionId) : FALSE;
  }
  return actor.departmentId ? eq(col(alias, 'id'), actor.departmentId) : FALSE;
}

/** Ids of the departments in the actor's scope (for tables that carry a departmentId). */
export const departmentIdsInScope = (actor: Actor) =>
  qb().selectFrom('departments as scope_d').select('scope_d.id').where(scopeDepartments(actor, 'scope_d'));

/**
 * users (alias on `users`): who the actor may read.
 * - SUPER_ADMIN: everyone.
 * - INSTITUTION_ADMIN: "users of its institution except SUPER_ADMIN" (+ itself).
 * - DEPARTMENT_ADMIN: "own department"; accounts of roles above its own (a super admin placed in
 *   the department by first-run setup) are not department business, so they stay hidden.
 * - MENTOR: itself and "students with an assignment to them (ACTIVE or PAUSED)".
 * - STUDENT: "self, and the profile of their current mentor(s)".
 */
export function scopeUsers(actor: Actor, alias = 'users'): Predicate {
  const self = eq(col(alias, 'id'), actor.userId);
  switch (actor.role) {
    case 'SUPER_ADMIN':
      return TRUE;
    case 'INSTITUTION_ADMIN':
      if (!actor.institutionId) return self;
      return anyOf(
        self,
        allOf(
          eq(col(alias, 'institutionId'), actor.institutionId),
          isIn(col(alias, 'roleId'), roleIds(['INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR', 'STUDENT'])),
        ),
      );
    case 'DEPARTMENT_ADMIN':
      if (!actor.departmentId) return self;
      return anyOf(
        self,
        allOf(
          eq(col(alias, 'departmentId'), actor.departmentId),
          isIn(col(alias, 'roleId'), roleIds(['DEPARTMENT_ADMIN', 'MENTOR', 'STUDENT'])),
        ),
      );
    case 'MENTOR':
      return isIn(col(alias, 'id'), selfAnd(actor.userId, currentMenteeIds(actor.userId)));
    case 'STUDENT':
      return isIn(col(alias, 'id'), selfAnd(actor.userId, currentMentorIds(actor.userId)));
  }
}

/** Ids of the users in the actor's scope. */
export const userIdsInScope = (actor: Actor) =>
  qb().selectFrom('users as scope_u').select('scope_u.id').where(scopeUsers(actor, 'scope_u'));

/**
 * A column holding a user id (user_profiles.userId, mentor_profiles.userId, ...) restricted to
 * users in scope: the same rule as `scopeUsers`.
 */
export function scopeUserRef(actor: Actor, ref: Expression<unknown>): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  return isIn(ref, userIdsInScope(actor));
}

/** user_profiles / mentor_profiles at `alias`: readable when the user is (`scopeUsers`). */
export function scopeProfiles(actor: Actor, alias: string): Predicate {
  return scopeUserRef(actor, col(alias, 'userId'));
}

/**
 * A column holding a student's user id (student_profiles.userId, goals.studentId, alerts.studentId).
 * Admins: students in their user scope. MENTOR: current mentees only ("Cannot ... see unassigned
 * students"). STUDENT: itself.
 */
export function scopeStudentRef(actor: Actor, ref: Expression<unknown>): Predicate {
  if (actor.role === 'MENTOR') return isIn(ref, currentMenteeIds(actor.userId));
  if (actor.role === 'STUDENT') return eq(ref, actor.userId);
  return scopeUserRef(actor, ref);
}

/** student_profiles at `alias` (or any alias with a student id in `column`). */
export function scopeStudents(actor: Actor, alias = 'student_profiles', column = 'userId'): Predicate {
  return scopeStudentRef(actor, col(alias, column));
}

/**
 * scopeStudents for a query that already inner-joins the student's `users` row at `userAlias` on its
 * id: the same rows. An admin's scope is then tested on that row (scopeUsers) instead of as
 * `userId IN (every user id in scope)`, which SQLite builds by reading each user row of the
 * department before looking the same users up again by id (department students:list: the count
 * 5 -> 1.5 ms). A mentor's and a student's scopes are about assignments, not the user row: as is.
 */
export function scopeStudentsJoined(actor: Actor, studentAlias: string, userAlias: string): Predicate {
  if (actor.role === 'MENTOR' || actor.role === 'STUDENT') return scopeStudents(actor, studentAlias);
  return scopeUsers(actor, userAlias);
}

/** mentor_profiles at `alias`: readable when the mentor's user is in scope (a student's current mentors). */
export function scopeMentors(actor: Actor, alias = 'mentor_profiles'): Predicate {
  return scopeProfiles(actor, alias);
}

/**
 * scopeMentors for a query that already inner-joins the mentor's `users` row at `userAlias` on its
 * id: the same rows, tested on that row (see scopeStudentsJoined).
 */
export function scopeMentorsJoined(actor: Actor, userAlias: string): Predicate {
  return scopeUsers(actor, userAlias);
}

/** Restricts a `users` alias to one role (lists of students or mentors). */
export function hasRole(alias: string, role: RoleName): Predicate {
  return isIn(col(alias, 'roleId'), roleIds([role]));
}
