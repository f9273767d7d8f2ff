import { z } from 'zod';
import { defineCall } from './define.ts';
import { currentUser } from '../domain/user.ts';
import { email, password, personName } from '../domain/fields.ts';

export const orgCode = z
  .string()
  .trim()
  .toUpperCase()
  .min(2, 'Use 2 to 20 letters or digits.')
  .max(20, 'Use 2 to 20 letters or digits.')
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, 'Use letters, digits, - or _ only (for example CSE).');

export const orgName = z.string().trim().min(2, 'Enter the full name.').max(255, 'At most 255 characters.');

export const setupContract = {
  'setup:status': defineCall({
    summary: 'Whether this database still needs its first-run setup.',
    input: z.strictObject({}),
    output: z.object({ needsSetup: z.boolean() }),
    roles: 'PUBLIC',
    write: false,
  }),
  'setup:initialize': defineCall({
    summary: 'First run: create the institution, the first department and the first administrator.',
    input: z.strictObject({
      institution: z.strictObject({ name: orgName, code: orgCode }),
      department: z.strictObject({ name: orgName, code: orgCode }),
      admin: z.strictObject({ firstName: personName, lastName: personName, email, password }),
    }),
    output: z.object({ user: currentUser, idleTimeoutMinutes: z.number().int().positive() }),
    roles: 'PUBLIC',
    write: true,
  }),
};
