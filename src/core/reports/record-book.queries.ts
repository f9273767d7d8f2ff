import type { z } from 'zod';
import type { NoteRowDto } from '../../shared/contract/notes.contract.ts';
import { MAX_BOOKS, type recordBooksInput } from '../../shared/contract/record-books.contract.ts';
import type { AuthedContext } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { auditRestrictedReads, readNotes } from '../notes/notes.repo.ts';
import { CURRENT_LINK, scopeDepartments, scopeStudents } from '../scope/index.ts';
import type { StoredActionItem } from '../sessions/action-items.ts';
import { byStudent } from './dossier-records.queries.ts';
import { loadDossiers, type DossierData } from './dossier.queries.ts';

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

/**
 * Students' books as the reader may see them, in the order given; each RESTRICTED note included is
 * audited as read, book by book. Each section is one query for all of them (loadDossiers).
 */
export async function loadRecordBooks(
  ctx: AuthedContext,
  studentIds: readonly string[],
): Promise<RecordBookData[]> {
  const dossiers = await loadDossiers(ctx, studentIds, null);
  const notes = byStudent(studentIds, await readNotes(ctx, studentIds), (n) => n);
  const books: RecordBookData[] = [];
  for (const id of studentIds) {
    const dossier = dossiers.get(id)!;
    // Read with the sessions, through the same scope (scopeSessions).
    const actionItems = new Map(dossier.sessions.map((s) => [s.id, s.actionItems]));
    await auditRestrictedReads(ctx, notes.get(id)!, 'reports:record-books');
    books.push({ ...dossier, actionItems, notes: notes.get(id)! });
  }
  return books;
}
