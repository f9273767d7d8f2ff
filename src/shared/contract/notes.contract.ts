import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';
import { RISK_LEVELS } from '../domain/enums.ts';

// Staff notes about a student and restricted notes (issue 12 item 5), and the handover summary a new
// mentor gets (item 2). Who reads which note is decided in SQL (src/core/scope/notes.scope.ts):
// - STAFF notes: the student's current mentors and the admins in scope (a former mentor's notes reach
//   the new mentor only when the department's "notes follow a handover" setting is on);
// - RESTRICTED notes (medical, safeguarding, personal): only the author and the department admin of
//   the student's department. Every read of one is audited. Students never read notes.
// Notes the reader may not read are not returned at all (no masked rows).

export const NOTE_VISIBILITIES = ['STAFF', 'RESTRICTED'] as const;
export const NOTE_CATEGORIES = ['MEDICAL', 'SAFEGUARDING', 'PERSONAL', 'ACADEMIC', 'OTHER'] as const;

export const noteRow = z.object({
  id: z.string(),
  studentId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  sessionId: z.string().nullable(),
  visibility: z.enum(NOTE_VISIBILITIES),
  category: z.enum(NOTE_CATEGORIES),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the reader may edit it (its author) or delete it (author, department admin). */
  canEdit: z.boolean(),
  canDelete: z.boolean(),
});
export type NoteRowDto = z.infer<typeof noteRow>;

const body = z.string().trim().min(1, 'Write the note.').max(8000, 'At most 8000 characters.');

const handoverSession = z.object({
  date: z.string(),
  topic: z.string(),
  mentor: z.string(),
  actionItems: z.array(z.object({ text: z.string(), done: z.boolean() })),
});

export const handoverSummary = z.object({
  student: z.object({
    id: z.string(),
    name: z.string(),
    rollNumber: z.string(),
    program: z.string().nullable(),
    yearOfStudy: z.number().nullable(),
    department: z.string().nullable(),
  }),
  risk: z.object({
    level: z.enum(RISK_LEVELS),
    /** Why: the rules that fired, in words (from the open risk alerts and the student's figures). */
    reasons: z.array(z.string()),
  }),
  currentMentors: z.array(z.string()),
  previousMentor: z.string().nullable(),
  openGoals: z.array(
    z.object({
      title: z.string(),
      status: z.string(),
      progressPct: z.number(),
      targetDate: z.string().nullable(),
    }),
  ),
  openAlerts: z.array(
    z.object({ createdAt: z.string(), severity: z.string(), category: z.string(), message: z.string() }),
  ),
  lastSessions: z.array(handoverSession),
  /** Staff notes the reader may read (never RESTRICTED ones: the packet is shared). */
  staffNotes: z.array(
    z.object({ createdAt: z.string(), author: z.string(), category: z.string(), body: z.string() }),
  ),
  notesFollowHandover: z.boolean(),
  generatedAt: z.string(),
});
export type HandoverSummary = z.infer<typeof handoverSummary>;

const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;
const WRITERS = ['DEPARTMENT_ADMIN', 'MENTOR'] as const;

export const notesContract = {
  'notes:list': defineCall({
    summary:
      'Notes about one student the reader may read, newest first. Each RESTRICTED note returned is audited as read.',
    input: z.strictObject({ studentId: id }),
    output: z.object({ items: z.array(noteRow), restrictedAllowed: z.boolean() }),
    roles: STAFF,
    write: false,
  }),
  'notes:create': defineCall({
    summary:
      'Write a note about a current mentee (mentor) or a student of the department (department admin).',
    input: z.strictObject({
      studentId: id,
      sessionId: id.nullable().optional(),
      visibility: z.enum(NOTE_VISIBILITIES).default('STAFF'),
      category: z.enum(NOTE_CATEGORIES).default('OTHER'),
      body,
    }),
    output: noteRow,
    roles: WRITERS,
    write: true,
  }),
  'notes:update': defineCall({
    summary: 'Change your own note: text, category or visibility.',
    input: z.strictObject({
      id,
      body: body.optional(),
      category: z.enum(NOTE_CATEGORIES).optional(),
      visibility: z.enum(NOTE_VISIBILITIES).optional(),
    }),
    output: noteRow,
    roles: WRITERS,
    write: true,
  }),
  'notes:delete': defineCall({
    summary: 'Delete a note (its author, or the department admin of the student).',
    input: z.strictObject({ id }),
    output: z.object({ id: z.string() }),
    roles: WRITERS,
    write: true,
  }),
  'notes:settings-get': defineCall({
    summary: 'Whether a former mentor’s staff notes follow the student to the new mentor, for a department.',
    input: z.strictObject({ departmentId: id.optional() }),
    output: z.object({ departmentId: z.string(), notesFollowHandover: z.boolean(), isDefault: z.boolean() }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'notes:settings-set': defineCall({
    summary:
      'Set whether a former mentor’s staff notes follow the student to the new mentor (department admin).',
    input: z.strictObject({ departmentId: id.optional(), notesFollowHandover: z.boolean() }),
    output: z.object({ departmentId: z.string(), notesFollowHandover: z.boolean(), isDefault: z.boolean() }),
    roles: ['DEPARTMENT_ADMIN'],
    write: true,
  }),
  'handover:summary': defineCall({
    summary:
      'One-page handover summary of a student: open goals, open alerts, last five sessions with action items, risk and why.',
    input: z.strictObject({ studentId: id }),
    output: handoverSummary,
    roles: STAFF,
    write: false,
  }),
};
