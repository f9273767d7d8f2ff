import { sql, type Kysely } from 'kysely';
import type { SessionDetail, SessionRow } from '../../shared/contract/sessions.contract.ts';
import type { AssignmentStatus, Attendance, SessionMode, SessionStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { fullName } from '../assignments/assignments.repo.ts';
import {
  col,
  countRows,
  pageQuery,
  scopeSessions,
  searchPredicate,
  sessionSummary,
  textKey,
  type Page,
  type PageInput,
  type Predicate,
} from '../scope/index.ts';
import { parseActionItems } from './action-items.ts';

// Reads of session_records, always through scopeSessions. Only the detail query selects a
// summary, and only as sessionSummary(actor): a student's result never carries the mentor's notes.

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'a.studentId')
    .where(scopeSessions(actor, 's'));

const ROW_COLUMNS = [
  's.id',
  's.assignmentId',
  'a.status as assignmentStatus',
  'a.departmentId',
  'a.mentorId',
  'a.studentId',
  'mp.firstName as mentorFirst',
  'mp.lastName as mentorLast',
  'sp.firstName as studentFirst',
  'sp.lastName as studentLast',
  'st.rollNumber',
  's.sessionDate',
  's.mode',
  's.location',
  's.topic',
  's.attendance',
  's.status',
  's.createdById',
  's.nextMeetingOn',
  's.actionItems',
] as const;

interface Row {
  id: string;
  assignmentId: string;
  assignmentStatus: AssignmentStatus;
  departmentId: string;
  mentorId: string;
  studentId: string;
  mentorFirst: string | null;
  mentorLast: string | null;
  studentFirst: string | null;
  studentLast: string | null;
  rollNumber: string | null;
  sessionDate: string;
  mode: SessionMode;
  location: string | null;
  topic: string;
  attendance: Attendance;
  status: SessionStatus;
  createdById: string;
  nextMeetingOn: string | null;
  actionItems: string | null;
}

function toRow(r: Row): SessionRow {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    assignmentStatus: r.assignmentStatus,
    departmentId: r.departmentId,
    mentorId: r.mentorId,
    mentorName: fullName(r.mentorFirst, r.mentorLast),
    studentId: r.studentId,
    studentName: fullName(r.studentFirst, r.studentLast),
    rollNumber: r.rollNumber,
    sessionDate: r.sessionDate,
    mode: r.mode,
    location: r.location,
    topic: r.topic,
    attendance: r.attendance,
    status: r.status,
    requested: r.status === 'SCHEDULED' && r.createdById === r.studentId,
    createdById: r.createdById,
    nextMeetingOn: r.nextMeetingOn,
    actionItemsOpen: parseActionItems(r.actionItems).filter((i) => !i.done).length,
  };
}

