import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../context.ts';
import { isAdminRole } from '../auth/actor.ts';
import { CURRENT_LINK, departmentIdsInScope, scopeStudentRef } from './org.scope.ts';
import { FALSE, TRUE, allOf, anyOf, col, eq, inList, isIn, qb, type Predicate } from './sql.ts';

// Mentoring scopes: assignments, sessions (and the staff-only summary), feedback visibility,
// goals, alerts, notifications, attachments. Read scopes decide what a call returns and what a
// laptop pulls; the `...Writable` variants decide what a call may change.

/**
 * mentor_assignments. SUPER_ADMIN all; INSTITUTION_ADMIN its institution's departments;
 * DEPARTMENT_ADMIN "own department"; MENTOR its own assignments of every status (ENDED ones for
 * "read-only history"); STUDENT its own.
 */
export function scopeAssignments(actor: Actor, alias = 'mentor_assignments'): Predicate {
  switch (actor.role) {
    case 'SUPER_ADMIN':
      return TRUE;
    case 'INSTITUTION_ADMIN':
    case 'DEPARTMENT_ADMIN':
      return isIn(col(alias, 'departmentId'), departmentIdsInScope(actor));
    case 'MENTOR':
      return eq(col(alias, 'mentorId'), actor.userId);
    case 'STUDENT':
      return eq(col(alias, 'studentId'), actor.userId);
  }
}

/**
 * Assignments the actor may change or record against. ROLES.md MENTOR: "ACTIVE or PAUSED:
 * read/write; ENDED: read-only"; admins: assignments in their scope; students change none.
 */
export function scopeAssignmentsWritable(actor: Actor, alias = 'mentor_assignments'): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  if (actor.role === 'MENTOR') {
    return allOf(eq(col(alias, 'mentorId'), actor.userId), inList(col(alias, 'status'), CURRENT_LINK));
  }
  return scopeAssignments(actor, alias);
}

const assignmentIds = (actor: Actor, writable: boolean) =>
  qb()
    .selectFrom('mentor_assignments as scope_a')
    .select('scope_a.id')
    .where(writable ? scopeAssignmentsWritable(actor, 'scope_a') : scopeAssignments(actor, 'scope_a'));

const mentorAssignmentIds = (mentorId: string, statuses: readonly string[]) =>
  qb()
    .selectFrom('mentor_assignments as scope_ma')
    .select('scope_ma.id')
    .where('scope_ma.mentorId', '=', mentorId)
    .where(inList(col('scope_ma', 'status'), statuses));

/**
 * session_records. Admins: sessions of assignments in scope ("view all department sessions").
 * MENTOR: sessions of its ACTIVE/PAUSED assignments, and of its ENDED assignments only those it
 * recorded ("ENDED: read-only history of sessions they recorded"). STUDENT: its own sessions.
 */
export function scopeSessions(actor: Actor, alias = 'session_records'): Predicate {
  if (actor.role !== 'MENTOR') return isIn(col(alias, 'assignmentId'), assignmentIds(actor, false));
  // Written as "one of the mentor's assignments AND (a current one OR recorded by the mentor)", the
  // same rows as "current assignment OR (recorded by the mentor AND ended assignment)": the leading
  // IN lets MariaDB drive from the mentor's assignments through the assignmentId index, where the OR
  // of two IN-subqueries made it read every session of the institution (5 s for a mentor's initial
  // sync at ten departments).
  return allOf(
    isIn(col(alias, 'assignmentId'), mentorAssignmentIds(actor.userId, [...CURRENT_LINK, 'ENDED'])),
    anyOf(
      isIn(col(alias, 'assignmentId'), mentorAssignmentIds(actor.userId, CURRENT_LINK)),
      eq(col(alias, 'createdById'), actor.userId),
    ),
  );
}

