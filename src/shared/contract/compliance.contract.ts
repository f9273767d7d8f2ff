import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';
import { RISK_LEVELS } from '../domain/enums.ts';
import { reportDay, reportFile } from './reports.contract.ts';

// Compliance against a department's own norms (issue 12 item 3). Semesters are January–June and
// July–December, read as days in India (IST) like every report; the sheet covers the semester that
// contains `asOf` (default: today). Meetings are COMPLETED sessions the student attended.

const whole = (min: number, max: number, label: string) =>
  z
    .number({ message: `${label}: enter a whole number.` })
    .int(`${label}: enter a whole number.`)
    .min(min, `${label}: at least ${min}.`)
    .max(max, `${label}: at most ${max}.`);

export const complianceNorms = z.strictObject({
  minMeetingsPerSemester: whole(1, 52, 'Meetings per mentee per semester'),
  maxMenteesPerMentor: whole(1, 500, 'Mentees per mentor'),
  maxDaysWithoutContactHigh: whole(1, 365, 'Days without contact (HIGH risk)'),
});
export type ComplianceNorms = z.infer<typeof complianceNorms>;

/** Issue 12's defaults: 4 meetings per mentee per semester, 30 mentees per mentor, 14 days. */
export const DEFAULT_NORMS: ComplianceNorms = {
  minMeetingsPerSemester: 4,
  maxMenteesPerMentor: 30,
  maxDaysWithoutContactHigh: 14,
};

const normsView = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  norms: complianceNorms,
  defaults: complianceNorms,
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const semester = z.object({
  /** "2026 S1 (Jan–Jun)" */
  label: z.string(),
  /** First instant (IST midnight, as UTC ISO) and the first instant after it. */
  start: z.string(),
  end: z.string(),
});
export type Semester = z.infer<typeof semester>;

export const complianceMentee = z.object({
  assignmentId: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string(),
  mentorId: z.string(),
  mentorName: z.string(),
  riskLevel: z.enum(RISK_LEVELS),
  meetings: z.number().int(),
  /** Meetings still missing this semester (0 = meets the norm). */
  meetingsShort: z.number().int(),
  lastContactAt: z.string().nullable(),
  /** Whole days since the last meeting (or since assignment when never met); HIGH-risk students only. */
  daysWithoutContact: z.number().int().nullable(),
  /** Days over the HIGH-risk limit (0 = within it, or not HIGH risk). */
  contactOverdueBy: z.number().int(),
});
export type ComplianceMentee = z.infer<typeof complianceMentee>;

export const complianceMentor = z.object({
  mentorId: z.string(),
  mentorName: z.string(),
  activeMentees: z.number().int(),
  /** Mentees over the department's maximum (0 = within it). */
  overLoadBy: z.number().int(),
  menteesShort: z.number().int(),
  meetingsShort: z.number().int(),
  highRiskOverdue: z.number().int(),
  compliant: z.boolean(),
});
export type ComplianceMentor = z.infer<typeof complianceMentor>;

export const complianceSheet = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  semester,
  asOf: z.string(),
  norms: complianceNorms,
  mentors: z.array(complianceMentor),
  mentees: z.array(complianceMentee),
});
export type ComplianceSheet = z.infer<typeof complianceSheet>;

const sheetInput = {
  departmentId: id.optional(),
  /** One mentor's sheet; a mentor always gets its own. */
  mentorId: id.optional(),
  asOf: reportDay.optional(),
};

const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;

export const complianceContract = {
  'compliance:get-norms': defineCall({
    summary: 'A department’s compliance norms (its own or the defaults).',
    input: z.strictObject({ departmentId: id.optional() }),
    output: normsView,
    roles: ADMIN_ROLES,
    write: false,
  }),
  'compliance:set-norms': defineCall({
    summary: 'Save a department’s compliance norms (audited).',
    input: z.strictObject({ departmentId: id.optional(), norms: complianceNorms }),
    output: normsView,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'compliance:sheet': defineCall({
    summary: 'Who is short of the department’s norms this semester, and by how much (per mentor and mentee).',
    input: z.strictObject(sheetInput),
    output: complianceSheet,
    roles: STAFF,
    write: false,
  }),
  'compliance:pdf': defineCall({
    summary: 'The compliance sheet as a PDF with an HOD sign-off line.',
    input: z.strictObject({ ...sheetInput, taskId: z.string().trim().min(1).max(64).optional() }),
    output: reportFile,
    roles: STAFF,
    write: false,
  }),
};