export async function findSession(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<SessionDetail | undefined> {
  const r = await base(db, actor)
    .select(ROW_COLUMNS)
    .select([sessionSummary(actor, 's').as('summary'), 's.createdAt', 's.updatedAt'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toRow(r),
    summary: r.summary,
    actionItems: parseActionItems(r.actionItems),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A student's request the mentor has not confirmed: SCHEDULED and created by the student. */
export const isRequest = (alias = 's', assignmentAlias = 'a'): Predicate =>
  sql`(${col(alias, 'status')} = 'SCHEDULED' and ${col(alias, 'createdById')} = ${col(assignmentAlias, 'studentId')})`;

export interface SessionFilters {
  search?: string;
  from?: string;
  to?: string;
  status?: SessionStatus;
  mentorId?: string;
  studentId?: string;
  assignmentId?: string;
  departmentId?: string;
  requested?: boolean;
}

function filtered(db: Kysely<Database>, actor: Actor, f: SessionFilters) {
  let q = base(db, actor).where(
    searchPredicate(
      [
        col('s', 'topic'),
        col('sp', 'firstName'),
        col('sp', 'lastName'),
        col('st', 'rollNumber'),
        col('mp', 'lastName'),
      ],
      f.search,
    ),
  );
  if (f.from) q = q.where('s.sessionDate', '>=', f.from);
  if (f.to) q = q.where('s.sessionDate', '<=', f.to);
  if (f.status) q = q.where('s.status', '=', f.status);
  if (f.mentorId) q = q.where('a.mentorId', '=', f.mentorId);
  if (f.studentId) q = q.where('a.studentId', '=', f.studentId);
  if (f.assignmentId) q = q.where('s.assignmentId', '=', f.assignmentId);
  if (f.departmentId) q = q.where('a.departmentId', '=', f.departmentId);
  if (f.requested === true) q = q.where(isRequest());
  if (f.requested === false) q = q.where(sql<boolean>`not ${isRequest()}`);
  return q;
}

const SORT = {
  sessionDate: [col('s', 'sessionDate')],
  student: [textKey(col('sp', 'lastName')), textKey(col('sp', 'firstName'))],
  mentor: [textKey(col('mp', 'lastName')), textKey(col('mp', 'firstName'))],
  status: [col('s', 'status')],
} as const;

export async function listSessions(
  db: Kysely<Database>,
  actor: Actor,
  f: SessionFilters & PageInput & { sort: keyof typeof SORT },
): Promise<Page<SessionRow>> {
  const q = filtered(db, actor, f);
  const total = await countRows(q);
  const rows = await pageQuery(q.select(ROW_COLUMNS), f, [...SORT[f.sort]], col('s', 'id')).execute();
  return { rows: rows.map(toRow), total };
}

export const CALENDAR_LIMIT = 2000;

export async function calendar(
  db: Kysely<Database>,
  actor: Actor,
  f: { from: string; to: string; mentorId?: string; studentId?: string },
): Promise<{ rows: SessionRow[]; truncated: boolean }> {
  const rows = await filtered(db, actor, f)
    .select(ROW_COLUMNS)
    .orderBy('s.sessionDate', 'asc')
    .orderBy('s.id', 'asc')
    .limit(CALENDAR_LIMIT + 1)
    .execute();
  return { rows: rows.slice(0, CALENDAR_LIMIT).map(toRow), truncated: rows.length > CALENDAR_LIMIT };
}

export const PENDING_LIMIT = 500;

/** SCHEDULED sessions whose time has passed: the oldest first, with counts per mentor and department. */
export async function pendingSessions(
  db: Kysely<Database>,
  actor: Actor,
  f: { mentorId?: string; departmentId?: string; now: string },
) {
  const q = filtered(db, actor, {
    mentorId: f.mentorId,
    departmentId: f.departmentId,
    status: 'SCHEDULED',
  }).where('s.sessionDate', '<', f.now);
  const rows = await q
    .select(ROW_COLUMNS)
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .limit(PENDING_LIMIT)
    .execute();
  const byMentor = await q
    .select(['a.mentorId', 'mp.firstName', 'mp.lastName', sql<number | string>`count(*)`.as('n')])
    .groupBy(['a.mentorId', 'mp.firstName', 'mp.lastName'])
    .execute();
  const byDepartment = await q
    .leftJoin('departments as d', 'd.id', 'a.departmentId')
    .select(['a.departmentId', 'd.name', sql<number | string>`count(*)`.as('n')])
    .groupBy(['a.departmentId', 'd.name'])
    .execute();
  return {
    rows: rows.map(toRow),
    byMentor: byMentor
      .map((r) => ({
        mentorId: r.mentorId,
        mentorName: fullName(r.firstName, r.lastName),
        count: Number(r.n),
      }))
      .sort((a, b) => b.count - a.count || a.mentorName.localeCompare(b.mentorName)),
    byDepartment: byDepartment
      .map((r) => ({ departmentId: r.departmentId, departmentName: r.name, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.departmentId.localeCompare(b.departmentId)),
  };
}
