import type { CallCase, CaseCtx } from './cases.ts';

// RBAC matrix rows for roster imports and table exports, from ROLES.md: DEPARTMENT_ADMIN "import
// rosters" for its own department; INSTITUTION_ADMIN and SUPER_ADMIN for departments in scope;
// mentors and students never. Exports follow the table's list call. Spread into CASES in cases.ts.

const ADMINS = 'AAADD' as const;

let n = 0;
const uniq = (): string => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

/** A two-student CSV with fresh roll numbers and emails, so every allowed role's commit succeeds. */
function rosterFile(): { name: string; base64: string } {
  const u = uniq();
  const csv = [
    'Roll No,Name,Email,Program',
    `RM${u}A,Asha Rao,asha.${u.toLowerCase()}@test.smms,B.Tech CSE`,
    `RM${u}B,Vikram Iyer,vikram.${u.toLowerCase()}@test.smms,B.Tech CSE`,
    `RM${u}C,Broken Row,not-an-email,B.Tech CSE`,
  ].join('\r\n');
  return { name: 'roster.csv', base64: Buffer.from(csv, 'utf8').toString('base64') };
}

const source = (c: CaseCtx) => ({ file: rosterFile(), kind: 'students', departmentId: c.w.dept.id });

export const ROSTER_CASES: Record<string, CallCase> = {
  'roster:preview': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: import rosters (own department); admins above for departments in scope',
    input: source,
  },
  'roster:commit': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: create mentor and student accounts of its department, import rosters',
    input: (c) => ({ ...source(c), mode: 'skip-invalid' }),
  },
  'roster:get-mapping': {
    allow: ADMINS,
    rule: 'the mapping belongs to the department’s import',
    input: (c) => ({ departmentId: c.w.dept.id, kind: 'students' }),
  },
  'exports:table': {
    allow: 'AAAAA',
    rule: 'every table screen exports what its list shows to the role (a student: its own goals)',
    input: (c) => ({ table: c.role === 'STUDENT' ? 'goals' : 'students', format: 'csv', filter: {} }),
  },
  'roster:error-report': {
    allow: ADMINS,
    rule: 'the rejected rows of a roster import',
    input: (c) => ({ ...source(c), format: 'csv' }),
  },
};
