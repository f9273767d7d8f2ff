import type { z } from 'zod';
import type { RoleName } from '../domain/enums.ts';

/**
 * One call of the contract (STYLE.md §1: declare a call once; let it type every hop).
 * - `roles`: who may make it; 'PUBLIC' means no login needed (login itself, first-run setup).
 * - `write`: true when it changes data (audited; queued to the outbox on a synced client).
 */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  roles: readonly RoleName[] | 'PUBLIC';
  write: boolean;
  summary: string;
  /**
   * On a synced laptop this call must run on central at once, never on the local cache: its result
   * has to exist centrally right away (password hashes, one-time codes in password_resets, which are
   * not synced). `true` always; a function decides from the parsed input. Offline it fails OFFLINE.
   */
  online?: boolean | ((input: z.output<I>) => boolean);
}

/** Whether this call, with this parsed input, must run on central when a central is configured. */
export function isOnlineCall(def: CallDef, input: unknown): boolean {
  if (typeof def.online === 'function') return def.online(input);
  return def.online === true;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType>(def: CallDef<I, O>): CallDef<I, O> {
  return def;
}

export const ALL_ROLES = [
  'SUPER_ADMIN',
  'INSTITUTION_ADMIN',
  'DEPARTMENT_ADMIN',
  'MENTOR',
  'STUDENT',
] as const satisfies readonly RoleName[];
export const ADMIN_ROLES = [
  'SUPER_ADMIN',
  'INSTITUTION_ADMIN',
  'DEPARTMENT_ADMIN',
] as const satisfies readonly RoleName[];
