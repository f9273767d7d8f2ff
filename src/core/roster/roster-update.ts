import { CompiledQuery } from 'kysely';
import { isSqlite } from '../db/dialect.ts';
import type { AuditEntry, AuthedContext } from '../context.ts';
import { updateAcademics, type AcademicChanges } from '../students/students.repo.ts';
import {
  updateProfile,
  updateUserAccount,
  type ProfileChanges,
  type UserAccountChanges,
} from '../users/users-write.repo.ts';
import type { ChangeField, FieldChange } from './roster-plan.ts';

// Writes the fields an import changes on an existing account, table by table, through the same
// repository functions the users and students screens use. On SQLite a re-import that changes
// thousands of accounts writes the same statements as plain SQL text instead (see sqliteUpdate).

type Table = 'users' | 'user_profiles' | 'student_profiles' | 'mentor_profiles';

const TABLE_OF: Record<
  Exclude<ChangeField, 'rollNumber' | 'fullName' | 'semester' | 'mentorEmail'>,
  Table
> = {
  email: 'users',
  firstName: 'user_profiles',
  lastName: 'user_profiles',
  phone: 'user_profiles',
  title: 'user_profiles',
  program: 'student_profiles',
  yearOfStudy: 'student_profiles',
  gpa: 'student_profiles',
  attendancePct: 'student_profiles',
  designation: 'mentor_profiles',
  specialization: 'mentor_profiles',
  maxMentees: 'mentor_profiles',
};

function split(changes: readonly FieldChange[]): Record<Table, Record<string, unknown>> {
  const out: Record<Table, Record<string, unknown>> = {
    users: {},
    user_profiles: {},
    student_profiles: {},
    mentor_profiles: {},
  };
  for (const c of changes) {
    const table = TABLE_OF[c.field as keyof typeof TABLE_OF];
    if (!table) throw new Error(`roster field ${c.field} has no column to write`);
    out[table][c.field] = c.after;
  }
  return out;
}

const some = (o: object): boolean => Object.keys(o).length > 0;

const KEY: Record<Table, string> = {
  users: 'id',
  user_profiles: 'userId',
  student_profiles: 'userId',
  mentor_profiles: 'userId',
};

/**
 * The statement the repository functions below compile, written directly: Kysely builds and
 * compiles a syntax tree per row, which cost more than the update itself when a term's re-import
 * changes the GPA of every student. The text repeats for rows that change the same columns, so the
 * connection's statement cache prepares it once. Column names come from TABLE_OF, never from the
 * file. The sync capture triggers see these writes as they see Kysely's.
 */
async function sqliteUpdate(
  ctx: AuthedContext,
  table: Table,
  id: string,
  set: Record<string, unknown>,
): Promise<void> {
  // Kysely leaves undefined values out of a SET; so does this.
  const columns = Object.keys(set).filter((c) => set[c] !== undefined);
  const text = `update "${table}" set ${columns.map((c) => `"${c}" = ?`).join(', ')}, "updatedAt" = ? where "${KEY[table]}" = ?`;
  const values = columns.map((c) => set[c]) as (string | number | null)[];
  await ctx.db.executeQuery(CompiledQuery.raw(text, [...values, ctx.now, id]));
}

export async function applyChanges(
  ctx: AuthedContext,
  userId: string,
  changes: readonly FieldChange[],
): Promise<void> {
  const t = split(changes);
  if (isSqlite(ctx.db)) {
    for (const table of ['users', 'user_profiles', 'student_profiles', 'mentor_profiles'] as const) {
      if (some(t[table])) await sqliteUpdate(ctx, table, userId, t[table]);
    }
    return;
  }
  if (some(t.users)) await updateUserAccount(ctx.db, userId, t.users as UserAccountChanges, ctx.now);
  if (some(t.user_profiles)) await updateProfile(ctx.db, userId, t.user_profiles as ProfileChanges, ctx.now);
  if (some(t.student_profiles)) {
    await updateAcademics(ctx.db, userId, t.student_profiles as AcademicChanges, ctx.now);
  }
  if (some(t.mentor_profiles)) {
    await ctx.db
      .updateTable('mentor_profiles')
      .set({ ...t.mentor_profiles, updatedAt: ctx.now })
      .where('userId', '=', userId)
      .execute();
  }
}

export function changeAudit(userId: string, row: number, changes: readonly FieldChange[]): AuditEntry {
  return {
    entity: 'users',
    entityId: userId,
    before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
    after: { ...Object.fromEntries(changes.map((c) => [c.field, c.after])), rosterRow: row },
  };
}
