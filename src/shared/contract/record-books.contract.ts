import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';
import { reportFile } from './reports.contract.ts';

// Mentor Record Books (issue 12 item 1) and the handover packet PDF (item 2).
// A record book is one student's paper-style file: profile, academics, mentor history, every session
// with its action items, goals, alerts, the feedback and staff notes the reader may see (RESTRICTED
// notes only when the reader may read them, otherwise absent), and signature blocks for mentor, HOD
// and parent/guardian. Batches: a class (program + year in a department) or a mentor's list, one PDF,
// each book on a new page; progress under `taskId`, and `record-books:cancel` stops it between books.

const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;

export const MAX_BOOKS = 400;

export const recordBooksInput = z
  .strictObject({
    /** Class mode: program + year of study, in a department (defaults to the reader's own). */
    departmentId: id.optional(),
    program: z.string().trim().min(1).max(120).optional(),
    yearOfStudy: z.number().int().min(1).max(8).optional(),
    /** Mentor mode: the mentor's current mentees. A mentor may ask only for its own list. */
    mentorId: id.optional(),
    /** One student's book. */
    studentId: id.optional(),
    taskId: z.string().trim().min(1).max(64).optional(),
  })
  .refine((v) => v.studentId || v.mentorId || (v.program && v.yearOfStudy), {
    message: 'Choose a class (program and year), a mentor, or a student.',
    path: ['program'],
  });

export const recordBookClass = z.object({
  departmentId: z.string(),
  department: z.string(),
  program: z.string(),
  yearOfStudy: z.number(),
  students: z.number(),
});

export const recordBooksContract = {
  'reports:record-books': defineCall({
    summary:
      'Mentor Record Books as one PDF: a class (program + year), a mentor’s mentees, or one student; each book on a new page.',
    input: recordBooksInput,
    output: reportFile.extend({ books: z.number().int() }),
    roles: STAFF,
    write: false,
  }),
  'record-books:classes': defineCall({
    summary: 'The classes (program + year) of students in your scope, with how many students each has.',
    input: z.strictObject({ departmentId: id.optional() }),
    output: z.object({ items: z.array(recordBookClass) }),
    roles: STAFF,
    write: false,
  }),
  'reports:handover': defineCall({
    summary:
      'The one-page handover packet of a student as a PDF: open goals, open alerts, last five sessions, risk and why.',
    input: z.strictObject({ studentId: id, taskId: z.string().trim().min(1).max(64).optional() }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
  'record-books:cancel': defineCall({
    summary: 'Stop a running report (record books) started with this taskId; the PDF is not produced.',
    input: z.strictObject({ taskId: z.string().trim().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
    roles: STAFF,
    write: false,
  }),
};
