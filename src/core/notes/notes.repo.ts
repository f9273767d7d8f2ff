import type { Kysely } from 'kysely';
import type { NoteRowDto } from '../../shared/contract/notes.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { personName } from '../reports/format.ts';
import { scopeNotes, scopeNotesDeletable, scopeNotesEditable } from '../scope/index.ts';

// Reading notes always goes through scopeNotes in SQL; a RESTRICTED note the reader may not see is
// never selected, so it cannot leak through a mapping bug further up.

const asBool = (v: unknown): boolean => v === 1 || v === '1' || v === true || v === 1n;

/** Notes about the students the reader may read, newest first (optionally one session's notes). */
export async function readNotes(
  ctx: AuthedContext,
  studentIds: readonly string[],
  opts: { staffOnly?: boolean } = {},
): Promise<NoteRowDto[]> {
  if (studentIds.length === 0) return [];
  let q = ctx.db
    .selectFrom('student_notes as n')
    .leftJoin('user_profiles as ap', 'ap.userId', 'n.authorId')
    .select(['n.id', 'n.studentId', 'n.authorId', 'n.sessionId', 'n.visibility', 'n.category', 'n.body'])
    .select(['n.createdAt', 'n.updatedAt', 'ap.firstName', 'ap.lastName', 'ap.title'])
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('student_notes as e')
            .select('e.id')
            .whereRef('e.id', '=', 'n.id')
            .where(scopeNotesEditable(ctx.actor, 'e')),
        )
        .as('canEdit'),
      eb
        .exists(
          eb
            .selectFrom('student_notes as x')
            .select('x.id')
            .whereRef('x.id', '=', 'n.id')
            .where(scopeNotesDeletable(ctx.actor, 'x')),
        )
        .as('canDelete'),
    ])
    .where('n.studentId', 'in', [...studentIds])
    .where(scopeNotes(ctx.actor, 'n'));
  if (opts.staffOnly) q = q.where('n.visibility', '=', 'STAFF');
  const rows = await q.orderBy('n.createdAt', 'desc').orderBy('n.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.studentId,
    authorId: r.authorId,
    // A synced laptop may not hold the author's profile (another mentor): the note still shows.
    authorName:
      r.firstName === null
        ? 'A staff member'
        : personName({ ...r, firstName: r.firstName, lastName: r.lastName ?? '' }),
    sessionId: r.sessionId,
    visibility: r.visibility,
    category: r.category,
    body: r.body,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    canEdit: asBool(r.canEdit),
    canDelete: asBool(r.canDelete),
  }));
}

/**
 * "Reading a restricted note is audited": one audit row per RESTRICTED note handed to the reader,
 * naming the note and its student but never its text (the audit trail has wider readers).
 */
export async function auditRestrictedReads(
  ctx: AuthedContext,
  notes: readonly Pick<NoteRowDto, 'id' | 'studentId' | 'visibility'>[],
  purpose: string,
): Promise<void> {
  for (const n of notes) {
    if (n.visibility !== 'RESTRICTED') continue;
    await ctx.audit({
      action: 'notes:read-restricted',
      entity: 'student_notes',
      entityId: n.id,
      after: { studentId: n.studentId, purpose },
    });
  }
}

/** The department setting: whether a former mentor's STAFF notes follow the student (default no). */
export async function readNoteSettings(
  db: Kysely<Database>,
  departmentId: string,
): Promise<{ notesFollowHandover: boolean; isDefault: boolean }> {
  const row = await db
    .selectFrom('department_note_settings')
    .select('notesFollowHandover')
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  return { notesFollowHandover: row ? asBool(row.notesFollowHandover) : false, isDefault: !row };
}

export async function writeNoteSettings(
  db: Kysely<Database>,
  departmentId: string,
  notesFollowHandover: boolean,
  by: string,
  now: string,
): Promise<void> {
  const value = notesFollowHandover ? 1 : 0;
  const updated = await db
    .updateTable('department_note_settings')
    .set({ notesFollowHandover: value, updatedById: by, updatedAt: now })
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('department_note_settings')
    .values({ departmentId, notesFollowHandover: value, updatedById: by, createdAt: now, updatedAt: now })
    .execute();
}
