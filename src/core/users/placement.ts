import type { RoleName } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import { invalid, notFound } from '../errors.ts';
import { findInstitution } from '../institutions/institutions.repo.ts';

export interface Placement {
  institutionId: string | null;
  departmentId: string | null;
}

/** Roles whose accounts live in a department (their scope is the department, or within it). */
export const DEPARTMENT_ROLES: readonly RoleName[] = ['DEPARTMENT_ADMIN', 'MENTOR', 'STUDENT'];

/**
 * Where an account with `role` goes, from what the caller asked for. The department (and the
 * institution, which follows the department) must be in the actor's scope: a department admin can
 * only place accounts in its own department, an institution admin only in its institution.
 */
export async function resolvePlacement(
  ctx: AuthedContext,
  role: RoleName,
  requested: { institutionId?: string | null; departmentId?: string | null },
): Promise<Placement> {
  const actor = ctx.actor;
  const departmentId =
    requested.departmentId ?? (actor.role === 'DEPARTMENT_ADMIN' ? actor.departmentId : null);
  if (departmentId) {
    const dept = await findDepartment(ctx.db, actor, departmentId);
    if (!dept) throw notFound('Department');
    if (requested.institutionId && requested.institutionId !== dept.institutionId) {
      throw invalid('institutionId', 'The department belongs to another institution.');
    }
    return { institutionId: dept.institutionId, departmentId: dept.id };
  }
  if (DEPARTMENT_ROLES.includes(role)) {
    throw invalid('departmentId', 'Choose the department this account belongs to.');
  }
  const institutionId =
    requested.institutionId ?? (actor.role === 'SUPER_ADMIN' ? null : actor.institutionId);
  if (!institutionId) {
    if (role === 'INSTITUTION_ADMIN') throw invalid('institutionId', 'Choose the institution.');
    return { institutionId: null, departmentId: null };
  }
  if (!(await findInstitution(ctx.db, actor, institutionId))) throw notFound('Institution');
  return { institutionId, departmentId: null };
}
