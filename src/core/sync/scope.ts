import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../context.ts';
import {
  scopeAlerts,
  scopeAssignments,
  scopeAttachments,
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
import type { SyncedTable } from './tables.ts';

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

const PREDICATES: Record<SyncedTable, (actor: Actor) => Predicate> = {
  institutions: (a) => scopeInstitutions(a),
  departments: (a) => scopeDepartments(a),
  users: (a) => scopeUsers(a),
  user_profiles: (a) => scopeProfiles(a, 'user_profiles'),
  mentor_profiles: (a) => scopeMentors(a),
  student_profiles: (a) => scopeStudents(a),
  mentor_assignments: (a) => scopeAssignments(a),
  session_records: (a) => scopeSessions(a),
  session_feedback: (a) => scopeFeedback(a),
  goals: (a) => scopeGoals(a),
  goal_updates: (a) => scopeGoalUpdates(a),
  notifications: (a) => scopeNotifications(a),
  alerts: (a) => scopeAlerts(a),
  attachments: (a) => scopeAttachments(a),
  // RESTRICTED notes reach only their author's and the department admin's laptops; students get none.
  student_notes: (a) => scopeNotes(a),
};

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
