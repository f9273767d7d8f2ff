import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { ASSIGNMENT_STATUSES, ATTENDANCE_VALUES, SESSION_MODES, SESSION_STATUSES } from '../domain/enums.ts';
import { id, isoDateTime } from '../domain/fields.ts';
import { listInput, optionalText, pageOf, searchText } from './common-fields.ts';

// Mentoring sessions. Decisions where the spec is silent:
// - A student's request is a SCHEDULED row whose createdById is the student; the mentor's
//   sessions:confirm makes the mentor its owner (createdById = mentor). `requested` in the DTOs
//   is "SCHEDULED and created by the student". The audit trail keeps who asked.
// - A cancellation reason is appended to the summary as "Cancelled: <reason>" (staff notes, as the
//   demo data does) and sent to the other party in the notification, so the student learns why.
// - The summary is staff-only (ROLES.md): it is selected as null for anyone else, in SQL.

export const MAX_ACTION_ITEMS = 50;

const isoDate = z.iso.date({ message: 'Expected a date like 2026-01-31.' });

export const actionItem = z.object({
  text: z.string().trim().min(1, 'Describe the action item.').max(500, 'At most 500 characters.'),
  done: z.boolean().default(false),
  dueOn: isoDate.optional(),
});
export type ActionItem = z.output<typeof actionItem>;

const actionItems = z
  .array(actionItem)
  .max(MAX_ACTION_ITEMS, `At most ${MAX_ACTION_ITEMS} action items per session.`);

export const actionItemDto = z.object({ text: z.string(), done: z.boolean(), dueOn: z.string().optional() });

/** What a calendar or a list shows: no summary, no action item texts. */
export const sessionRow = z.object({
  id: z.string(),
  assignmentId: z.string(),
  assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
  departmentId: z.string(),
  mentorId: z.string(),
  mentorName: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string().nullable(),
  sessionDate: z.string(),
  mode: z.enum(SESSION_MODES),
  location: z.string().nullable(),
  topic: z.string(),
  attendance: z.enum(ATTENDANCE_VALUES),
  status: z.enum(SESSION_STATUSES),
  /** A student's request the mentor has not confirmed yet. */
  requested: z.boolean(),
  createdById: z.string(),
  nextMeetingOn: z.string().nullable(),
  actionItemsOpen: z.number().int(),
});
export type SessionRow = z.infer<typeof sessionRow>;

/**
 * What the calendar shows of a session (CalendarPage): when, the topic and mode, its state, and who
 * meets. A department's week is ~2,000 sessions: the other fields of a SessionRow (assignment,
 * room, attendance, action items...) were read and sent for each of them and never shown; the
 * session's own page (sessions:get) has them all.
 */
export const calendarRow = sessionRow.pick({
  id: true,
  sessionDate: true,
  mode: true,
  topic: true,
  status: true,
  requested: true,
  mentorId: true,
  mentorName: true,
  studentId: true,
  studentName: true,
});
export type CalendarRow = z.infer<typeof calendarRow>;

