import { CONTRACT, type CallName } from './contract/index.ts';
import { ROLE_NAMES, type RoleName } from './domain/enums.ts';

// Pure role → permission facts, derived from the contract's `roles` (no second list to drift).
// The renderer uses them to hide what a role cannot use; the core's dispatch enforces the same
// roles, and the scope module (src/core/scope) decides which rows a permitted call may touch.

/** Whether `role` may make `call` at all (scope still applies to the rows it touches). */
export function canCall(role: RoleName | null, call: CallName): boolean {
  const roles = CONTRACT[call].roles;
  if (roles === 'PUBLIC') return true;
  return role !== null && (roles as readonly RoleName[]).includes(role);
}

/** Every call name `role` may make, in contract order. */
export function allowedCalls(role: RoleName | null): CallName[] {
  return (Object.keys(CONTRACT) as CallName[]).filter((c) => canCall(role, c));
}

/**
 * UI capabilities: a screen or button is shown when the role may make every call it needs.
 * Unknown call names (a feature not in the contract yet) count as not allowed.
 */
export const CAPABILITIES = {
  manageInstitutions: ['institutions:create', 'institutions:update'],
  viewInstitutions: ['institutions:list'],
  manageDepartments: ['departments:create', 'departments:update'],
  viewDepartments: ['departments:list'],
  viewUsers: ['users:list', 'users:get'],
  manageUsers: ['users:create', 'users:update', 'users:set-status'],
  issueResetCodes: ['auth:issue-reset'],
  viewStudents: ['students:list', 'students:get'],
  editAcademics: ['students:update-academics'],
  viewMentors: ['mentors:list'],
  editMentorProfiles: ['mentors:update-profile'],
  viewAudit: ['audit:list'],
  editOwnProfile: ['users:update-own-profile'],
  changeOwnPassword: ['auth:change-password'],
} as const satisfies Record<string, readonly string[]>;
export type Capability = keyof typeof CAPABILITIES;

const isCall = (name: string): name is CallName => Object.hasOwn(CONTRACT, name);

export function hasCapability(role: RoleName | null, capability: Capability): boolean {
  return CAPABILITIES[capability].every((c: string) => isCall(c) && canCall(role, c));
}

export function capabilitiesFor(role: RoleName | null): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => hasCapability(role, c));
}

/** Rank: lower is more powerful. */
const RANK: Record<RoleName, number> = {
  SUPER_ADMIN: 0,
  INSTITUTION_ADMIN: 1,
  DEPARTMENT_ADMIN: 2,
  MENTOR: 3,
  STUDENT: 4,
};

export const roleRank = (role: RoleName): number => RANK[role];

/**
 * Roles `actor` may give to an account (create, role change). ROLES.md: SUPER_ADMIN "users of any
 * role"; INSTITUTION_ADMIN "users of its institution except SUPER_ADMIN" (never above its own);
 * DEPARTMENT_ADMIN "mentor and student accounts of its department"; mentors and students none.
 */
export function grantableRoles(actorRole: RoleName): RoleName[] {
  if (actorRole === 'SUPER_ADMIN') return [...ROLE_NAMES];
  if (actorRole === 'INSTITUTION_ADMIN') return ROLE_NAMES.filter((r) => RANK[r] >= RANK.INSTITUTION_ADMIN);
  if (actorRole === 'DEPARTMENT_ADMIN') return ['MENTOR', 'STUDENT'];
  return [];
}

/**
 * Whether a role reads more than one department, and so is offered a department filter or picker
 * (a department office and a mentor read their own department only).
 */
export const seesManyDepartments = (role: RoleName | null): boolean =>
  role === 'SUPER_ADMIN' || role === 'INSTITUTION_ADMIN';