/**
 * The same rows as scopeSessions, with an admin's scope written as a correlated
 * EXISTS on the session's assignment instead of `assignmentId IN (the scope's assignments)`. The
 * IN form makes SQLite drive from the scope's assignments and sort every session in scope; the
 * EXISTS form only checks each row, so a page ordered by sessionDate walks the sessionDate index
 * and stops after the page (HOD sessions:list page 1: ~20 ms -> ~0.1 ms). Walking costs rows
 * *outside* the scope too, so it suits broad scopes and first pages, not deep offsets (see
 * listSessions). A mentor's or student's scope is a few assignments found by an index on
 * mentorId/studentId, which drive well (walking would read most of the table): returned as is.
 */
export function scopeSessionsCorrelated(actor: Actor, alias = 'session_records'): Predicate {
  if (!isAdminRole(actor.role)) return scopeSessions(actor, alias);
  const own = qb()
    .selectFrom('mentor_assignments as scope_a')
    .select('scope_a.id')
    .where(sql<SqlBool>`${col('scope_a', 'id')} = ${col(alias, 'assignmentId')}`)
    .where(scopeAssignments(actor, 'scope_a'));
  return sql<SqlBool>`exists ${own}`;
}

/** Sessions the actor may change: those of writable assignments (ENDED history is read-only). */
export function scopeSessionsWritable(actor: Actor, alias = 'session_records'): Predicate {
  return isIn(col(alias, 'assignmentId'), assignmentIds(actor, true));
}

/**
 * The value to select as a session's `summary`. ROLES.md: "Session summary (mentor's notes) is
 * staff-only: the mentor who owns the assignment and admins in scope. The student sees ... never
 * the summary." Done in SQL so the text never leaves the database for anyone else:
 *   db.selectFrom('session_records as s').select(sessionSummary(actor, 's').as('summary'))
 */
export function sessionSummary(actor: Actor, alias = 'session_records'): RawBuilder<string | null> {
  if (isAdminRole(actor.role)) return sql<string | null>`${col(alias, 'summary')}`;
  if (actor.role === 'MENTOR') {
    const owns = isIn(
      col(alias, 'assignmentId'),
      mentorAssignmentIds(actor.userId, ['ACTIVE', 'PAUSED', 'ENDED']),
    );
    return sql<string | null>`case when ${owns} then ${col(alias, 'summary')} else null end`;
  }
  return sql<string | null>`null`;
}

/**
 * mentor_assignments.notes: the office's notes on a pairing. Staff-only like a session summary
 * (the assignment's mentor and admins in scope); a student's own assignment row carries null.
 */
export function assignmentNotes(actor: Actor, alias = 'mentor_assignments'): RawBuilder<string | null> {
  if (actor.role === 'STUDENT') return sql<string | null>`null`;
  return sql<string | null>`${col(alias, 'notes')}`;
}

/**
 * Sessions whose action items the actor may tick off. ROLES.md MENTOR: "action items" (on its
 * writable assignments); the student the items are for, while the assignment is current (ACTIVE
 * or PAUSED). Admins view sessions but do not edit what a mentor recorded.
 */
export function scopeActionItemsWritable(actor: Actor, alias = 'session_records'): Predicate {
  if (actor.role === 'MENTOR') return scopeSessionsWritable(actor, alias);
  if (actor.role !== 'STUDENT') return FALSE;
  const own = qb()
    .selectFrom('mentor_assignments as scope_sa')
    .select('scope_sa.id')
    .where('scope_sa.studentId', '=', actor.userId)
    .where(inList(col('scope_sa', 'status'), CURRENT_LINK));
  return isIn(col(alias, 'assignmentId'), own);
}

const sessionIds = (actor: Actor) =>
  qb().selectFrom('session_records as scope_s').select('scope_s.id').where(scopeSessions(actor, 'scope_s'));

/**
 * session_feedback. ROLES.md "Feedback visibility": the giver always sees it; admins in scope
 * always see it; the recipient only when visibility names the recipient's side (MENTOR for a
 * mentor recipient, STUDENT for a student recipient). DEPARTMENT_ADMIN visibility is therefore
 * hidden from both recipients ("a student can complain about a mentor without the mentor reading it").
 */
