import type { Actor } from '../context.ts';
import { departmentIdsInScope, currentMenteeIds, scopeStudentRef } from './org.scope.ts';
import { FALSE, anyOf, col, eq, isIn, type Predicate } from './sql.ts';

// Scopes of the tables added by migration 0008 (issue 12): compliance norms, guardian contacts and
// their log, letter templates, kudos, notification delivery preferences and digest items.

/** department_norms, letter_templates: staff of the departments in scope; students none. */
export function scopeDepartmentRows(actor: Actor, alias: string): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  return isIn(col(alias, 'departmentId'), departmentIdsInScope(actor));
}

/**
 * guardian_contacts, guardian_contact_log: the student's current mentors and admins in scope
 * (issue 12: "Students do not see the log"); a student sees neither, not even its own.
 */
export function scopeGuardianRows(actor: Actor, alias: string): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  return scopeStudentRef(actor, col(alias, 'studentId'));
}

/**
 * kudos: the student it is for; its sender; the student's current mentors and admins in scope.
 */
export function scopeKudos(actor: Actor, alias = 'kudos'): Predicate {
  if (actor.role === 'STUDENT') return eq(col(alias, 'studentId'), actor.userId);
  if (actor.role === 'MENTOR') {
    return anyOf(
      eq(col(alias, 'fromUserId'), actor.userId),
      isIn(col(alias, 'studentId'), currentMenteeIds(actor.userId)),
    );
  }
  return anyOf(eq(col(alias, 'fromUserId'), actor.userId), scopeStudentRef(actor, col(alias, 'studentId')));
}

/** notification_prefs, notification_digest_items: one's own rows only (like notifications). */
export function scopeOwnRows(actor: Actor, alias: string): Predicate {
  return eq(col(alias, 'userId'), actor.userId);
}
