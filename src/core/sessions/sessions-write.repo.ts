import type { Attendance, AssignmentStatus, SessionMode, SessionStatus } from '../../shared/domain/enums.ts';
import type { AuthedContext, ServiceContext } from '../context.ts';
import type { Predicate } from '../scope/index.ts';
import { fullName } from '../assignments/assignments.repo.ts';

// What the session rules need about a stored session and its assignment, read inside the write
// transaction through the predicate the caller passes (scopeSessionsWritable, ...), plus writes.

export interface SessionState {
  id: string;
  assignmentId: string;
  sessionDate: string;
  mode: SessionMode;
  location: string | null;
  topic: string;
  summary: string | null;
  actionItems: string | null;
  nextMeetingOn: string | null;
  attendance: Attendance;
  status: SessionStatus;
  createdById: string;
  mentorId: string;
  studentId: string;
  departmentId: string;
  assignmentStatus: AssignmentStatus;
  mentorName: string;
  studentName: string;
}

export async function findSessionState(
  ctx: ServiceContext,
  id: string,
  scope: Predicate,
): Promise<SessionState | undefined> {
  const r = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .where(scope)
    .where('s.id', '=', id)
    .select([
      's.id',
      's.assignmentId',
      's.sessionDate',
      's.mode',
      's.location',
      's.topic',
      's.summary',
      's.actionItems',
      's.nextMeetingOn',
      's.attendance',
      's.status',
      's.createdById',
      'a.mentorId',
      'a.studentId',
      'a.departmentId',
      'a.status as assignmentStatus',
      'mp.firstName as mentorFirst',
      'mp.lastName as mentorLast',
      'sp.firstName as studentFirst',
      'sp.lastName as studentLast',
    ])
    .executeTakeFirst();
  if (!r) return undefined;
  const { mentorFirst, mentorLast, studentFirst, studentLast, ...rest } = r;
  return {
    ...rest,
    mentorName: fullName(mentorFirst, mentorLast),
    studentName: fullName(studentFirst, studentLast),
  };
}

export interface AssignmentForSession {
  id: string;
  mentorId: string;
  studentId: string;
  status: AssignmentStatus;
  mentorName: string;
  studentName: string;
}

export async function findAssignmentFor(
  ctx: ServiceContext,
  scope: Predicate,
  filter: { id?: string; studentId?: string },
): Promise<AssignmentForSession[]> {
  let q = ctx.db
    .selectFrom('mentor_assignments as a')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .where(scope)
    .select([
      'a.id',
      'a.mentorId',
      'a.studentId',
      'a.status',
      'mp.firstName as mentorFirst',
      'mp.lastName as mentorLast',
      'sp.firstName as studentFirst',
      'sp.lastName as studentLast',
    ])
    .orderBy('a.assignedAt')
    .orderBy('a.id');
  if (filter.id) q = q.where('a.id', '=', filter.id);
  if (filter.studentId) q = q.where('a.studentId', '=', filter.studentId);
  const rows = await q.execute();
  return rows.map(({ mentorFirst, mentorLast, studentFirst, studentLast, ...rest }) => ({
    ...rest,
    mentorName: fullName(mentorFirst, mentorLast),
    studentName: fullName(studentFirst, studentLast),
  }));
}

export interface NewSession {
  assignmentId: string;
  sessionDate: string;
  mode: SessionMode;
  location: string | null;
  topic: string;
  summary: string | null;
  actionItems: string | null;
  nextMeetingOn: string | null;
  attendance: Attendance;
  status: SessionStatus;
}

export async function insertSession(ctx: AuthedContext, s: NewSession): Promise<string> {
  const id = ctx.ids();
  await ctx.db
    .insertInto('session_records')
    .values({ id, ...s, createdById: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  return id;
}

export type SessionChanges = Partial<NewSession & { createdById: string }>;

export async function updateSession(ctx: ServiceContext, id: string, changes: SessionChanges): Promise<void> {
  await ctx.db
    .updateTable('session_records')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', id)
    .execute();
}

/** The stored fields `changes` touches, before the change (for the audit row). */
export function previous(state: SessionState, changes: SessionChanges): Record<string, unknown> {
  return Object.fromEntries(Object.keys(changes).map((k) => [k, state[k as keyof SessionState]]));
}
