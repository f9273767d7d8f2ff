import type { Kysely } from 'kysely';
import type {
  AssignmentStatus,
  AvailabilityStatus,
  RoleName,
  UserStatus,
} from '../../shared/domain/enums.ts';
import type { Actor, ServiceContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { scopeAssignmentsWritable, scopeUsers } from '../scope/index.ts';
import { fullName } from './assignments.repo.ts';

// Writes of mentor_assignments and the reads the rules need inside the write transaction.
//
// Concurrency: MariaDB runs calls on a pool, so two offices can assign the same student at once.
// Each write first locks the users rows it is about (SELECT ... FOR UPDATE by primary key, one
// statement, so always in key order), then assignment rows; that order is the same in every call,
// so the student's and mentor's writers queue instead of deadlocking. The rule checks are locking
// reads too: they see the latest committed rows even when the transaction already holds an older
// snapshot (a sync replay reads before the handler runs). SQLite needs neither: one connection
// runs one transaction at a time.

export async function lockUsers(ctx: ServiceContext, ids: string[]): Promise<void> {
  if (ctx.dialect !== 'mysql' || ids.length === 0) return;
  await ctx.db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...new Set(ids)].sort())
    .forUpdate()
    .execute();
}

/** Someone an assignment is about, as the rules need them. */
export interface Person {
  id: string;
  name: string;
  role: RoleName;
  status: UserStatus;
  departmentId: string | null;
  maxMentees: number | null;
  availabilityStatus: AvailabilityStatus | null;
  specialization: string | null;
  rollNumber: string | null;
  program: string | null;
}

/** People in the actor's user scope, by id. */
export async function findPeople(
  db: Kysely<Database>,
  actor: Actor,
  ids: string[],
): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.roleId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .leftJoin('student_profiles as sp', 'sp.userId', 'u.id')
    .where(scopeUsers(actor, 'u'))
    .where('u.id', 'in', [...new Set(ids)])
    .select([
      'u.id',
      'r.name as role',
      'u.status',
      'u.departmentId',
      'p.firstName',
      'p.lastName',
      'mp.maxMentees',
      'mp.availabilityStatus',
      'mp.specialization',
      'sp.rollNumber',
      'sp.program',
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: fullName(r.firstName, r.lastName),
        role: r.role as RoleName,
        status: r.status,
        departmentId: r.departmentId,
        maxMentees: r.maxMentees,
        availabilityStatus: r.availabilityStatus,
        specialization: r.specialization,
        rollNumber: r.rollNumber,
        program: r.program,
      },
    ]),
  );
}

export interface CurrentLink {
  id: string;
  studentId: string;
  mentorId: string;
  status: AssignmentStatus;
}

/** ACTIVE and PAUSED assignments of these students in the department (locking read on MariaDB). */
export async function currentLinks(
  ctx: ServiceContext,
  studentIds: string[],
  departmentId: string,
): Promise<CurrentLink[]> {
  if (studentIds.length === 0) return [];
  const q = ctx.db
    .selectFrom('mentor_assignments')
    .select(['id', 'studentId', 'mentorId', 'status'])
    .where('studentId', 'in', [...new Set(studentIds)])
    .where('departmentId', '=', departmentId)
    .where('status', 'in', ['ACTIVE', 'PAUSED'])
    .orderBy('id');
  return ctx.dialect === 'mysql' ? q.forUpdate().execute() : q.execute();
}

/** ACTIVE mentee count per mentor (a locking read on MariaDB unless `lock` is false: previews). */
export async function activeCounts(
  ctx: ServiceContext,
  mentorIds: string[],
  opts: { lock: boolean } = { lock: true },
): Promise<Map<string, number>> {
  const out = new Map<string, number>(mentorIds.map((m) => [m, 0]));
  if (mentorIds.length === 0) return out;
  const q = ctx.db
    .selectFrom('mentor_assignments')
    .select(['id', 'mentorId'])
    .where('mentorId', 'in', [...new Set(mentorIds)])
    .where('status', '=', 'ACTIVE');
  const rows = ctx.dialect === 'mysql' && opts.lock ? await q.forUpdate().execute() : await q.execute();
  for (const r of rows) out.set(r.mentorId, (out.get(r.mentorId) ?? 0) + 1);
  return out;
}

