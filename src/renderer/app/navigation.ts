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
}

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

export function visibleNavItems<T extends NavItem>(
  items: readonly T[],
  role: RoleName,
  contract: RolesByCall = CONTRACT,
): T[] {
  return items.filter((item) => !item.call || roleMayCall(role, item.call, contract));
}

export function initials(firstName: string, lastName: string): string {
  return `${firstName.trim().charAt(0)}${lastName.trim().charAt(0)}`.toUpperCase() || '?';
}
