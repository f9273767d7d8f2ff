import { z } from 'zod';
import { ADMIN_ROLES, ALL_ROLES, defineCall } from './define.ts';
import { ASSIGNMENT_STATUSES, AVAILABILITY_STATUSES } from '../domain/enums.ts';
import { id, isoDateTime } from '../domain/fields.ts';
import { listInput, pageOf, searchText } from './common-fields.ts';

// Mentor assignments (ROLES.md DEPARTMENT_ADMIN: "mentor assignments (assign, pause, end,
// reassign, respecting maxMentees unless overridden with a reason)").

export const assignmentRow = z.object({
  id: z.string(),
  mentorId: z.string(),
  mentorName: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string().nullable(),
  departmentId: z.string(),
  departmentName: z.string().nullable(),
  assignedById: z.string(),
  assignedByName: z.string().nullable(),
  status: z.enum(ASSIGNMENT_STATUSES),
  assignedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The office's notes on the pairing: staff only, always null for a student. */
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type AssignmentRow = z.infer<typeof assignmentRow>;

export const workloadRow = z.object({
  mentorId: z.string(),
  mentorName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  designation: z.string().nullable(),
  specialization: z.string().nullable(),
  availabilityStatus: z.enum(AVAILABILITY_STATUSES),
  maxMentees: z.number().int(),
  activeMentees: z.number().int(),
  pausedMentees: z.number().int(),
  /** maxMentees − activeMentees; negative when an admin overrode the limit. */
  remaining: z.number().int(),
});
export type WorkloadRow = z.infer<typeof workloadRow>;

export const plannedPair = z.object({
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string().nullable(),
  program: z.string().nullable(),
  mentorId: z.string(),
  mentorName: z.string(),
  specialization: z.string().nullable(),
  /** The mentor's specialization matches the student's program. */
  matched: z.boolean(),
});

export const autoAssignPreview = z.object({
  departmentId: z.string(),
  plan: z.array(plannedPair),
  unplaced: z.array(z.object({ studentId: z.string(), studentName: z.string(), reason: z.string() })),
  mentors: z.array(
    z.object({
      mentorId: z.string(),
      mentorName: z.string(),
      availabilityStatus: z.enum(AVAILABILITY_STATUSES),
      maxMentees: z.number().int(),
      activeBefore: z.number().int(),
      activeAfter: z.number().int(),
    }),
  ),
});
export type AutoAssignPreview = z.infer<typeof autoAssignPreview>;

const note = z.string().trim().max(2000, 'At most 2000 characters.').optional();

/** An admin going past maxMentees or an UNAVAILABLE mark must say why; the reason is audited. */
const override = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(5, 'Say in a few words why the limit is overridden.')
      .max(500, 'At most 500 characters.'),
  })
  .optional();

const assignmentRef = z.strictObject({ id, note });

export const assignmentsContract = {
  'assignments:assign': defineCall({
    summary:
      'Assign a mentor to a student of a department (both active accounts); refuses a second active mentor in the department and a full or unavailable mentor unless overridden with a reason.',
    input: z.strictObject({
      mentorId: id,
      studentId: id,
      /** Defaults to the student's department. */
      departmentId: id.optional(),
      notes: note,
      override,
    }),
    output: assignmentRow,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:pause': defineCall({
    summary: 'Pause an active assignment (the mentor keeps access; no new sessions until resumed).',
    input: assignmentRef,
    output: assignmentRow,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:resume': defineCall({
    summary: 'Resume a paused assignment (capacity and availability are checked again).',
    input: z.strictObject({ id, note, override }),
    output: assignmentRow,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:end': defineCall({
    summary:
      'End an active or paused assignment; its future scheduled sessions are cancelled. History stays.',
    input: z.strictObject({ id, note, endedAt: isoDateTime.optional() }),
    output: assignmentRow,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:reassign': defineCall({
    summary: 'Move a student to another mentor: ends the current assignment and starts a new one.',
    input: z.strictObject({ id, mentorId: id, note, override }),
    output: z.object({ ended: assignmentRow, started: assignmentRow }),
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:update-notes': defineCall({
    summary: 'Replace the office notes of an assignment.',
    input: z.strictObject({
      id,
      notes: z
        .string()
        .trim()
        .max(10_000, 'At most 10000 characters.')
        .transform((v) => (v === '' ? null : v)),
    }),
    output: assignmentRow,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'assignments:list': defineCall({
    summary: 'Assignments in your scope (a mentor its own, a student its own), with filters.',
    input: listInput(
      ['assignedAt', 'mentor', 'student', 'status'],
      { sort: 'assignedAt', dir: 'desc' },
      {
        search: searchText,
        mentorId: id.optional(),
        studentId: id.optional(),
        departmentId: id.optional(),
        status: z.enum(ASSIGNMENT_STATUSES).optional(),
      },
    ),
    output: pageOf(assignmentRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'assignments:history': defineCall({
    summary: 'Every assignment of one student in your scope, newest first.',
    input: z.strictObject({ studentId: id }),
    output: z.object({ rows: z.array(assignmentRow) }),
    roles: ALL_ROLES,
    write: false,
  }),
  'assignments:workload': defineCall({
    summary: 'Per mentor: active mentees against maxMentees, paused mentees and availability.',
    input: z.strictObject({
      departmentId: id.optional(),
      availabilityStatus: z.enum(AVAILABILITY_STATUSES).optional(),
    }),
    output: z.object({ rows: z.array(workloadRow) }),
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: false,
  }),
  'assignments:auto-assign-preview': defineCall({
    summary:
      'Plan for the department’s unassigned active students across available mentors by remaining capacity (specialization ↔ program preferred). Changes nothing.',
    input: z.strictObject({ departmentId: id }),
    output: autoAssignPreview,
    roles: ADMIN_ROLES,
    write: false,
  }),
  'assignments:auto-assign-commit': defineCall({
    summary:
      'Create the assignments of a preview’s plan, checking each again; pairs that no longer fit are skipped and reported.',
    input: z.strictObject({
      departmentId: id,
      plan: z
        .array(z.strictObject({ studentId: id, mentorId: id }))
        .min(1, 'The plan is empty: nothing to assign.')
        .max(5000, 'At most 5000 students at once.'),
    }),
    output: z.object({
      created: z.array(assignmentRow),
      skipped: z.array(z.object({ studentId: z.string(), mentorId: z.string(), reason: z.string() })),
    }),
    roles: ADMIN_ROLES,
    write: true,
  }),
};
