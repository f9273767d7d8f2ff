import { uuidv7 } from '../../../src/core/ids.ts';
import type { CallCase, CaseCtx } from './cases.ts';
import { actorOf } from './world.ts';

// RBAC matrix rows for staff / restricted notes and the handover summary (issue 12 items 2 and 5).
// Notes are staff business: students never read or write them. Writers are the student's mentor and
// the department admin; institution and super admins read STAFF notes in scope.

const STAFF = 'AAAAD' as const;
const WRITERS = 'DDAAD' as const;

const me = (c: CaseCtx): string => actorOf(c.w, c.role ?? 'MENTOR').id;

/** A STAFF note about the world's student written by the case's actor. */
export async function ownNote(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  const now = c.h.clock.now().toISOString();
  await c.h.db.kysely
    .insertInto('student_notes')
    .values({
      id,
      studentId: c.w.student.id,
      authorId: me(c),
      sessionId: null,
      visibility: 'STAFF',
      category: 'ACADEMIC',
      body: 'Needs help with lab reports',
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return id;
}

export const NOTES_CASES: Record<string, CallCase> = {
  'notes:list': {
    allow: STAFF,
    rule: 'Staff notes: the student’s mentor and admins in scope; students never see notes',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'notes:create': {
    allow: WRITERS,
    rule: 'A mentor writes notes about its mentees; the department admin about its students',
    input: (c) => ({
      studentId: c.w.student.id,
      body: 'Doing well after the test',
      visibility: 'RESTRICTED',
    }),
  },
  'notes:update': {
    allow: WRITERS,
    rule: 'The author edits its own note',
    input: async (c) => ({ id: await ownNote(c), body: 'Updated text' }),
  },
  'notes:delete': {
    allow: WRITERS,
    rule: 'The author, or the department admin of the student, deletes a note',
    input: async (c) => ({ id: await ownNote(c) }),
  },
  'notes:settings-get': {
    allow: 'AAADD',
    rule: 'Department settings: admins in scope',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'notes:settings-set': {
    allow: 'DDADD',
    rule: 'DEPARTMENT_ADMIN: its department’s settings',
    input: (c) => ({ departmentId: c.w.dept.id, notesFollowHandover: true }),
  },
  'handover:summary': {
    allow: STAFF,
    rule: 'The student’s (new) mentor and admins in scope read the handover summary',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'reports:record-books': {
    allow: STAFF,
    rule: 'Record books: admins for students in scope; a mentor for its own mentees',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'record-books:classes': {
    allow: STAFF,
    rule: 'The classes whose record books the reader may print',
    input: () => ({}),
  },
  'reports:handover': {
    allow: STAFF,
    rule: 'The handover packet PDF: the student’s mentor and admins in scope',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'record-books:cancel': {
    allow: STAFF,
    rule: 'Whoever may print record books may stop its own run',
    input: () => ({ taskId: 'no-such-task' }),
  },
};
