import { describe, expect, it } from 'vitest';
import { ROLE_NAMES } from '../../shared/domain/enums.ts';
import {
  initials,
  OFFICE_ROLES,
  roleMayCall,
  roleMayOpen,
  visibleNavItems,
  type NavItem,
} from './navigation.ts';

describe('role-based navigation', () => {
  const items: NavItem[] = [
    { path: '/', label: 'Home', section: 'main' },
    { path: '/account/password', label: 'Change password', call: 'auth:change-password', section: 'account' },
    { path: '/first-run', label: 'Setup', call: 'setup:initialize', section: 'main' },
  ];

  it('shows pages without a call to everybody and call-backed pages by the contract roles', () => {
    for (const role of ROLE_NAMES) {
      expect(visibleNavItems(items, role).map((i) => i.path)).toEqual([
        '/',
        '/account/password',
        '/first-run',
      ]);
    }
  });

  it('reads the roles from the contract', () => {
    expect(roleMayCall('STUDENT', 'auth:change-password')).toBe(true);
    expect(roleMayCall('STUDENT', 'setup:status')).toBe(true);
  });

  it('hides a page whose call the role may not make, and pages of calls that do not exist', () => {
    const contract = {
      'auth:change-password': { roles: ['DEPARTMENT_ADMIN', 'MENTOR'] as const },
      'setup:initialize': { roles: 'PUBLIC' as const },
    };
    expect(visibleNavItems(items, 'MENTOR', contract).map((i) => i.path)).toEqual([
      '/',
      '/account/password',
      '/first-run',
    ]);
    expect(visibleNavItems(items, 'STUDENT', contract).map((i) => i.path)).toEqual(['/', '/first-run']);
    expect(roleMayCall('SUPER_ADMIN', 'users:unknown', contract)).toBe(false);
  });

  it('keeps an office screen from a role the call alone would let in', () => {
    const students: NavItem = {
      path: '/students',
      label: 'Students',
      call: 'students:list',
      section: 'main',
    };
    const office = { ...students, roles: OFFICE_ROLES };
    // A mentor may list students (its mentees), but the office's table is not its screen.
    expect(roleMayOpen(students, 'MENTOR')).toBe(true);
    expect(roleMayOpen(office, 'MENTOR')).toBe(false);
    expect(roleMayOpen(office, 'STUDENT')).toBe(false);
    expect(roleMayOpen(office, 'DEPARTMENT_ADMIN')).toBe(true);
    // `roles` narrows the call's roles, never widens them.
    const widened: NavItem = { ...office, call: 'institutions:update' };
    expect(roleMayOpen(widened, 'DEPARTMENT_ADMIN')).toBe(false);
    expect(visibleNavItems([students, office], 'MENTOR')).toEqual([students]);
  });

  it('makes initials for the avatar', () => {
    expect(initials('asha', 'Rao')).toBe('AR');
    expect(initials('', '')).toBe('?');
  });
});
