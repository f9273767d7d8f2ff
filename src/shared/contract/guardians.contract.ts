import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { email, id, isoDateTime } from '../domain/fields.ts';
import { optionalText } from './common-fields.ts';
import { reportDay, reportFile } from './reports.contract.ts';

// Parent/guardian contacts, the contact log and letters (issue 12 item 4). Staff-only: a student's
// current mentors and admins in scope; students never see any of it (ROLES.md has no student row
// for it, and the sync scope keeps it off a student's laptop).

export const CONTACT_MODES = ['PHONE', 'IN_PERSON', 'EMAIL', 'SMS', 'LETTER'] as const;

export const guardianContact = z.object({
  id: z.string(),
  studentId: z.string(),
  name: z.string(),
  relation: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  updatedAt: z.string(),
});
export type GuardianContact = z.infer<typeof guardianContact>;

export const contactLogEntry = z.object({
  id: z.string(),
  studentId: z.string(),
  guardianId: z.string().nullable(),
  guardianName: z.string().nullable(),
  contactedAt: z.string(),
  mode: z.enum(CONTACT_MODES),
  reason: z.string(),
  outcome: z.string().nullable(),
  followUpOn: z.string().nullable(),
  followUpDoneAt: z.string().nullable(),
  createdById: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type ContactLogEntry = z.infer<typeof contactLogEntry>;

export const letterTemplate = z.object({
  id: z.string(),
  departmentId: z.string(),
  name: z.string(),
  subject: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type LetterTemplate = z.infer<typeof letterTemplate>;

/** The placeholders a template may use, filled from the student's records when a letter is printed. */
export const LETTER_PLACEHOLDERS = [
  'student.name',
  'student.firstName',
  'student.rollNumber',
  'student.program',
  'student.year',
  'attendancePct',
  'gpa',
  'guardian.name',
  'guardian.relation',
  'mentor.name',
  'department.name',
  'institution.name',
  'today',
] as const;

const phone = optionalText(40).refine((v) => v === null || /^[+0-9 ()-]{6,40}$/.test(v), {
  message: 'Enter a phone number (digits, spaces, + - and brackets).',
});
const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;

export const guardiansContract = {
  'guardians:list': defineCall({
    summary: 'A student’s guardian contacts and the contact log, newest first (staff only).',
    input: z.strictObject({ studentId: id }),
    output: z.object({
      contacts: z.array(guardianContact),
      log: z.array(contactLogEntry),
      canWrite: z.boolean(),
    }),
    roles: STAFF,
    write: false,
  }),
  'guardians:save-contact': defineCall({
    summary: 'Add or edit a guardian contact of a student.',
    input: z.strictObject({
      id: id.optional(),
      studentId: id,
      name: z.string().trim().min(1, 'Enter the guardian’s name.').max(191, 'At most 191 characters.'),
      relation: z.string().trim().min(1, 'Say who they are (Father, Mother, Guardian…).').max(60),
      phone: phone.optional().default(null),
      email: email.nullable().optional().default(null),
    }),
    output: guardianContact,
    roles: STAFF,
    write: true,
  }),
  'guardians:delete-contact': defineCall({
    summary: 'Remove a guardian contact (log entries keep their text).',
    input: z.strictObject({ id }),
    output: z.object({ deleted: z.boolean() }),
    roles: STAFF,
    write: true,
  }),
  'guardians:log-contact': defineCall({
    summary: 'Record a contact with a student’s parent or guardian.',
    input: z.strictObject({
      studentId: id,
      guardianId: id.nullable().optional().default(null),
      contactedAt: isoDateTime,
      mode: z.enum(CONTACT_MODES),
      reason: z.string().trim().min(1, 'Say why you contacted them.').max(2000, 'At most 2000 characters.'),
      outcome: optionalText(2000).optional().default(null),
      followUpOn: reportDay.nullable().optional().default(null),
    }),
    output: contactLogEntry,
    roles: STAFF,
    write: true,
  }),
  'guardians:complete-follow-up': defineCall({
    summary: 'Mark a contact’s follow-up as done.',
    input: z.strictObject({ id }),
    output: contactLogEntry,
    roles: STAFF,
    write: true,
  }),
  'letters:templates': defineCall({
    summary: 'The department’s letter templates.',
    input: z.strictObject({ departmentId: id.optional() }),
    output: z.object({ templates: z.array(letterTemplate), placeholders: z.array(z.string()) }),
    roles: STAFF,
    write: false,
  }),
  'letters:save-template': defineCall({
    summary: 'Add or edit a letter template of the department (HOD).',
    input: z.strictObject({
      id: id.optional(),
      departmentId: id.optional(),
      name: z.string().trim().min(1, 'Name the template.').max(120, 'At most 120 characters.'),
      subject: z.string().trim().min(1, 'Enter the letter’s subject.').max(191, 'At most 191 characters.'),
      body: z.string().trim().min(1, 'Write the letter.').max(10_000, 'At most 10,000 characters.'),
    }),
    output: letterTemplate,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'letters:delete-template': defineCall({
    summary: 'Delete a letter template (HOD).',
    input: z.strictObject({ id }),
    output: z.object({ deleted: z.boolean() }),
    roles: ADMIN_ROLES,
    write: true,
  }),
  'letters:print': defineCall({
    summary:
      'A letter to a student’s guardian from a department template, filled from the student’s records (PDF).',
    input: z.strictObject({ templateId: id, studentId: id, guardianId: id.optional() }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
};