export function scopeFeedback(actor: Actor, alias = 'session_feedback'): Predicate {
  if (isAdminRole(actor.role)) return isIn(col(alias, 'sessionId'), sessionIds(actor));
  const side = actor.role === 'MENTOR' ? 'MENTOR' : 'STUDENT';
  return anyOf(
    eq(col(alias, 'giverUserId'), actor.userId),
    allOf(eq(col(alias, 'recipientUserId'), actor.userId), eq(col(alias, 'visibility'), side)),
  );
}

/**
 * goals. Admins: goals of students in scope; MENTOR: "goals and goal updates for its mentees"
 * (current ones); STUDENT: "own goals".
 */
export function scopeGoals(actor: Actor, alias = 'goals'): Predicate {
  return scopeStudentRef(actor, col(alias, 'studentId'));
}

/** goal_updates: follow their goal. */
export function scopeGoalUpdates(actor: Actor, alias = 'goal_updates'): Predicate {
  const goalIds = qb()
    .selectFrom('goals as scope_g')
    .select('scope_g.id')
    .where(scopeGoals(actor, 'scope_g'));
  return isIn(col(alias, 'goalId'), goalIds);
}

/**
 * alerts. Staff flags about a student (risk thresholds, BEHAVIOR, GRIEVANCE): admins in scope and
 * the student's current mentors. ROLES.md gives students no alert access, so they see none.
 */
export function scopeAlerts(actor: Actor, alias = 'alerts'): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  return scopeStudentRef(actor, col(alias, 'studentId'));
}

/** notifications. ROLES.md "Everybody: own notifications" (and nobody else's, admins included). */
export function scopeNotifications(actor: Actor, alias = 'notifications'): Predicate {
  return eq(col(alias, 'userId'), actor.userId);
}

/**
 * attachments. Readable by their owner, and by whoever may read the record they hang on
 * (relatedType + relatedId: a session, a feedback row, a goal, an assignment).
 */
export function scopeAttachments(actor: Actor, alias = 'attachments'): Predicate {
  const related = (type: string, ids: Parameters<typeof isIn>[1]): Predicate =>
    allOf(eq(col(alias, 'relatedType'), type), isIn(col(alias, 'relatedId'), ids));
  return anyOf(
    eq(col(alias, 'ownerUserId'), actor.userId),
    related('SESSION', sessionIds(actor)),
    related(
      'FEEDBACK',
      qb()
        .selectFrom('session_feedback as scope_f')
        .select('scope_f.id')
        .where(scopeFeedback(actor, 'scope_f')),
    ),
    related(
      'GOAL',
      qb().selectFrom('goals as scope_g').select('scope_g.id').where(scopeGoals(actor, 'scope_g')),
    ),
    related('ASSIGNMENT', assignmentIds(actor, false)),
  );
}

/**
 * Records the actor may attach files to (a predicate on the record's own table at `alias`): the
 * records it may write. SESSION and ASSIGNMENT follow the writable scopes; FEEDBACK only its giver
 * (the giver edits its feedback); GOAL the student's own goals and a mentor's current mentees'
 * goals ("goals and goal updates for its mentees"; admins view goals but do not write them).
 */
export function scopeAttachTargets(
  actor: Actor,
  relatedType: 'SESSION' | 'FEEDBACK' | 'GOAL' | 'ASSIGNMENT',
  alias: string,
): Predicate {
  switch (relatedType) {
    case 'SESSION':
      return scopeSessionsWritable(actor, alias);
    case 'ASSIGNMENT':
      return scopeAssignmentsWritable(actor, alias);
    case 'FEEDBACK':
      return eq(col(alias, 'giverUserId'), actor.userId);
    case 'GOAL':
      return isAdminRole(actor.role) ? FALSE : scopeGoals(actor, alias);
  }
}
