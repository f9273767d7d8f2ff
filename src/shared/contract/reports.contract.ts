import { z } from 'zod';
import { ALL_ROLES, ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';

// PDF reports (issue 8). Every report is read-only and limited to the caller's scope in SQL.
// Who may ask for what (ROLES.md):
// - admins: "department reports" / "institution-wide reports" in their scope;
// - MENTOR: "reports about its own mentees" (sessions, risk, its own load, a mentee's dossier);
// - STUDENT: only its own dossier, which the scope rules strip of staff-only data (session
//   summaries, alerts, assignment notes, feedback not addressed to the student's side).
// The department summary is the HOD's page, so it stays with the admins.

/** A calendar day, read as a day in India (IST): "2026-11-25". */
export const reportDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-25.')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    {
      message: 'Not a real date.',
    },
  );

const period = {
  from: reportDay.optional(),
  to: reportDay.optional(),
  /** Set by a shell that shows progress: `task:progress` events then carry this id. */
  taskId: z.string().trim().min(1).max(64).optional(),
};

const scopeParams = {
  departmentId: id.optional(),
  mentorId: id.optional(),
};

export const reportFile = z.object({
  fileName: z.string(),
  pdfBase64: z.string(),
  pages: z.number().int().min(1),
});
export type ReportFile = z.infer<typeof reportFile>;

const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;

export const reportsContract = {
  'reports:sessions': defineCall({
    summary:
      'Session register for a department, a mentor or a student over a date range, with totals per mentor (PDF).',
    input: z.strictObject({
      ...period,
      ...scopeParams,
      studentId: id.optional(),
      /** Staff may leave the mentors' notes out of a copy meant for a meeting. */
      includeSummaries: z.boolean().default(true),
    }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
  'reports:risk': defineCall({
    summary:
      'Students at HIGH then MEDIUM risk with academics, last session, open alerts and mentor; changes since the previous period (PDF).',
    input: z.strictObject({ ...period, ...scopeParams }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
  'reports:mentor-load': defineCall({
    summary:
      'Per mentor: mentees against capacity, sessions held against planned, feedback rating, pending sessions, open alerts (PDF).',
    input: z.strictObject({ ...period, ...scopeParams }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
  'reports:student': defineCall({
    summary:
      'One student’s dossier: profile, mentors, sessions, goals, feedback, alerts and attachments as the reader may see them (PDF).',
    input: z.strictObject({ ...period, studentId: id }),
    output: reportFile,
    roles: ALL_ROLES,
    write: false,
  }),
  'reports:department': defineCall({
    summary: 'One-page department summary for the HOD: headline numbers, charts and top concerns (PDF).',
    input: z.strictObject({ ...period, departmentId: id.optional() }),
    output: reportFile,
    roles: ADMIN_ROLES,
    write: false,
  }),
  'reports:cancel': defineCall({
    summary: 'Stop a report of yours that is still being drawn (by the taskId it was asked with).',
    input: z.strictObject({ taskId: z.string().trim().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
    roles: ALL_ROLES,
    write: false,
  }),
};
