import { CONTRACT, type CallName } from '../../shared/contract/index.ts';
import type { RoleName } from '../../shared/domain/enums.ts';

// Navigation follows the contract: an item is shown when its page exists and the user's role may
// make the call the page is built on, so the menu never offers a screen that would say "forbidden".

export interface NavItem {
  path: string;
  label: string;
  /** The call the page depends on; absent for pages every signed-in user has (home, account). */
  call?: CallName;
  /** 'hidden': routed but not in the menu (a detail page such as /students/:id). */
  section: 'main' | 'account' | 'hidden';
  /**
   * Only these roles, on top of the call's roles: for office screens built on a call a mentor may
   * also make for its own scope (students:list, alerts:list), which a mentor has elsewhere.
   */
  roles?: readonly RoleName[];
}

/** The department office and administrators (ROLES.md). */
export const OFFICE_ROLES: readonly RoleName[] = ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN'];

export const ROLE_LABELS: Readonly<Record<RoleName, string>> = {
  SUPER_ADMIN: 'System administrator',
  INSTITUTION_ADMIN: 'Institution administrator',
  DEPARTMENT_ADMIN: 'Department administrator',
  MENTOR: 'Mentor',
  STUDENT: 'Student',
};

type RolesByCall = Readonly<Record<string, { roles: readonly RoleName[] | 'PUBLIC' }>>;

export function roleMayCall(role: RoleName, name: string, contract: RolesByCall = CONTRACT): boolean {
  const roles = contract[name]?.roles;
  return roles === 'PUBLIC' || (roles ?? []).includes(role);
}

/** Whether a role may open a page at all (menu and address bar alike). */
export function roleMayOpen(item: NavItem, role: RoleName, contract: RolesByCall = CONTRACT): boolean {
  if (item.roles && !item.roles.includes(role)) return false;
  return !item.call || roleMayCall(role, item.call, contract);
}

export function visibleNavItems<T extends NavItem>(
  items: readonly T[],
  role: RoleName,
  contract: RolesByCall = CONTRACT,
): T[] {
  return items.filter((item) => roleMayOpen(item, role, contract));
}

export function initials(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toUpperCase() || '?';
}
