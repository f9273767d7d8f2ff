import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { currentUser } from '../domain/user.ts';
import { email, password } from '../domain/fields.ts';

export const authContract = {
  'auth:login': defineCall({
    summary: 'Sign in with email and password.',
    input: z.strictObject({ email, password }),
    output: z.object({ user: currentUser, idleTimeoutMinutes: z.number().int().positive() }),
    roles: 'PUBLIC',
    write: true,
  }),
  'auth:logout': defineCall({
    summary: 'Sign out of this window.',
    input: z.strictObject({}),
    output: z.object({ signedOut: z.boolean() }),
    roles: 'PUBLIC',
    write: true,
  }),
  'auth:me': defineCall({
    summary: 'Who is signed in on this window, if anyone.',
    input: z.strictObject({}),
    output: z.object({ user: currentUser.nullable(), idleTimeoutMinutes: z.number().int().nullable() }),
    roles: 'PUBLIC',
    write: false,
  }),
  'auth:change-password': defineCall({
    summary: 'Change your own password.',
    input: z.strictObject({ currentPassword: password, newPassword: password }),
    output: z.object({ changed: z.literal(true) }),
    roles: ALL_ROLES,
    write: true,
    // The hash lives on central; a local-only change would never reach it (auth calls are not queued).
    online: true,
  }),
  'auth:reset-password': defineCall({
    summary: 'Choose a new password with a one-time code from your department office.',
    input: z.strictObject({
      email,
      token: z.string().trim().min(1, 'Enter the code.').max(64, 'That code is too long.'),
      newPassword: password,
    }),
    output: z.object({ reset: z.literal(true) }),
    roles: 'PUBLIC',
    write: true,
    // One-time codes live only in central's password_resets (not synced).
    online: true,
  }),
};
