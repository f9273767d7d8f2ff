import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../db/dialect.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { isAdminRole } from '../auth/actor.ts';
import { scopeAssignments } from './mentoring.scope.ts';
import type { Predicate } from './sql.ts';

// When a scope predicate cannot filter anything, reads may drop it (and the joins that only
// carried it). Both helpers are exact: they answer from the data, and the predicate stays whenever
// it could matter.

const count = sql<number | string>`count(*)`;

/**
 * Whether every mentoring assignment in this database matches `inScope`. Sessions belong to
 * assignments, so then a session's scope filter is a no-op and can be dropped: counts come from
 * INDEX(status, sessionDate) alone instead of reading each session row for its assignmentId.
 * That is the usual case for dashboards: a department office's own database, or a laptop's cache,
 * which holds only its user's scope (SYNC.md). Two counts: the table's, and the scope's through
 * its index (0.06 ms for a department's 2,100 assignments).
 */
export async function allAssignmentsMatch(db: Kysely<Database>, inScope: Predicate): Promise<boolean> {
  const all = await db.selectFrom('mentor_assignments as a').select(count.as('n')).executeTakeFirst();
  const mine = await db
    .selectFrom('mentor_assignments as a')
    .select(count.as('n'))
    .where(inScope)
    .executeTakeFirst();
  return Number(all?.n ?? 0) === Number(mine?.n ?? 0);
}

/**
 * Whether an admin's scope on assignments, sessions and feedback cannot filter any row of this
 * database, so a read may start from the table itself with only the joins its filters need.
 *
 * An admin's scope there is "the assignment's department is one of the actor's departments"
 * (scopeAssignments, scopeSessions, feedbackInScope). On a department office PC the database holds
 * that one department, yet a scoped read still joins each feedback row to its session and its
 * assignment to test it: 46,000 pairs of lookups for a count whose answer is the table's size.
 * Dropping the scope *and its joins* needs two facts, and this checks both:
 * - every assignment is in scope (allAssignmentsMatch; SUPER_ADMIN's scope is every row);
 * - the database enforces its foreign keys, so session_feedback.sessionId → session_records and
 *   session_records.assignmentId → mentor_assignments (both NOT NULL) always find their row and an
 *   inner join on them drops nothing. SQLite enforces them only with `PRAGMA foreign_keys` on:
 *   standalone databases have it (db/connect.ts); the synced cache turns it off because a scoped
 *   cache is not referentially closed (SYNC.md decision 9), so there the scope stays.
 * With a second department's assignments in the database (central, an institution's cache) it is
 * false for a department admin and the reads keep their scope joins: it helps the one-department
 * database only. Mentors' and students' scopes are about people (giver, recipient, own
 * assignments), so false for them without a query.
 */
export async function mentoringScopeCoversAll(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  if (!isAdminRole(actor.role)) return false;
  if (!(await enforcesForeignKeys(db))) return false;
  return allAssignmentsMatch(db, scopeAssignments(actor, 'a'));
}

async function enforcesForeignKeys(db: Kysely<Database>): Promise<boolean> {
  if (isSqlite(db)) {
    const r = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    return Number(r.rows[0]?.foreign_keys) === 1;
  }
  const r = await sql<{ on: number | string }>`select @@foreign_key_checks as ${sql.ref('on')}`.execute(db);
  return Number(r.rows[0]?.on) === 1;
}
