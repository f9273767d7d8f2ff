import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';

// Admin side of password resets (the user side, auth:reset-password, is in auth.contract.ts).
export const authAdminContract = {
  'auth:issue-reset': defineCall({
    summary:
      'Issue a one-time code (valid 24 hours) so a user you manage can set a new password. Shown once.',
    input: z.strictObject({ userId: id }),
    output: z.object({
      userId: z.string(),
      email: z.string(),
      code: z.string(),
      expiresAt: z.string(),
    }),
    roles: ADMIN_ROLES,
    write: true,
    // The code must be usable at once on any computer: it is stored only on central.
    online: true,
  }),
};
