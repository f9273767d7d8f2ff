import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../context.ts';
import { departmentIdsInScope, scopeDepartments, scopeUsers, userIdsInScope } from './org.scope.ts';
import { FALSE, TRUE, allOf, anyOf, col, eq, inList, isIn, qb, type Predicate } from './sql.ts';

/** Audit entities keyed by a user id (entityId is users.id). */
export const USER_KEYED_ENTITIES = ['users', 'user_profiles', 'student_profiles', 'mentor_profiles'] as const;

/**
 * audit_logs. ROLES.md: "Audit logs are append-only for everyone, and readable by admins in scope
 * only" — SUPER_ADMIN "all audit logs", INSTITUTION_ADMIN "its institution's audit logs",
 * DEPARTMENT_ADMIN "department audit". A row is in an admin's scope when the acting user is in its
 * user scope, or the row is about a user, department or institution in its scope. Rows about an
 * unknown email (failed sign-in with no account) have no owner and are SUPER_ADMIN only.
 */
export function scopeAuditLogs(actor: Actor, alias = 'audit_logs'): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  if (actor.role !== 'INSTITUTION_ADMIN' && actor.role !== 'DEPARTMENT_ADMIN') return FALSE;
  const entity = col(alias, 'entity');
  const entityId = col(alias, 'entityId');
  const about: Predicate[] = [
    allOf(inList(entity, USER_KEYED_ENTITIES), isIn(entityId, userIdsInScope(actor))),
    allOf(eq(entity, 'departments'), isIn(entityId, departmentIdsInScope(actor))),
  ];
  if (actor.role === 'INSTITUTION_ADMIN' && actor.institutionId) {
    about.push(allOf(eq(entity, 'institutions'), eq(entityId, actor.institutionId)));
  }
  return anyOf(isIn(col(alias, 'userId'), userIdsInScope(actor)), ...about);
}

/** Ids of audit rows in scope (exports, counts). */
export const auditIdsInScope = (actor: Actor) =>
  qb().selectFrom('audit_logs as scope_l').select('scope_l.id').where(scopeAuditLogs(actor, 'scope_l'));

/**
 * The same rows as scopeAuditLogs, each `x IN (ids in scope)` written as a correlated EXISTS on
 * the users or departments row x names. The IN form lets SQLite drive from every in-scope user's
 * rows (three index ORs) and sort them all; the EXISTS form only checks a row, so a page ordered
 * by createdAt walks audit_logs_createdAt_idx and stops after the page. A walk also reads rows
 * outside the scope and every skipped row, so it suits first pages only (see listAudit).
 */
export function scopeAuditLogsCorrelated(actor: Actor, alias = 'audit_logs'): Predicate {
  if (actor.role === 'SUPER_ADMIN') return TRUE;
  if (actor.role !== 'INSTITUTION_ADMIN' && actor.role !== 'DEPARTMENT_ADMIN') return FALSE;
  const entity = col(alias, 'entity');
  const entityId = col(alias, 'entityId');
  const userInScope = (ref: ReturnType<typeof col>): Predicate =>
    sql<SqlBool>`exists ${qb()
      .selectFrom('users as scope_u')
      .select('scope_u.id')
      .where(sql<SqlBool>`${col('scope_u', 'id')} = ${ref}`)
      .where(scopeUsers(actor, 'scope_u'))}`;
  const departmentInScope = sql<SqlBool>`exists ${qb()
    .selectFrom('departments as scope_d')
    .select('scope_d.id')
    .where(sql<SqlBool>`${col('scope_d', 'id')} = ${entityId}`)
    .where(scopeDepartments(actor, 'scope_d'))}`;
  const about: Predicate[] = [
    allOf(inList(entity, USER_KEYED_ENTITIES), userInScope(entityId)),
    allOf(eq(entity, 'departments'), departmentInScope),
  ];
  if (actor.role === 'INSTITUTION_ADMIN' && actor.institutionId) {
    about.push(allOf(eq(entity, 'institutions'), eq(entityId, actor.institutionId)));
  }
  return anyOf(userInScope(col(alias, 'userId')), ...about);
}
