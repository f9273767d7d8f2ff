import { sql, type Kysely } from 'kysely';
import type { AssignmentRow, WorkloadRow } from '../../shared/contract/assignments.contract.ts';
import type { AssignmentStatus, AvailabilityStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  assignmentNotes,
  col,
  countRows,
  hasRole,
  pageQuery,
  scopeAssignments,
  scopeMentors,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// Reads of mentor_assignments, always through scopeAssignments; notes through assignmentNotes
// (staff only). Names are joined from user_profiles and composed here, not in SQL, so the same
// query runs on both dialects.

export const fullName = (first: string | null | undefined, last: string | null | undefined): string =>
  `${first ?? ''} ${last ?? ''}`.trim();

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('mentor_assignments as a')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'a.studentId')
    .leftJoin('user_profiles as bp', 'bp.userId', 'a.assignedById')
    .leftJoin('departments as d', 'd.id', 'a.departmentId')
    .where(scopeAssignments(actor, 'a'));

const columns = (actor: Actor) =>
  [
    'a.id',
    'a.mentorId',
    'a.studentId',
    'a.departmentId',
    'a.assignedById',
    'a.status',
    'a.assignedAt',
    'a.endedAt',
    'a.updatedAt',
    'mp.firstName as mentorFirst',
    'mp.lastName as mentorLast',
    'sp.firstName as studentFirst',
    'sp.lastName as studentLast',
    'bp.firstName as byFirst',
    'bp.lastName as byLast',
    'st.rollNumber',
    'd.name as departmentName',
    assignmentNotes(actor, 'a').as('notes'),
  ] as const;

interface Row {
  id: string;
  mentorId: string;
  studentId: string;
  departmentId: string;
  assignedById: string;
  status: AssignmentStatus;
  assignedAt: string;
  endedAt: string | null;
  updatedAt: string;
  mentorFirst: string | null;
  mentorLast: string | null;
  studentFirst: string | null;
  studentLast: string | null;
  byFirst: string | null;
  byLast: string | null;
  rollNumber: string | null;
  departmentName: string | null;
  notes: string | null;
}

const toDto = (r: Row): AssignmentRow => ({
  id: r.id,
  mentorId: r.mentorId,
  mentorName: fullName(r.mentorFirst, r.mentorLast),
  studentId: r.studentId,
  studentName: fullName(r.studentFirst, r.studentLast),
  rollNumber: r.rollNumber,
  departmentId: r.departmentId,
  departmentName: r.departmentName,
  assignedById: r.assignedById,
  assignedByName: r.byFirst === null && r.byLast === null ? null : fullName(r.byFirst, r.byLast),
  status: r.status,
  assignedAt: r.assignedAt,
  endedAt: r.endedAt,
  notes: r.notes,
  updatedAt: r.updatedAt,
});

export async function findAssignment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<AssignmentRow | undefined> {
  const row = await base(db, actor).select(columns(actor)).where('a.id', '=', id).executeTakeFirst();
  return row ? toDto(row) : undefined;
}

export async function findAssignments(
  db: Kysely<Database>,
  actor: Actor,
  ids: string[],
): Promise<AssignmentRow[]> {
  if (ids.length === 0) return [];
  const rows = await base(db, actor).select(columns(actor)).where('a.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toDto(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface AssignmentListFilters extends PageInput {
  sort: 'assignedAt' | 'mentor' | 'student' | 'status';
  search?: string;
  mentorId?: string;
  studentId?: string;
  departmentId?: string;
  status?: AssignmentStatus;
}

const SORT = {
  assignedAt: [col('a', 'assignedAt')],
  mentor: [textKey(col('mp', 'lastName')), textKey(col('mp', 'firstName'))],
  student: [textKey(col('sp', 'lastName')), textKey(col('sp', 'firstName'))],
  status: [col('a', 'status')],
} as const;

export async function listAssignments(
  db: Kysely<Database>,
  actor: Actor,
  f: AssignmentListFilters,
): Promise<Page<AssignmentRow>> {
  let q = base(db, actor).where(
    searchPredicate(
      [
        col('mp', 'firstName'),
        col('mp', 'lastName'),
        col('sp', 'firstName'),
        col('sp', 'lastName'),
        col('st', 'rollNumber'),
      ],
      f.search,
    ),
  );
  if (f.mentorId) q = q.where('a.mentorId', '=', f.mentorId);
  if (f.studentId) q = q.where('a.studentId', '=', f.studentId);
  if (f.departmentId) q = q.where('a.departmentId', '=', f.departmentId);
  if (f.status) q = q.where('a.status', '=', f.status);
  const total = await countRows(q);
  const rows = await pageQuery(q.select(columns(actor)), f, [...SORT[f.sort]], col('a', 'id')).execute();
  return { rows: rows.map(toDto), total };
}

export async function assignmentHistory(
  db: Kysely<Database>,
  actor: Actor,
  studentId: string,
): Promise<AssignmentRow[]> {
  const rows = await base(db, actor)
    .select(columns(actor))
    .where('a.studentId', '=', studentId)
    .orderBy('a.assignedAt', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  return rows.map(toDto);
}

const menteeCount = (status: AssignmentStatus) =>
  sql<
    number | string
  >`(select count(*) from ${sql.table('mentor_assignments')} as ${sql.raw('wc')} where ${col('wc', 'mentorId')} = ${col('m', 'userId')} and ${col('wc', 'status')} = ${status})`;

export async function workload(
  db: Kysely<Database>,
  actor: Actor,
  f: { departmentId?: string; availabilityStatus?: AvailabilityStatus },
): Promise<WorkloadRow[]> {
  let q = db
    .selectFrom('mentor_profiles as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'm.userId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .where(scopeMentors(actor, 'm'))
    .where(hasRole('u', 'MENTOR'))
    .where('u.status', '=', 'ACTIVE');
  if (actor.role === 'MENTOR') q = q.where('m.userId', '=', actor.userId);
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  if (f.availabilityStatus) q = q.where('m.availabilityStatus', '=', f.availabilityStatus);
  const rows = await q
    .select([
      'm.userId',
      'p.firstName',
      'p.lastName',
      'u.departmentId',
      'd.name as departmentName',
      'm.designation',
      'm.specialization',
      'm.availabilityStatus',
      'm.maxMentees',
      menteeCount('ACTIVE').as('active'),
      menteeCount('PAUSED').as('paused'),
    ])
    .orderBy(textKey(col('p', 'lastName')))
    .orderBy(textKey(col('p', 'firstName')))
    .orderBy('m.userId')
    .execute();
  return rows.map((r) => ({
    mentorId: r.userId,
    mentorName: fullName(r.firstName, r.lastName),
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    designation: r.designation,
    specialization: r.specialization,
    availabilityStatus: r.availabilityStatus,
    maxMentees: r.maxMentees,
    activeMentees: Number(r.active),
    pausedMentees: Number(r.paused),
    remaining: r.maxMentees - Number(r.active),
  }));
}