export const sessionDetail = sessionRow.extend({
  /** Mentor's notes: null for anyone but the assignment's mentor and admins in scope. */
  summary: z.string().nullable(),
  actionItems: z.array(actionItemDto),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionDetail = z.infer<typeof sessionDetail>;

const topic = z.string().trim().min(1, 'Enter a topic.').max(500, 'At most 500 characters.');
const location = optionalText(255);
const summary = optionalText(20_000);
const reason = z.string().trim().min(3, 'Give a reason.').max(500, 'At most 500 characters.');
const when = isoDateTime;

const recordFields = {
  topic: topic.optional(),
  summary: summary.optional(),
  mode: z.enum(SESSION_MODES).optional(),
  location: location.optional(),
  attendance: z.enum(ATTENDANCE_VALUES).optional(),
  actionItems: actionItems.optional(),
  nextMeetingOn: when.nullable().optional(),
};

const byId = z.strictObject({ id });

export const sessionsContract = {
  'sessions:schedule': defineCall({
    summary: 'Schedule a session on an ACTIVE assignment (its mentor, or an admin in scope).',
    input: z.strictObject({
      assignmentId: id,
      sessionDate: when,
      mode: z.enum(SESSION_MODES),
      location: location.optional(),
      topic,
    }),
    output: sessionDetail,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: true,
  }),
  'sessions:record': defineCall({
    summary:
      'The mentor records a meeting that took place: completes a scheduled session (sessionId) or creates a completed one (assignmentId, sessionDate, topic, mode).',
    input: z
      .strictObject({
        sessionId: id.optional(),
        assignmentId: id.optional(),
        sessionDate: when.optional(),
        ...recordFields,
      })
      .refine((v) => (v.sessionId === undefined) !== (v.assignmentId === undefined), {
        message: 'Give either the scheduled session or the assignment, not both.',
        path: ['sessionId'],
      })
      .refine((v) => v.sessionId !== undefined || Boolean(v.sessionDate && v.topic && v.mode), {
        message: 'A new record needs the date, topic and mode.',
        path: ['sessionDate'],
      }),
    output: sessionDetail,
    roles: ['MENTOR'],
    write: true,
  }),
  'sessions:update': defineCall({
    summary: 'The mentor who recorded a session corrects it (admins cannot edit recorded content).',
    input: z
      .strictObject({ id, sessionDate: when.optional(), ...recordFields })
      .refine(
        (v) => Object.entries(v).some(([k, x]) => k !== 'id' && x !== undefined),
        'Change at least one field.',
      ),
    output: sessionDetail,
    roles: ['MENTOR'],
    write: true,
  }),
  'sessions:complete': defineCall({
    summary: 'Mark a scheduled session that took place as completed (attendance defaults to present).',
    input: z.strictObject({ id, attendance: z.enum(ATTENDANCE_VALUES).default('PRESENT') }),
    output: sessionDetail,
    roles: ['MENTOR'],
    write: true,
  }),
  'sessions:cancel': defineCall({
    summary: 'Cancel (or decline) a scheduled session with a reason; the other party is notified.',
    input: z.strictObject({ id, reason }),
    output: sessionDetail,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: true,
  }),
  'sessions:reschedule': defineCall({
    summary: 'Move a scheduled session to a new time (and place); the other party is notified.',
    input: z.strictObject({
      id,
      sessionDate: when,
      mode: z.enum(SESSION_MODES).optional(),
      location: location.optional(),
      reason: reason.optional(),
    }),
    output: sessionDetail,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: true,
  }),
  'sessions:set-next-meeting': defineCall({
    summary: 'Set or clear the next meeting date noted on a session.',
    input: z.strictObject({ id, nextMeetingOn: when.nullable() }),
    output: sessionDetail,
    roles: ['MENTOR'],
    write: true,
  }),
  'sessions:request': defineCall({
    summary: 'A student asks its mentor for a session; it stays a request until the mentor confirms.',
    input: z.strictObject({
      assignmentId: id.optional(),
      sessionDate: when,
      mode: z.enum(SESSION_MODES),
      location: location.optional(),
      topic,
    }),
    output: sessionDetail,
    roles: ['STUDENT'],
    write: true,
  }),
  'sessions:confirm': defineCall({
    summary: 'The mentor confirms a student’s request (optionally at another time or place).',
    input: z.strictObject({
      id,
      sessionDate: when.optional(),
      mode: z.enum(SESSION_MODES).optional(),
      location: location.optional(),
    }),
    output: sessionDetail,
    roles: ['MENTOR'],
    write: true,
  }),
  'sessions:toggle-action-item': defineCall({
    summary: 'Mark one action item done or not done (the mentor, or the student it concerns).',
    input: z.strictObject({
      id,
      index: z
        .number()
        .int()
        .min(0)
        .max(MAX_ACTION_ITEMS - 1),
      done: z.boolean(),
    }),
    output: sessionDetail,
    roles: ['MENTOR', 'STUDENT'],
    write: true,
  }),
  'sessions:list': defineCall({
    summary: 'Sessions in your scope with filters (date range, status, mentor, student), paged.',
    input: listInput(
      ['sessionDate', 'student', 'mentor', 'status'],
      { sort: 'sessionDate', dir: 'desc' },
      {
        search: searchText,
        from: when.optional(),
        to: when.optional(),
        status: z.enum(SESSION_STATUSES).optional(),
        mentorId: id.optional(),
        studentId: id.optional(),
        assignmentId: id.optional(),
        departmentId: id.optional(),
        requested: z.boolean().optional(),
      },
    ),
    output: pageOf(sessionRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'sessions:calendar': defineCall({
    summary:
      'Sessions in your scope between two dates (at most 13 months), oldest first, as a calendar shows them.',
    input: z
      .strictObject({ from: when, to: when, mentorId: id.optional(), studentId: id.optional() })
      .refine((v) => v.from <= v.to, { message: 'The end is before the start.', path: ['to'] })
      .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 400 * 86_400_000, {
        message: 'Show at most 13 months at a time.',
        path: ['to'],
      }),
    output: z.object({ rows: z.array(calendarRow), truncated: z.boolean() }),
    roles: ALL_ROLES,
    write: false,
  }),
  'sessions:get': defineCall({
    summary: 'One session with its action items (the summary only for staff).',
    input: byId,
    output: sessionDetail,
    roles: ALL_ROLES,
    write: false,
  }),
  'sessions:history': defineCall({
    summary: 'Sessions of one student in your scope, newest first, paged.',
    input: listInput(['sessionDate'], { sort: 'sessionDate', dir: 'desc' }, { studentId: id }),
    output: pageOf(sessionRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'sessions:pending': defineCall({
    summary:
      'Sessions still SCHEDULED after their time (not recorded), with counts per mentor and per department.',
    input: z.strictObject({ mentorId: id.optional(), departmentId: id.optional() }),
    output: z.object({
      rows: z.array(sessionRow),
      byMentor: z.array(z.object({ mentorId: z.string(), mentorName: z.string(), count: z.number().int() })),
      byDepartment: z.array(
        z.object({
          departmentId: z.string(),
          departmentName: z.string().nullable(),
          count: z.number().int(),
        }),
      ),
    }),
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: false,
  }),
};
