import type { Kysely } from 'kysely';
import type { RoleName } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';

/** Idle lock per role (ROLES.md): admins 30 minutes, mentors 4 hours, students 8 hours. */
export function idleTimeoutMinutes(role: RoleName): number {
  if (role === 'MENTOR') return 240;
  if (role === 'STUDENT') return 480;
  return 30;
}

export const isAdminRole = (role: RoleName): boolean =>
  role === 'SUPER_ADMIN' || role === 'INSTITUTION_ADMIN' || role === 'DEPARTMENT_ADMIN';

/** The actor for a signed-in user, or null when the account is gone or no longer ACTIVE. */
export async function loadActor(db: Kysely<Database>, userId: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select([
      'users.id',
      'users.email',
      'users.status',
      'users.institutionId',
      'users.departmentId',
      'roles.name as role',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.status !== 'ACTIVE') return null;
  return {
    userId: row.id,
    email: row.email,
    role: row.role as RoleName,
    institutionId: row.institutionId,
    departmentId: row.departmentId,
  };
}
