import type { z } from 'zod';
import type { NoteRowDto, notesContract } from '../../shared/contract/notes.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import {
  scopeDepartments,
  scopeNotesDeletable,
  scopeNotesEditable,
  scopeSessions,
  scopeStudents,
  type Predicate,
} from '../scope/index.ts';
import { loadHandover } from './handover.queries.ts';
import { auditRestrictedReads, readNoteSettings, readNotes, writeNoteSettings } from './notes.repo.ts';

// Notes about a student (issue 12 item 5). Writers: a mentor about its current mentees, a department
// admin about its department's students (scopeStudents gives exactly those two). Readers and the
// RESTRICTED rule: src/core/scope/notes.scope.ts. The audit trail never holds a note's text.

type In<K extends keyof typeof notesContract> = z.output<(typeof notesContract)[K]['input']>;

async function one(ctx: AuthedContext, id: string): Promise<NoteRowDto> {
  const row = await ctx.db
    .selectFrom('student_notes')
    .select('studentId')
    .where('id', '=', id)
    .executeTakeFirst();
  const note = row ? (await readNotes(ctx, [row.studentId])).find((n) => n.id === id) : undefined;
  if (!note) throw notFound('Note');
  return note;
}

async function studentInScope(ctx: AuthedContext, studentId: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('student_profiles as sp')
    .select('sp.userId')
    .where('sp.userId', '=', studentId)
    .where(scopeStudents(ctx.actor, 'sp'))
    .executeTakeFirst();
  if (!row) throw notFound('Student');
}

async function sessionOf(ctx: AuthedContext, studentId: string, sessionId: string | null | undefined) {
  if (!sessionId) return null;
  const row = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select('s.id')
    .where('s.id', '=', sessionId)
    .where('a.studentId', '=', studentId)
    .where(scopeSessions(ctx.actor, 's'))
    .executeTakeFirst();
  if (!row) throw invalid('sessionId', 'That session is not one of this student’s sessions you can see.');
  return row.id;
}

/** What the audit row says about a note: never the text itself. */
const auditShape = (n: { studentId: string; visibility: string; category: string; body: string }) => ({
  studentId: n.studentId,
  visibility: n.visibility,
  category: n.category,
  length: n.body.length,
});

async function departmentFor(ctx: AuthedContext, departmentId: string | undefined): Promise<string> {
  const id = departmentId ?? ctx.actor.departmentId;
  if (!id) throw invalid('departmentId', 'Choose a department.');
  const row = await ctx.db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', id)
    .where(scopeDepartments(ctx.actor))
    .executeTakeFirst();
  if (!row) throw notFound('Department');
  return row.id;
}

async function create(ctx: AuthedContext, input: In<'notes:create'>): Promise<NoteRowDto> {
  await studentInScope(ctx, input.studentId);
  const sessionId = await sessionOf(ctx, input.studentId, input.sessionId);
  const id = ctx.ids();
  const values = {
    studentId: input.studentId,
    sessionId,
    visibility: input.visibility,
    category: input.category,
    body: input.body,
  };
  await ctx.db
    .insertInto('student_notes')
    .values({ id, ...values, authorId: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  await ctx.audit({ entity: 'student_notes', entityId: id, before: null, after: auditShape(values) });
  return resultOf(ctx, () => one(ctx, id));
}

/** A note at alias `n` the actor may change (`allowed`), or NOT_FOUND. */
async function loadNote(ctx: AuthedContext, id: string, allowed: Predicate) {
  const n = await ctx.db
    .selectFrom('student_notes as n')
    .selectAll('n')
    .where('n.id', '=', id)
    .where(allowed)
    .executeTakeFirst();
  if (!n) throw notFound('Note');
  return n;
}

async function update(ctx: AuthedContext, input: In<'notes:update'>): Promise<NoteRowDto> {
  const n = await loadNote(ctx, input.id, scopeNotesEditable(ctx.actor, 'n'));
  const next = {
    body: input.body ?? n.body,
    category: input.category ?? n.category,
    visibility: input.visibility ?? n.visibility,
  };
  await ctx.db
    .updateTable('student_notes')
    .set({ ...next, updatedAt: ctx.now })
    .where('id', '=', n.id)
    .execute();
  await ctx.audit({
    entity: 'student_notes',
    entityId: n.id,
    before: auditShape(n),
    after: auditShape({ ...n, ...next }),
  });
  return resultOf(ctx, () => one(ctx, n.id));
}

async function remove(ctx: AuthedContext, input: In<'notes:delete'>): Promise<{ id: string }> {
  const n = await loadNote(ctx, input.id, scopeNotesDeletable(ctx.actor, 'n'));
  await ctx.db.deleteFrom('student_notes').where('id', '=', n.id).execute();
  await ctx.audit({ entity: 'student_notes', entityId: n.id, before: auditShape(n), after: null });
  return { id: n.id };
}

export const notesHandlers: HandlersFor<typeof notesContract> = {
  async 'notes:list'(ctx, input) {
    await studentInScope(ctx, input.studentId);
    const items = await readNotes(ctx, [input.studentId]);
    await auditRestrictedReads(ctx, items, 'notes:list');
    return { items, restrictedAllowed: ctx.actor.role === 'DEPARTMENT_ADMIN' || ctx.actor.role === 'MENTOR' };
  },
  'notes:create': create,
  'notes:update': update,
  'notes:delete': remove,
  async 'notes:settings-get'(ctx, input) {
    const departmentId = await departmentFor(ctx, input.departmentId);
    return { departmentId, ...(await readNoteSettings(ctx.db, departmentId)) };
  },
  async 'notes:settings-set'(ctx, input) {
    const departmentId = await departmentFor(ctx, input.departmentId);
    const before = await readNoteSettings(ctx.db, departmentId);
    await writeNoteSettings(ctx.db, departmentId, input.notesFollowHandover, ctx.actor.userId, ctx.now);
    await ctx.audit({
      entity: 'department_note_settings',
      entityId: departmentId,
      before: { notesFollowHandover: before.notesFollowHandover },
      after: { notesFollowHandover: input.notesFollowHandover },
    });
    if (before.notesFollowHandover !== input.notesFollowHandover) {
      // Who may read a former mentor's STAFF notes just changed. Touching those notes records them in
      // central's change log, so every laptop's next pull re-checks them against its user's scope.
      await ctx.db
        .updateTable('student_notes')
        .set({ updatedAt: ctx.now })
        .where('visibility', '=', 'STAFF')
        .where('studentId', 'in', (eb) =>
          eb.selectFrom('users as su').select('su.id').where('su.departmentId', '=', departmentId),
        )
        .execute();
    }
    return { departmentId, ...(await readNoteSettings(ctx.db, departmentId)) };
  },
  async 'handover:summary'(ctx, input) {
    await studentInScope(ctx, input.studentId);
    return loadHandover(ctx, input.studentId);
  },
};
