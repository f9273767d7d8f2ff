import type { z } from 'zod';
import type { NoteRowDto } from '../../shared/contract/notes.contract.ts';
import { MAX_BOOKS, type recordBooksInput } from '../../shared/contract/record-books.contract.ts';
import type { AuthedContext } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { auditRestrictedReads, readNotes } from '../notes/notes.repo.ts';
import { CURRENT_LINK, scopeDepartments, scopeSessions, scopeStudents } from '../scope/index.ts';
import { parseActionItems, type StoredActionItem } from '../sessions/action-items.ts';
import { loadDossier, type DossierData } from './dossier.queries.ts';

// Which students a batch of record books covers, and one book's data. Every section goes through the
// reader's scope (the dossier's queries, scopeNotes for notes), so a book holds what its reader may
// see: RESTRICTED notes only for their author and the student's department admin.

export type RecordBooksInput = z.output<typeof recordBooksInput>;

export interface RecordBookData extends DossierData {
  actionItems: Map<string, StoredActionItem[]>;
  notes: NoteRowDto[];
}

export interface BookList {
  studentIds: string[];
  /** "B.Tech CSE · Year 2" or "Mentees of Dr. Meera Iyer". */
  label: string;
  departmentId: string | null;
}

async function departmentOf(ctx: AuthedContext, departmentId: string | undefined) {
  const id = departmentId ?? ctx.actor.departmentId;
  if (!id) throw invalid('departmentId', 'Choose a department.');
  const d = await ctx.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where(scopeDepartments(ctx.actor))
    .executeTakeFirst();
  if (!d) throw notFound('The department');
  return d;
}

/** The students of the batch, in roll-number order, all in the reader's scope. */
export async function listBookStudents(ctx: AuthedContext, input: RecordBooksInput): Promise<BookList> {
  const base = ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select(['sp.userId', 'u.departmentId'])
    .where(scopeStudents(ctx.actor, 'sp'))
    .orderBy('sp.rollNumber')
    .orderBy('sp.userId')
    .limit(MAX_BOOKS + 1);
  let rows: { userId: string; departmentId: string | null }[];
  let label: string;
  if (input.studentId) {
    rows = await base.where('sp.userId', '=', input.studentId).execute();
    if (rows.length === 0) throw notFound('Student');
    label = 'One student';
  } else if (input.mentorId) {
    if (ctx.actor.role === 'MENTOR' && input.mentorId !== ctx.actor.userId)
      throw forbidden('A mentor prints the record books of its own mentees only.');
    const mentor = await ctx.db
      .selectFrom('user_profiles')
      .select(['firstName', 'lastName', 'title'])
      .where('userId', '=', input.mentorId)
      .executeTakeFirst();
    if (!mentor) throw notFound('Mentor');
    rows = await base
      .where('sp.userId', 'in', (eb) =>
        eb
          .selectFrom('mentor_assignments as ma')
          .select('ma.studentId')
          .where('ma.mentorId', '=', input.mentorId!)
          .where('ma.status', 'in', CURRENT_LINK),
      )
      .execute();
    label = `Mentees of ${[mentor.title, mentor.firstName, mentor.lastName].filter(Boolean).join(' ')}`;
  } else {
    const d = await departmentOf(ctx, input.departmentId);
    rows = await base
      .where('u.departmentId', '=', d.id)
      .where('sp.program', '=', input.program!)
      .where('sp.yearOfStudy', '=', input.yearOfStudy!)
      .execute();
    label = `${input.program} · Year ${input.yearOfStudy} · ${d.name}`;
  }
  if (rows.length === 0) throw notFound('Any student for these record books');
  if (rows.length > MAX_BOOKS)
    throw invalid('program', `More than ${MAX_BOOKS} students: print a smaller class or one mentor's list.`);
  return {
    studentIds: rows.map((r) => r.userId),
    label,
    departmentId: input.departmentId ?? rows[0]!.departmentId,
  };
}

/** One student's book as the reader may see it; each RESTRICTED note included is audited as read. */
export async function loadRecordBook(ctx: AuthedContext, studentId: string): Promise<RecordBookData> {
  const dossier = await loadDossier(ctx, studentId, null);
  const actionItems = new Map<string, StoredActionItem[]>();
  const ids = dossier.sessions.map((s) => s.id);
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await ctx.db
      .selectFrom('session_records as s')
      .select(['s.id', 's.actionItems'])
      .where('s.id', 'in', ids.slice(i, i + 500))
      .where(scopeSessions(ctx.actor, 's'))
      .execute();
    for (const r of rows) actionItems.set(r.id, parseActionItems(r.actionItems));
  }
  const notes = await readNotes(ctx, [studentId]);
  await auditRestrictedReads(ctx, notes, 'reports:record-books');
  return { ...dossier, actionItems, notes };
}
