import type { CallCase } from './cases.ts';

// RBAC matrix rows for Settings → Backups (spread into CASES in cases.ts). The matrix databases
// live in memory (or on MariaDB), so an allowed call is refused as CONFLICT there, never FORBIDDEN:
// the backups themselves are proven on real files in tests/ops.

export const OPS_CASES: Record<string, CallCase> = {
  'ops:backups': {
    allow: 'AAADD',
    rule: 'admins look after the computer the office shares; mentors and students rely on the automatic backups',
    expect: 'not-denied',
    input: () => ({}),
  },
  'ops:backup-create': {
    allow: 'AAADD',
    rule: 'admins may take a backup at any time (it changes no data)',
    expect: 'not-denied',
    input: () => ({}),
  },
  'ops:restore': {
    allow: 'AADDD',
    rule: 'system settings: a restore rolls back every department on the computer, so institution level and above',
    expect: 'not-denied',
    input: () => ({ name: 'smms-20260301-020000000Z-daily.sqlite' }),
  },
};
