import { sql, type Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import { isAdminRole } from '../auth/actor.ts';
import { isSqlite } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { departmentIdsInScope } from '../scope/index.ts';

// An office's session counts from local_session_counts (SQLite, migration 0018): how many sessions
// each department has per status and sessionDate, kept by triggers. An admin's sessions are those
// of its departments' assignments (scopeSessions), so summing its departments' keys counts the same
// sessions as the join through mentor_assignments (a session whose assignment is missing is in
// neither). On an institution's file, where a department's sessions lie among nine others', the
// join meant one index seek per assignment and status; here it is one short key range per status.
//
// Counts only: a list's rows still come from session_records through the scope predicate.

/** Whether this database keeps the table (SQLite; MySQL counts sessions through their assignment). */
export function keepsSessionCounts(db: Kysely<Database>): boolean {
  return isSqlite(db);
}

/**
 * Keys of these departments, aliased `sc` (departmentId, status, sessionDate, n), for the caller
 * to filter and then sum with `sessionTotal`. `departments` is one id, or a subquery of ids.
 */
export function departmentSessionCounts(
  db: Kysely<Database>,
  departments: string | ReturnType<typeof departmentIdsInScope>,
) {
  const q = db.selectFrom('local_session_counts as sc');
  return typeof departments === 'string'
    ? q.where('sc.departmentId', '=', departments)
    : q.where('sc.departmentId', 'in', departments);
}

/** The number of sessions of the keys selected: sum(n), 0 (not null) over no keys. */
export const sessionTotal = sql<number | string>`coalesce(sum(${sql.ref('sc.n')}), 0)`;

/**
 * The actor's sessions' keys, when the table can answer for its scope: an admin below SUPER_ADMIN
 * (whose scope is its departments) on SQLite. Otherwise null, and the caller keeps its join.
 */
export function scopedSessionCounts(db: Kysely<Database>, actor: Actor) {
  if (!keepsSessionCounts(db) || !isAdminRole(actor.role) || actor.role === 'SUPER_ADMIN') return null;
  return departmentSessionCounts(db, departmentIdsInScope(actor));
}
