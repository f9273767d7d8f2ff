import { DEFAULT_NORMS } from '../../../src/shared/contract/compliance.contract.ts';
import { officeDb } from '../../../src/core/db/office.tables.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import type { CallCase, CaseCtx } from './cases.ts';

// RBAC matrix rows for issue 12 items 3, 4 and 6 (compliance, guardians and letters, kudos and
// notification delivery). Spread into CASES in cases.ts.

const ALL = 'AAAAA' as const;
const ADMINS = 'AAADD' as const;
const STAFF = 'AAAAD' as const;

const now = (c: CaseCtx) => c.h.clock.now().toISOString();

async function guardian(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  await officeDb(c.h.db.kysely)
    .insertInto('guardian_contacts')
    .values({
      id,
      studentId: c.w.student.id,
      name: 'Ramesh Kulkarni',
      relation: 'Father',
      phone: '+91 98450 12345',
      email: null,
      createdById: c.w.mentor.id,
      createdAt: now(c),
      updatedAt: now(c),
    })
    .execute();
  return id;
}

async function followUp(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  await officeDb(c.h.db.kysely)
    .insertInto('guardian_contact_log')
    .values({
      id,
      studentId: c.w.student.id,
      guardianId: null,
      contactedAt: now(c),
      mode: 'PHONE',
      reason: 'Attendance below 75%',
      outcome: 'Father will visit',
      followUpOn: now(c),
      followUpDoneAt: null,
      createdById: c.w.mentor.id,
      createdAt: now(c),
      updatedAt: now(c),
    })
    .execute();
  return id;
}

async function template(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  await officeDb(c.h.db.kysely)
    .insertInto('letter_templates')
    .values({
      id,
      departmentId: c.w.dept.id,
      name: 'Attendance shortfall',
      subject: 'Attendance of {{student.name}}',
      body: 'Attendance is {{attendancePct}}%.',
      updatedById: c.w.deptAdmin.id,
      createdAt: now(c),
      updatedAt: now(c),
    })
    .execute();
  return id;
}

export const OFFICE_CASES: Record<string, CallCase> = {
  'compliance:get-norms': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: settings of its department; admins above: a department in scope',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'compliance:set-norms': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: settings of its department (audited)',
    input: (c) => ({ departmentId: c.w.dept.id, norms: DEFAULT_NORMS }),
  },
  'compliance:sheet': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: its own mentees',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'compliance:pdf': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: its own mentees',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'guardians:list': {
    allow: STAFF,
    rule: 'staff of the student (current mentors, admins in scope); students never see the log',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'guardians:save-contact': {
    allow: STAFF,
    rule: 'mentors for current mentees, admins in scope',
    input: (c) => ({
      studentId: c.w.student.id,
      name: 'Sunita Rao',
      relation: 'Mother',
      phone: '+91 90000 11111',
    }),
  },
  'guardians:delete-contact': {
    allow: STAFF,
    rule: 'mentors for current mentees, admins in scope',
    input: async (c) => ({ id: await guardian(c) }),
  },
  'guardians:log-contact': {
    allow: STAFF,
    rule: 'contact entries by mentors and HODs',
    input: (c) => ({
      studentId: c.w.student.id,
      contactedAt: now(c),
      mode: 'PHONE',
      reason: 'Missed three sessions',
    }),
  },
  'guardians:complete-follow-up': {
    allow: STAFF,
    rule: 'contact entries by mentors and HODs',
    input: async (c) => ({ id: await followUp(c) }),
  },
  'letters:templates': {
    allow: STAFF,
    rule: 'staff print letters from their department’s templates',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'letters:save-template': {
    allow: ADMINS,
    rule: 'templates are managed by the HOD (admins in scope)',
    input: (c) => ({
      departmentId: c.w.dept.id,
      name: 'Low GPA',
      subject: 'Academic progress of {{student.name}}',
      body: 'GPA is {{gpa}}.',
    }),
  },
  'letters:delete-template': {
    allow: ADMINS,
    rule: 'templates are managed by the HOD (admins in scope)',
    input: async (c) => ({ id: await template(c) }),
  },
  'letters:print': {
    allow: STAFF,
    rule: 'staff print letters for students in scope',
    input: async (c) => ({ templateId: await template(c), studentId: c.w.student.id }),
  },
  'kudos:send': {
    allow: 'DDAAD',
    rule: 'mentors (current mentees) and HODs (students of the department) send kudos',
    input: (c) => ({ studentId: c.w.student.id, message: 'Great presentation at the seminar!' }),
  },
  'kudos:list': {
    allow: ALL,
    rule: 'a student sees its own kudos; staff those of students in scope',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'notifications:get-prefs': { allow: ALL, rule: 'Everybody: own notifications', input: () => ({}) },
  'notifications:set-prefs': {
    allow: ALL,
    rule: 'Everybody: own notifications (delivery)',
    input: () => ({ prefs: [{ type: 'GOAL_DUE', delivery: 'DIGEST' }] }),
  },
};