export interface AssignmentState {
  id: string;
  mentorId: string;
  studentId: string;
  departmentId: string;
  status: AssignmentStatus;
  assignedAt: string;
  endedAt: string | null;
  notes: string | null;
}

const STATE_COLUMNS = [
  'a.id',
  'a.mentorId',
  'a.studentId',
  'a.departmentId',
  'a.status',
  'a.assignedAt',
  'a.endedAt',
  'a.notes',
] as const;

/** An assignment the actor may change (scopeAssignmentsWritable), as stored. */
export async function findWritableAssignment(
  ctx: ServiceContext & { actor: Actor },
  id: string,
): Promise<AssignmentState | undefined> {
  return ctx.db
    .selectFrom('mentor_assignments as a')
    .select(STATE_COLUMNS)
    .where(scopeAssignmentsWritable(ctx.actor, 'a'))
    .where('a.id', '=', id)
    .executeTakeFirst();
}

/**
 * The row's latest committed state, locked by primary key on MariaDB. Callers check scope first
 * (findWritableAssignment) and lock the users rows before this one, the order every write keeps.
 */
export async function lockAssignment(ctx: ServiceContext, id: string): Promise<AssignmentState | undefined> {
  const q = ctx.db.selectFrom('mentor_assignments as a').select(STATE_COLUMNS).where('a.id', '=', id);
  return ctx.dialect === 'mysql' ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

export async function insertAssignment(
  ctx: ServiceContext & { actor: Actor },
  a: { mentorId: string; studentId: string; departmentId: string; notes: string | null },
): Promise<string> {
  const id = ctx.ids();
  await ctx.db
    .insertInto('mentor_assignments')
    .values({
      id,
      mentorId: a.mentorId,
      studentId: a.studentId,
      departmentId: a.departmentId,
      assignedById: ctx.actor.userId,
      status: 'ACTIVE',
      assignedAt: ctx.now,
      endedAt: null,
      notes: a.notes,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .execute();
  return id;
}

export async function updateAssignment(
  ctx: ServiceContext,
  id: string,
  changes: { status?: AssignmentStatus; endedAt?: string | null; notes?: string | null },
): Promise<void> {
  await ctx.db
    .updateTable('mentor_assignments')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', id)
    .execute();
}

const MAX_NOTES = 60_000;

/**
 * Appends a dated line to the notes ("2026-01-10 Paused: exam leave"), so the pairing's story
 * stays readable in one place; the oldest text goes first if the column would overflow.
 */
export function appendNote(existing: string | null, now: string, label: string, note?: string): string {
  const line = `${now.slice(0, 10)} ${label}${note ? `: ${note}` : ''}`;
  const text = existing ? `${existing}\n${line}` : line;
  return text.length > MAX_NOTES ? text.slice(text.length - MAX_NOTES) : text;
}

/**
 * Cancels the SCHEDULED sessions of an assignment that ends: nobody could record them any more
 * (ENDED is read-only), and they would stay "pending" forever. Returns how many.
 */
export async function cancelScheduledSessions(
  ctx: ServiceContext,
  assignmentId: string,
  why: string,
): Promise<number> {
  const rows = await ctx.db
    .selectFrom('session_records')
    .select(['id', 'summary'])
    .where('assignmentId', '=', assignmentId)
    .where('status', '=', 'SCHEDULED')
    .execute();
  for (const r of rows) {
    await ctx.db
      .updateTable('session_records')
      .set({
        status: 'CANCELLED',
        summary: r.summary ? `${r.summary}\n\nCancelled: ${why}` : `Cancelled: ${why}`,
        updatedAt: ctx.now,
      })
      .where('id', '=', r.id)
      .execute();
  }
  return rows.length;
}
