import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Actor } from '../context.ts';
import {
  FALSE,
  TRUE,
  anyOf,
  departmentIdsInScope,
  isIn,
  scopeAlerts,
  scopeAssignments,
  scopeAttachments,
  scopeDepartmentRows,
  scopeGuardianRows,
  scopeKudos,
  scopeOwnRows,
  scopeDepartments,
  scopeFeedback,
  scopeGoalUpdates,
  scopeGoals,
  scopeInstitutions,
  scopeMentors,
  scopeNotes,
  scopeNotifications,
  scopeProfiles,
  scopeSessions,
  scopeStudents,
  scopeUsers,
  sessionSummary,
  type Predicate,
} from '../scope/index.ts';
import { BLOB_SHA_OF_PATH, type SyncedTable } from './tables.ts';

// What a laptop may hold is exactly what its user may read (ROLES.md, SYNC.md): the pull uses the
// services' own scope predicates, and masks the columns that must never leave central for this user.

/** Scope of one synced user: a where-predicate per table and a select expression per column. */
export interface SyncScope {
  readonly actor: Actor;
  /** Predicate on `table` (referenced by its own name, no alias). */
  where(table: SyncedTable): Predicate;
  /** The expression to select for `column`, when it differs from the plain column. */
  mask(table: SyncedTable, column: string): RawBuilder<unknown> | null;
}

/**
 * A SUPER_ADMIN may read every assignment, session and goal, so a session, a feedback row or a goal
 * update is in scope exactly when its parent row exists, and central's foreign keys (NOT NULL,
 * SCHEMA.md: RESTRICT to assignments, CASCADE from sessions and goals) say it always does. These
 * predicates run only on central, so they are TRUE there: written out, every row was tested against
 * its parent table (a semi-join lookup per row), and reading a ten-department institution's 464,389
 * feedback rows cost 9.9 µs per row against 5.7 at one department. The services' own predicates,
 * which also run on synced caches that do not enforce foreign keys, keep the full form. (A central
 * database loaded with foreign_key_checks off could hold orphans that the full form would have
 * hidden; they would reach a super admin's laptop, who may read every row anyway.)
 */
const everyParent = (actor: Actor): boolean => actor.role === 'SUPER_ADMIN';

const PREDICATES: Record<SyncedTable, (actor: Actor) => Predicate> = {
  institutions: (a) => scopeInstitutions(a),
  departments: (a) => scopeDepartments(a),
  users: (a) => scopeUsers(a),
  user_profiles: (a) => scopeProfiles(a, 'user_profiles'),
  mentor_profiles: (a) => scopeMentors(a),
  student_profiles: (a) => scopeStudents(a),
  mentor_assignments: (a) => scopeAssignments(a),
  session_records: (a) => (everyParent(a) ? TRUE : scopeSessions(a)),
  session_feedback: (a) => (everyParent(a) ? TRUE : scopeFeedback(a)),
  goals: (a) => scopeGoals(a),
  goal_updates: (a) => (everyParent(a) ? TRUE : scopeGoalUpdates(a)),
  notifications: (a) => scopeNotifications(a),
  alerts: (a) => scopeAlerts(a),
  attachments: (a) => scopeAttachments(a),
  department_settings: (a) => departmentsSeen(a, 'department_settings'),
  attachment_blobs: (a) => scopeBlobChunks(a),
  department_norms: (a) => scopeDepartmentRows(a, 'department_norms'),
  guardian_contacts: (a) => scopeGuardianRows(a, 'guardian_contacts'),
  guardian_contact_log: (a) => scopeGuardianRows(a, 'guardian_contact_log'),
  letter_templates: (a) => scopeDepartmentRows(a, 'letter_templates'),
  kudos: (a) => scopeKudos(a),
  notification_prefs: (a) => scopeOwnRows(a, 'notification_prefs'),
  notification_digest_items: (a) => scopeOwnRows(a, 'notification_digest_items'),
  // Staff business, like the notes it governs: students get none.
  department_note_settings: (a) =>
    a.role === 'STUDENT' ? FALSE : departmentsSeen(a, 'department_note_settings'),
  // RESTRICTED notes reach only their author's and the department admin's laptops; students get none.
  student_notes: (a) => scopeNotes(a),
};

/**
 * Settings of the departments the user sees, and of the departments of the users it sees: the local
 * risk engine evaluates a mentee with the thresholds of the mentee's own department, and a mentee's
 * handover summary names its own department's notes rule.
 */
function departmentsSeen(actor: Actor, table: 'department_settings' | 'department_note_settings'): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  const dept = sql.ref(`${table}.departmentId`);
  return anyOf(
    isIn(dept, departmentIdsInScope(actor)),
    sql<SqlBool>`${dept} in (select sync_su.departmentId from users as sync_su
      where sync_su.departmentId is not null and ${scopeUsers(actor, 'sync_su')})`,
  );
}

/** A blob chunk is readable iff some attachment row the user may read names its sha256. */
function scopeBlobChunks(actor: Actor): Predicate {
  return sql<SqlBool>`${sql.ref('attachment_blobs.sha256')} in (select ${BLOB_SHA_OF_PATH(sql.ref('sync_ba.storagePath'))}
    from attachments as sync_ba
    where sync_ba.storagePath like 'blob:sha256:%' and ${scopeAttachments(actor, 'sync_ba')})`;
}

/**
 * The scope of `actor` syncing on this laptop. Password hashes travel only for the signed-in user
 * (offline login, SYNC.md); everyone else's arrive as an empty string (the column is NOT NULL).
 * Session summaries follow ROLES.md through the scope module's `sessionSummary`.
 */
export function syncScopeFor(actor: Actor): SyncScope {
  return {
    actor,
    where: (table) => PREDICATES[table](actor),
    mask(table, column) {
      if (table === 'users' && column === 'passwordHash') {
        return sql`case when ${sql.ref('users.id')} = ${actor.userId} then ${sql.ref('users.passwordHash')} else '' end`;
      }
      if (table === 'session_records' && column === 'summary')
        return sessionSummary(actor, 'session_records');
      return null;
    },
  };
}
