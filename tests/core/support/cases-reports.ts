import type { CallCase } from './cases.ts';

// RBAC matrix rows for the PDF reports (issue 8), from ROLES.md. Spread into CASES in cases.ts.
// Admins: department / institution reports in scope; MENTOR: "reports about its own mentees";
// STUDENT: only its own dossier (the department summary is the HOD's page: admins only).

const STAFF = 'AAAAD' as const;

export const REPORT_CASES: Record<string, CallCase> = {
  'reports:sessions': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: reports about its own mentees',
    input: () => ({}),
  },
  'reports:risk': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: its own mentees',
    input: () => ({}),
  },
  'reports:mentor-load': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: its own load',
    input: () => ({}),
  },
  'reports:student': {
    allow: 'AAAAA',
    rule: 'admins: students in scope; MENTOR: its mentee; STUDENT: its own dossier without staff-only data',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'reports:department': {
    allow: 'AAADD',
    rule: 'DEPARTMENT_ADMIN: department reports; INSTITUTION_ADMIN: institution-wide reports',
    input: () => ({}),
  },
  'reports:cancel': {
    allow: 'AAAAA',
    rule: 'anyone may stop their own report (a task of another user is never found)',
    input: () => ({ taskId: 'no-such-task' }),
  },
};
