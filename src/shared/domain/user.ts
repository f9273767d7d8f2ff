import { z } from 'zod';
import { ROLE_NAMES } from './enums.ts';

/** The signed-in user as the renderer sees it (never a password hash). */
export const currentUser = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLE_NAMES),
  firstName: z.string(),
  lastName: z.string(),
  institutionId: z.string().nullable(),
  departmentId: z.string().nullable(),
});
export type CurrentUser = z.infer<typeof currentUser>;
