import { grantableRoles } from '../../shared/permissions.ts';
import type { RoleName } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';

export { grantableRoles };

/** What a management rule needs to know about the account being managed. */
export interface ManagedUser {
  id: string;
  role: RoleName;
  institutionId: string | null;
  departmentId: string | null;
}

/**
 * Whether `actor` may manage (edit, disable, reset the password of) `target`. ROLES.md:
 * - SUPER_ADMIN: "users of any role";
 * - INSTITUTION_ADMIN: "users of its institution except SUPER_ADMIN";
 * - DEPARTMENT_ADMIN: "mentor and student accounts of its department";
 * - MENTOR, STUDENT: nobody (their own profile goes through users:update-own-profile).
 * Call it on a row that was read through the scope predicates; it does not replace them.
 */
export function canManageUser(actor: Actor, target: ManagedUser): boolean {
  switch (actor.role) {
    case 'SUPER_ADMIN':
      return true;
    case 'INSTITUTION_ADMIN':
      return (
        actor.institutionId !== null &&
        target.institutionId === actor.institutionId &&
        target.role !== 'SUPER_ADMIN'
      );
    case 'DEPARTMENT_ADMIN':
      return (
        actor.departmentId !== null &&
        target.departmentId === actor.departmentId &&
        (target.role === 'MENTOR' || target.role === 'STUDENT')
      );
    default:
      return false;
  }
}

/** Whether `actor` may give `role` to an account (create or role change). */
export function canGrantRole(actor: Actor, role: RoleName): boolean {
  return grantableRoles(actor.role).includes(role);
}
