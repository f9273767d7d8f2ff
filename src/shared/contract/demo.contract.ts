import { z } from 'zod';
import { defineCall } from './define.ts';
import { ROLE_NAMES } from '../domain/enums.ts';

// First run, "just looking": fill the empty database with the small demo college (3 departments,
// 12 mentors, 150 students with a term of sessions, goals and alerts) dated around today, and
// hand back the accounts to try it with. Refused once anybody exists, like setup:initialize.

export const demoAccount = z.object({ role: z.enum(ROLE_NAMES), email: z.string(), name: z.string() });
export type DemoAccountDto = z.infer<typeof demoAccount>;

export const demoContract = {
  'setup:load-demo': defineCall({
    summary: 'First run: load the small demo college into this empty database (demo accounts returned).',
    input: z.strictObject({}),
    output: z.object({
      /** The demo's "today" (YYYY-MM-DD). */
      asOf: z.string(),
      /** One account per role to try the app with. */
      accounts: z.array(demoAccount),
      /** The password of every demo account. */
      password: z.string(),
      /** Rows written per table. */
      counts: z.record(z.string(), z.number().int()),
    }),
    roles: 'PUBLIC',
    write: true,
  }),
};
