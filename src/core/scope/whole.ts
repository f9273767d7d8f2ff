import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { isAdminRole } from '../auth/actor.ts';
import { departmentIdsInScope } from './org.scope.ts';
import { col, isIn } from './sql.ts';

/**
 * Whether an admin's scope on the mentoring tables cannot filter anything in this database, so a
 * read may drop it, and with it the joins that only carried it.
 *
 * An admin's scope on assignments, sessions and feedback is "the assignment's department is one of
 * the actor's departments" (scopeAssignments, scopeSessions, feedbackInScope). On a department
 * office PC the database holds that one department only, yet every scoped read still joins each
 * feedback row to its session and its assignment to test it: 46,000 lookups pairs for a count
 * whose answer is the table's size. Two facts make the rule a no-op, and this checks both:
 * - no assignment lies outside the scope: the distinct departmentIds of mentor_assignments are read
 *   with a loose scan of its departmentId index (one seek per department, not per assignment) and
 *   matched against the scope's departments; SUPER_ADMIN's scope is every row;
 * - the database enforces its foreign keys, so feedback.sessionId → session_records and
 *   session_records.assignmentId → mentor_assignments (both NOT NULL) always find their row and
 *   an inner join on them drops nothing. SQLite enforces them only with `PRAGMA foreign_keys` on:
 *   standalone databases have it (db/connect.ts); the synced cache turns it off because a scoped
 *   cache is not referentially closed (SYNC.md decision 9), so there the scope stays.
 * With several departments in the database (central, or an institution cache) it returns false
 * and the reads keep their scope joins: this helps the one-department case only.
 *
 * Mentors and students: their scopes are about people (giver, recipient, own assignments), never
 * a no-op in practice, so false without a query.
 */
export async function mentoringScopeCoversAll(db: Kysely<Database>, actor: Actor): Promise<boolean> {
  if (!isAdminRole(actor.role)) return false;
  if (!(await enforcesForeignKeys(db))) return false;
  if (actor.role === 'SUPER_ADMIN') return true;
  const ma = sql.table('mentor_assignments');
  const dep = sql.ref('departmentId');
  const outside = await sql<{ x: number }>`
    with recursive d (id) as (
      select min(${dep}) from ${ma}
      union all
      select (select min(${sql.ref('n.departmentId')}) from ${ma} as n where ${sql.ref('n.departmentId')} > ${sql.ref('d.id')})
      from d where ${sql.ref('d.id')} is not null
    )
    select 1 as x from d
    where ${sql.ref('d.id')} is not null and not (${isIn(col('d', 'id'), departmentIdsInScope(actor))})
    limit 1`.execute(db);
  return outside.rows.length === 0;
}

async function enforcesForeignKeys(db: Kysely<Database>): Promise<boolean> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const r = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    return Number(r.rows[0]?.foreign_keys) === 1;
  }
  const r = await sql<{ on: number | string }>`select @@foreign_key_checks as ${sql.ref('on')}`.execute(db);
  return Number(r.rows[0]?.on) === 1;
}
