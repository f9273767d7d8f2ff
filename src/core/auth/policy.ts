import type { RoleName } from '../../shared/domain/enums.ts';
import { isAdminRole } from './actor.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/** Password policy by role (ROLES.md): admins ≥ 12 characters, others ≥ 8, no common passwords. */
export function minPasswordLength(role: RoleName): number {
  return isAdminRole(role) ? 12 : 8;
}

/** Returns what is wrong with the password in words the user can act on, or null when it is fine. */
export function passwordProblem(password: string, role: RoleName, email: string): string | null {
  const min = minPasswordLength(role);
  if (password.length < min) return `Use at least ${min} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'This password is too common. Choose something harder to guess.';
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Do not use your email name in your password.';
  if (/^(.)\1+$/.test(password)) return 'Do not repeat one character.';
  return null;
}
