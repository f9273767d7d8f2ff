import type { CallCase } from './cases.ts';

// RBAC matrix rows for the first-run demo loader and the header's global search. Spread into
// CASES in cases.ts.

export const DEMO_SEARCH_CASES: Record<string, CallCase> = {
  'setup:load-demo': {
    allow: 'PUBLIC',
    rule: 'first run only (like setup:initialize); refused with CONFLICT once anybody exists',
    expect: 'not-denied',
    input: () => ({}),
  },
  'search:global': {
    allow: 'AAAAA',
    rule: 'every role searches its own scope (a mentor its mentees, a student its mentors)',
    input: () => ({ q: 'test' }),
  },
};
