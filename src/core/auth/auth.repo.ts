import type { Kysely } from 'kysely';
import type { RoleName, UserStatus } from '../../shared/domain/enums.ts';
import type { CurrentUser } from '../../shared/domain/user.ts';
import type { Database } from '../db/schema.ts';

export interface LoginUserRow extends CurrentUser {
  status: UserStatus;
  passwordHash: string;
}

export async function findLoginUser(
  db: Kysely<Database>,
  by: { email: string } | { id: string },
): Promise<LoginUserRow | undefined> {
  let q = db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .leftJoin('user_profiles', 'user_profiles.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'users.status',
      'users.passwordHash',
      'users.institutionId',
      'users.departmentId',
      'roles.name as role',
      'user_profiles.firstName',
      'user_profiles.lastName',
    ]);
  q = 'email' in by ? q.where('users.email', '=', by.email) : q.where('users.id', '=', by.id);
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    role: row.role as RoleName,
    firstName: row.firstName ?? '',
    lastName: row.lastName ?? '',
  };
}

/** The user's latest sign-in outcomes, newest first (the lockout rule reads the audit trail). */
export async function recentSignInEvents(
  db: Kysely<Database>,
  userId: string,
  actions: readonly string[],
  limit: number,
): Promise<{ action: string; createdAt: string }[]> {
  return db
    .selectFrom('audit_logs')
    .select(['action', 'createdAt'])
    .where('entity', '=', 'users')
    .where('entityId', '=', userId)
    .where('action', 'in', actions)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  passwordHash: string,
  now: string,
  activate: boolean,
): Promise<void> {
  await db
    .updateTable('users')
    .set(activate ? { passwordHash, updatedAt: now, status: 'ACTIVE' } : { passwordHash, updatedAt: now })
    .where('id', '=', userId)
    .execute();
}

export async function findResetByHash(
  db: Kysely<Database>,
  userId: string,
  tokenHash: string,
): Promise<{ id: string; expiresAt: string; usedAt: string | null } | undefined> {
  return db
    .selectFrom('password_resets')
    .select(['id', 'expiresAt', 'usedAt'])
    .where('tokenHash', '=', tokenHash)
    .where('userId', '=', userId)
    .executeTakeFirst();
}
