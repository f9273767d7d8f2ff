import { sql, type Kysely } from 'kysely';
import type { GoalDetail, GoalRow } from '../../shared/contract/goals.contract.ts';
import type { GoalCategory, GoalStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { fullName } from '../assignments/assignments.repo.ts';
import {
  col,
  countRows,
  currentMenteeIds,
  isIn,
  pageOrder,
  pageQuery,
  scopeGoals,
  scopeGoalUpdates,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
  type Predicate,
} from '../scope/index.ts';

// Reads of goals through scopeGoals (admins: students in scope; a mentor: current mentees; a
// student: itself) and of goal_updates through scopeGoalUpdates.

/** 00:00 UTC of the call's day: a goal is overdue once its target day is before today. */
export const startOfDay = (now: string): string => `${now.slice(0, 10)}T00:00:00.000Z`;

const scoped = (db: Kysely<Database>, actor: Actor) =>
  db.selectFrom('goals as g').innerJoin('users as u', 'u.id', 'g.studentId').where(scopeGoals(actor, 'g'));

const base = (db: Kysely<Database>, actor: Actor) =>
  scoped(db, actor)
    .leftJoin('user_profiles as sp', 'sp.userId', 'g.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'g.studentId');

const COLUMNS = [
  'g.id',
  'g.studentId',
  'sp.firstName',
  'sp.lastName',
  'st.rollNumber',
  'g.title',
  'g.category',
  'g.description',
  'g.targetDate',
  'g.status',
  'g.progressPct',
  'g.createdById',
  'g.createdAt',
  'g.updatedAt',
] as const;

interface Row {
  id: string;
  studentId: string;
  firstName: string | null;
  lastName: string | null;
  rollNumber: string | null;
  title: string;
  category: GoalCategory;
  description: string | null;
  targetDate: string | null;
  status: GoalStatus;
  progressPct: number;
  createdById: string;
  createdAt: string;
  updatedAt: string;
}

function toDto(r: Row, now: string): GoalRow {
  const { firstName, lastName, ...rest } = r;
  return {
    ...rest,
    studentName: fullName(firstName, lastName),
    overdue: r.targetDate !== null && r.targetDate < startOfDay(now) && r.status !== 'COMPLETED',
  };
}

export function overduePredicate(now: string, alias = 'g'): Predicate {
  return sql`(${col(alias, 'targetDate')} is not null and ${col(alias, 'targetDate')} < ${startOfDay(now)} and ${col(alias, 'status')} <> 'COMPLETED')`;
}

export async function findGoal(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: string,
): Promise<GoalDetail | undefined> {
  const r = await base(db, actor).select(COLUMNS).where('g.id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const updates = await db
    .selectFrom('goal_updates as gu')
    .leftJoin('user_profiles as np', 'np.userId', 'gu.notedById')
    .where(scopeGoalUpdates(actor, 'gu'))
    .where('gu.goalId', '=', id)
    .select([
      'gu.id',
      'gu.notedById',
      'np.firstName',
      'np.lastName',
      'gu.note',
      'gu.progressPct',
      'gu.status',
      'gu.createdAt',
    ])
    .orderBy('gu.createdAt', 'desc')
    .orderBy('gu.id', 'desc')
    .execute();
  return {
    ...toDto(r, now),
    updates: updates.map(({ firstName, lastName, ...u }) => ({
      ...u,
      notedByName: fullName(firstName, lastName),
    })),
  };
}

export interface GoalFilters extends PageInput {
  sort: 'targetDate' | 'createdAt' | 'title' | 'progressPct' | 'student';
  search?: string;
  studentId?: string;
  mentorId?: string;
  departmentId?: string;
  status?: GoalStatus;
  category?: GoalCategory;
  overdue?: boolean;
}

// Goals without a target date come after the dated ones (before them when sorting descending).
const SORT = {
  targetDate: [sql`case when ${col('g', 'targetDate')} is null then 1 else 0 end`, col('g', 'targetDate')],
  createdAt: [col('g', 'createdAt')],
  title: [textKey(col('g', 'title'))],
  progressPct: [col('g', 'progressPct')],
  student: [textKey(col('sp', 'lastName')), textKey(col('sp', 'firstName'))],
} as const;

export async function listGoals(
  db: Kysely<Database>,
  actor: Actor,
  f: GoalFilters,
  now: string,
): Promise<Page<GoalRow>> {
  // Filters and scope on goals and users only; the name tables are joined where they are read.
  let q = scoped(db, actor).where(
    searchPredicate(
      [col('g', 'title'), col('sp', 'firstName'), col('sp', 'lastName'), col('st', 'rollNumber')],
      f.search,
    ),
  );
  if (f.studentId) q = q.where('g.studentId', '=', f.studentId);
  if (f.mentorId) q = q.where(isIn(col('g', 'studentId'), currentMenteeIds(f.mentorId)));
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  if (f.status) q = q.where('g.status', '=', f.status);
  if (f.category) q = q.where('g.category', '=', f.category);
  if (f.overdue === true) q = q.where(overduePredicate(now));
  if (f.overdue === false) q = q.where(sql<boolean>`not ${overduePredicate(now)}`);
  // One profile row per student at most, so the count needs the name tables only for the search
  // box (it reads them); without them it stays on the goals index (12k goals: ~13 ms -> ~3 ms).
  const withNames = (names: boolean) =>
    q.$if(names, (j) =>
      j
        .leftJoin('user_profiles as sp', 'sp.userId', 'g.studentId')
        .leftJoin('student_profiles as st', 'st.userId', 'g.studentId'),
    );
  const total = await countRows(withNames(Boolean(f.search)));
  // The page is cut on goal ids alone (late row lookup: the sort carries narrow rows, ~10 ms ->
  // ~5 ms for an HOD's 12k goals), then only its goals are read in full, in the same order.
  const order = [...SORT[f.sort]];
  const ids = pageQuery(
    withNames(Boolean(f.search) || f.sort === 'student').select('g.id as pageId'),
    f,
    order,
    col('g', 'id'),
  );
  const page = db
    .selectFrom(ids.as('pg'))
    .innerJoin('goals as g', 'g.id', 'pg.pageId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'g.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'g.studentId')
    .select(COLUMNS);
  const rows = await pageOrder(page, f.dir, order, col('g', 'id')).execute();
  return { rows: rows.map((r) => toDto(r, now)), total };
}
