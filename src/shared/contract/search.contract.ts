import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { RISK_LEVELS, USER_STATUSES } from '../domain/enums.ts';

// The header's global search: students by name or roll number, mentors by name, limited to the
// caller's scope (a mentor finds its mentees, a student its mentors). A short list to jump from,
// not a report: at most 20 results, exact roll numbers first.

export const SEARCH_LIMIT = 20;

export const searchResult = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('student'),
    id: z.string(),
    name: z.string(),
    rollNumber: z.string(),
    program: z.string().nullable(),
    departmentName: z.string().nullable(),
    riskLevel: z.enum(RISK_LEVELS),
    status: z.enum(USER_STATUSES),
  }),
  z.object({
    kind: z.literal('mentor'),
    id: z.string(),
    name: z.string(),
    designation: z.string().nullable(),
    departmentName: z.string().nullable(),
    status: z.enum(USER_STATUSES),
  }),
]);
export type SearchResult = z.infer<typeof searchResult>;

export const searchContract = {
  'search:global': defineCall({
    summary: 'Find students (name, roll number) and mentors (name) in your scope; at most 20 results.',
    input: z.strictObject({
      q: z
        .string()
        .trim()
        .min(2, 'Type at least 2 characters.')
        .max(100, 'Search for at most 100 characters.'),
    }),
    output: z.object({
      results: z.array(searchResult),
      /** More matched than were returned: the user should type more. */
      truncated: z.boolean(),
    }),
    roles: ALL_ROLES,
    write: false,
  }),
};
