import { sql, type Kysely } from 'kysely';
import type { StudentDetail, StudentRow } from '../../shared/contract/students.contract.ts';
import type { AssignmentStatus, RiskLevel, UserStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  CURRENT_LINK,
  col,
  countRows,
  currentMenteeIds,
  isIn,
  pageOrder,
  pageQuery,
  scopeStudentsJoined,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// Students are users with a student_profiles row; every read is limited by scopeStudents (a
// mentor sees its current mentees only, a student itself), tested on the joined users row
// (scopeStudentsJoined: the same rows).

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .where(scopeStudentsJoined(actor, 'sp', 'u'));

/** A student row's columns (exported for the tests' reference queries). */
export const ROW_COLUMNS = [
  'u.id',
  'u.email',
  'u.status',
  'p.firstName',
  'p.lastName',
  'u.departmentId',
  'd.name as departmentName',
  'sp.rollNumber',
  'sp.program',
  'sp.yearOfStudy',
  'sp.gpa',
  'sp.attendancePct',
  'sp.riskLevel',
] as const;

interface Row {
  id: string;
  email: string;
  status: UserStatus;
  firstName: string | null;
  lastName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  rollNumber: string;
  program: string | null;
  yearOfStudy: number | null;
  gpa: number | null;
  attendancePct: number | null;
  riskLevel: RiskLevel;
}

type CurrentMentor = StudentRow['mentors'][number];

/** Current mentors of the given students, in one query (no per-row lookups). */
async function mentorsOf(db: Kysely<Database>, studentIds: string[]): Promise<Map<string, CurrentMentor[]>> {
  const out = new Map<string, CurrentMentor[]>();
  if (studentIds.length === 0) return out;
  const rows = await db
    .selectFrom('mentor_assignments as a')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.studentId', 'a.mentorId', 'a.status', 'mp.firstName', 'mp.lastName'])
    .where('a.studentId', 'in', studentIds)
    .where('a.status', 'in', CURRENT_LINK)
    .orderBy('a.assignedAt')
    .orderBy('a.id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.studentId) ?? [];
    list.push({
      id: r.mentorId,
      firstName: r.firstName ?? '',
      lastName: r.lastName ?? '',
      assignmentStatus: r.status as AssignmentStatus,
    });
    out.set(r.studentId, list);
  }
  return out;
}

const toRow = (r: Row, mentors: Map<string, CurrentMentor[]>): StudentRow => ({
  ...r,
  firstName: r.firstName ?? '',
  lastName: r.lastName ?? '',
  mentors: mentors.get(r.id) ?? [],
});

export async function findStudent(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<StudentDetail | undefined> {
  const row = await base(db, actor)
    .select(ROW_COLUMNS)
    .select(['u.institutionId', 'p.phone', 'p.avatarUrl', 'p.bio', 'sp.updatedAt'])
    .where('sp.userId', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const mentors = await mentorsOf(db, [row.id]);
  return {
    ...toRow(row, mentors),
    institutionId: row.institutionId,
    phone: row.phone,
    avatarUrl: row.avatarUrl,
    bio: row.bio,
    updatedAt: row.updatedAt,
  };
}

export interface StudentListFilters extends PageInput {
  sort: 'name' | 'rollNumber' | 'program' | 'yearOfStudy' | 'gpa' | 'attendancePct' | 'riskLevel';
  search?: string;
  program?: string;
  yearOfStudy?: number;
  riskLevel?: RiskLevel;
  mentorId?: string;
  unassigned?: boolean;
  departmentId?: string;
  status?: UserStatus;
}

// Risk sorts by severity, not alphabetically (SQLite stores the enum as text).
const riskOrder = sql`case ${col('sp', 'riskLevel')} when 'HIGH' then 3 when 'MEDIUM' then 2 else 1 end`;

export const SORT = {
  name: [textKey(col('p', 'lastName')), textKey(col('p', 'firstName'))],
  rollNumber: [col('sp', 'rollNumber')],
  program: [textKey(col('sp', 'program'))],
  yearOfStudy: [col('sp', 'yearOfStudy')],
  gpa: [col('sp', 'gpa')],
  attendancePct: [col('sp', 'attendancePct')],
  riskLevel: [riskOrder],
} as const;

const linkedStudents = () =>
  sql`(select ${col('la', 'studentId')} from ${sql.table('mentor_assignments')} as ${sql.raw('la')} where ${col('la', 'status')} in ('ACTIVE', 'PAUSED'))`;

/**
 * Students in scope matching the filters. user_profiles joins only when `names` (the search box
 * and the name sort read it): one row per user, so a left join to it never changes which students
 * match, and the count skips a lookup per student without it.
 */
function matching(db: Kysely<Database>, actor: Actor, f: StudentListFilters, names: boolean) {
  let q = db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .$if(names, (j) => j.leftJoin('user_profiles as p', 'p.userId', 'u.id'))
    .where(scopeStudentsJoined(actor, 'sp', 'u'))
    .where(
      searchPredicate(
        [col('p', 'firstName'), col('p', 'lastName'), col('u', 'email'), col('sp', 'rollNumber')],
        f.search,
      ),
    );
  if (f.program) q = q.where('sp.program', '=', f.program);
  if (f.yearOfStudy !== undefined) q = q.where('sp.yearOfStudy', '=', f.yearOfStudy);
  if (f.riskLevel) q = q.where('sp.riskLevel', '=', f.riskLevel);
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.mentorId) q = q.where(isIn(col('sp', 'userId'), currentMenteeIds(f.mentorId)));
  if (f.unassigned === true) q = q.where(sql<boolean>`${col('sp', 'userId')} not in ${linkedStudents()}`);
  if (f.unassigned === false) q = q.where(sql<boolean>`${col('sp', 'userId')} in ${linkedStudents()}`);
  return q;
}

/** Every row the page's query matches, counted before its limit (null: counted apart). */
const matchesBeforeLimit = (on: boolean) =>
  on ? sql<number | string | null>`count(*) over ()` : sql<number | string | null>`null`;

/**
 * One page cut on the students' ids alone (late row lookup): the sort carries narrow rows, and
 * only the page's students are read in full with their department, in the same order.
 *
 * With a search the count would match every student's names and email a second time (as costly
 * as the page: 2.4 of 5 ms at department scale), so the page's pass counts its matches before the
 * limit (`count(*) over ()`, MySQL 8 / MariaDB 10.2 and later); a page past the last one has no
 * row to carry it and counts apart. Without a search the count reads the scope's index alone
 * (1 ms) and the page keeps SQLite's top-N sort, cheaper than windowing every row.
 */
export async function listStudents(
  db: Kysely<Database>,
  actor: Actor,
  f: StudentListFilters,
): Promise<Page<StudentRow>> {
  const search = Boolean(f.search);
  const order = [...SORT[f.sort]];
  const ids = pageQuery(
    matching(db, actor, f, search || f.sort === 'name').select([
      'sp.userId as pageId',
      matchesBeforeLimit(search).as('matches'),
    ]),
    f,
    order,
    col('sp', 'userId'),
  );
  const page = db
    .selectFrom(ids.as('pg'))
    .innerJoin('student_profiles as sp', 'sp.userId', 'pg.pageId')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .select(ROW_COLUMNS)
    .select('pg.matches');
  const rows = await pageOrder(page, f.dir, order, col('sp', 'userId')).execute();
  const counted = search && (rows.length > 0 || f.page === 1);
  const total = counted ? Number(rows[0]?.matches ?? 0) : await countRows(matching(db, actor, f, search));
  const mentors = await mentorsOf(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map(({ matches: _, ...r }) => toRow(r, mentors)), total };
}

export interface AcademicChanges {
  gpa?: number | null;
  attendancePct?: number | null;
  program?: string | null;
  yearOfStudy?: number | null;
}

export async function updateAcademics(
  db: Kysely<Database>,
  userId: string,
  changes: AcademicChanges,
  now: string,
): Promise<void> {
  await db
    .updateTable('student_profiles')
    .set({ ...changes, updatedAt: now })
    .where('userId', '=', userId)
    .execute();
}
