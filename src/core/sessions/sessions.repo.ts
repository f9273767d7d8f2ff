import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { CalendarRow, SessionDetail, SessionRow } from '../../shared/contract/sessions.contract.ts';
import type { AssignmentStatus, Attendance, SessionMode, SessionStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { fullName } from '../assignments/assignments.repo.ts';
import {
  allOf,
  col,
  countRows,
  mentoringScopeCoversAll,
  pageOrder,
  pageQuery,
  scopeSessions,
  scopeSessionsCorrelated,
  searchPredicate,
  sessionSummary,
  textKey,
  TRUE,
  type Page,
  type PageInput,
  type Predicate,
  WALK_ROWS,
} from '../scope/index.ts';
import { countOpenActionItems, parseActionItems } from './action-items.ts';
import { scopedSessionCounts, sessionTotal } from './session-counts.ts';

// Reads of session_records, always through scopeSessions. Only the detail query selects a
// summary, and only as sessionSummary(actor): a student's result never carries the mentor's notes.

/** Sessions with their assignment and its student's name and roll number (no scope yet). */
const withStudent = (db: Kysely<Database>) =>
  db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'a.studentId');

const base = (db: Kysely<Database>, actor: Actor) =>
  withStudent(db).leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId').where(scopeSessions(actor, 's'));

/** A session row's columns but its mentor's name (the calendar names its few mentors once). */
const SESSION_COLUMNS = [
  's.id',
  's.assignmentId',
  'a.status as assignmentStatus',
  'a.departmentId',
  'a.mentorId',
  'a.studentId',
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

const MENTOR_NAME = ['mp.firstName as mentorFirst', 'mp.lastName as mentorLast'] as const;

const ROW_COLUMNS = [...SESSION_COLUMNS, ...MENTOR_NAME] as const;

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

type SessionOnlyRow = Omit<Row, 'mentorFirst' | 'mentorLast'>;

/** A student's request the mentor has not confirmed (isRequest, read from a row). */
export const isPendingRequest = (r: {
  status: SessionStatus;
  createdById: string;
  studentId: string;
}): boolean => r.status === 'SCHEDULED' && r.createdById === r.studentId;

function toRow(r: Row): SessionRow {
  return rowOf(r, fullName(r.mentorFirst, r.mentorLast));
}

function rowOf(r: SessionOnlyRow, mentorName: string): SessionRow {
  return {
    id: r.id,
    assignmentId: r.assignmentId,
    assignmentStatus: r.assignmentStatus,
    departmentId: r.departmentId,
    mentorId: r.mentorId,
    mentorName,
    studentId: r.studentId,
    studentName: fullName(r.studentFirst, r.studentLast),
    rollNumber: r.rollNumber,
    sessionDate: r.sessionDate,
    mode: r.mode,
    location: r.location,
    topic: r.topic,
    attendance: r.attendance,
    status: r.status,
    requested: isPendingRequest(r),
    createdById: r.createdById,
    nextMeetingOn: r.nextMeetingOn,
    actionItemsOpen: countOpenActionItems(r.actionItems),
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
  /** Strictly before this time (pending: sessions whose time has passed). */
  before?: string;
}

/** The filters of a session list as one predicate on `s` (the session) and `a` (its assignment). */
function sessionFilters(f: SessionFilters): Predicate {
  const ps: Predicate[] = [
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
  ];
  const is = (ref: Expression<unknown>, op: string, v: string | undefined) => {
    if (v) ps.push(sql<SqlBool>`${ref} ${sql.raw(op)} ${v}`);
  };
  is(col('s', 'sessionDate'), '>=', f.from);
  is(col('s', 'sessionDate'), '<=', f.to);
  is(col('s', 'sessionDate'), '<', f.before);
  is(col('s', 'status'), '=', f.status);
  is(col('a', 'mentorId'), '=', f.mentorId);
  is(col('a', 'studentId'), '=', f.studentId);
  is(col('s', 'assignmentId'), '=', f.assignmentId);
  is(col('a', 'departmentId'), '=', f.departmentId);
  if (f.requested === true) ps.push(isRequest());
  if (f.requested === false) ps.push(sql<SqlBool>`not ${isRequest()}`);
  return allOf(...ps);
}

/**
 * Sessions matching the filters inside `scope`, joined to their assignment. The name tables join
 * only when `names` (the search box and the name sorts read them): each holds one row per user, so
 * a left join to them never changes which sessions match, and a count or a page of ids skips three
 * lookups per session without them.
 */
const matching = (db: Kysely<Database>, f: SessionFilters, scope: Predicate, names: boolean) =>
  db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .$if(names, (j) =>
      j
        .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
        .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
        .leftJoin('student_profiles as st', 'st.userId', 'a.studentId'),
    )
    .where(scope)
    .where(sessionFilters(f));

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
  const total = await countSessions(db, actor, f);
  const walk = f.page * f.pageSize <= WALK_ROWS;
  const scope = walk ? scopeSessionsCorrelated(actor, 's') : scopeSessions(actor, 's');
  const names = Boolean(f.search) || f.sort === 'student' || f.sort === 'mentor';
  const rows = await sessionPage(db, f, scope, names, [...SORT[f.sort]], f);
  return { rows: rows.map(toRow), total };
}

/**
 * Which filters local_session_counts can apply itself (a Record, so that a new filter must be
 * placed here): those on the session's department, status and date.
 */
const ON_SESSION_COUNTS: Record<keyof SessionFilters, boolean> = {
  search: false,
  from: true,
  to: true,
  before: true,
  status: true,
  mentorId: false,
  studentId: false,
  assignmentId: false,
  departmentId: true,
  requested: false,
};

/**
 * The list's total. An office's on SQLite, filtered at most by department, status and dates, sums
 * its departments' keys of local_session_counts (session-counts.ts) instead of seeking each of
 * their assignments' sessions (16 ms for a department's 58,000 sessions on a ten-department file).
 */
async function countSessions(db: Kysely<Database>, actor: Actor, f: SessionFilters): Promise<number> {
  const set = (k: keyof SessionFilters): boolean => f[k] !== undefined && f[k] !== '';
  const keyed = (Object.keys(ON_SESSION_COUNTS) as (keyof SessionFilters)[]).every(
    (k) => ON_SESSION_COUNTS[k] || !set(k),
  );
  const counts = keyed ? scopedSessionCounts(db, actor) : null;
  if (!counts) return countRows(matching(db, f, scopeSessions(actor, 's'), Boolean(f.search)));
  const row = await counts
    .select(sessionTotal.as('n'))
    .$if(set('departmentId'), (q) => q.where('sc.departmentId', '=', f.departmentId!))
    .$if(set('status'), (q) => q.where('sc.status', '=', f.status!))
    .$if(set('from'), (q) => q.where('sc.sessionDate', '>=', f.from!))
    .$if(set('to'), (q) => q.where('sc.sessionDate', '<=', f.to!))
    .$if(set('before'), (q) => q.where('sc.sessionDate', '<', f.before!))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * One page of sessions cut on their ids alone (late row lookup): the sort carries narrow rows,
 * and only the page's sessions are joined to their names and read in full, in the same order.
 */
async function sessionPage(...args: Parameters<typeof pageRows>) {
  const [, , , , order, page] = args;
  const q = pageRows(...args)
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(MENTOR_NAME);
  return pageOrder(q, page.dir, order, col('s', 'id')).execute();
}

/** sessionPage's query without the mentor's name (and unordered: the caller orders it). */
function pageRows(
  db: Kysely<Database>,
  f: SessionFilters,
  scope: Predicate,
  names: boolean,
  order: Expression<unknown>[],
  page: PageInput,
) {
  const ids = pageQuery(matching(db, f, scope, names).select('s.id as pageId'), page, order, col('s', 'id'));
  return db
    .selectFrom(ids.as('pg'))
    .innerJoin('session_records as s', 's.id', 'pg.pageId')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .leftJoin('student_profiles as st', 'st.userId', 'a.studentId')
    .select(SESSION_COLUMNS);
}

/** The names of these users (each once), by id; a user without a profile is absent. */
async function namesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('user_profiles')
    .select(['userId', 'firstName', 'lastName'])
    .where('userId', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.userId, fullName(r.firstName, r.lastName)]));
}

export const CALENDAR_LIMIT = 2000;

/** The columns of a CalendarRow (its mentor is named once per page, by namesOf). */
const CALENDAR_COLUMNS = [
  's.id',
  's.sessionDate',
  's.mode',
  's.topic',
  's.status',
  's.createdById',
  'a.mentorId',
  'a.studentId',
  'sp.firstName as studentFirst',
  'sp.lastName as studentLast',
] as const;

export async function calendar(
  db: Kysely<Database>,
  actor: Actor,
  f: { from: string; to: string; mentorId?: string; studentId?: string },
): Promise<{ rows: CalendarRow[]; truncated: boolean }> {
  // A department's month is ~8,000 sessions and the page is its first 2,000, so the call's cost
  // is per row: each is what the screen shows (CalendarRow, 10 columns read), not a SessionRow (18
  // columns, the driver building each value, and each session's action items parsed to count them).
  // One statement reads each session once; a page cut on ids and looked up again read it twice.
  // Where the admin's scope cannot filter (a one-department database, scope/whole.ts) it is dropped
  // and SQLite walks the calendar index (migration 0016) oldest first, never reading a session's
  // row, and stops at the page.
  const scope = (await mentoringScopeCoversAll(db, actor)) ? TRUE : scopeSessions(actor, 's');
  const rows = await pageQuery(
    db
      .selectFrom('session_records as s')
      .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
      .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
      .where(scope)
      .where(sessionFilters(f))
      .select(CALENDAR_COLUMNS),
    { page: 1, pageSize: CALENDAR_LIMIT + 1, dir: 'asc' },
    [col('s', 'sessionDate')],
    col('s', 'id'),
  ).execute();
  const kept = rows.slice(0, CALENDAR_LIMIT);
  const mentors = await namesOf(
    db,
    kept.map((r) => r.mentorId),
  );
  return {
    rows: kept.map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      mode: r.mode,
      topic: r.topic,
      status: r.status,
      requested: isPendingRequest(r),
      mentorId: r.mentorId,
      mentorName: mentors.get(r.mentorId) ?? fullName(null, null),
      studentId: r.studentId,
      studentName: fullName(r.studentFirst, r.studentLast),
    })),
    truncated: rows.length > CALENDAR_LIMIT,
  };
}

export const PENDING_LIMIT = 500;

/**
 * The oldest PENDING_LIMIT pending sessions. SQLite walks INDEX(status, sessionDate, id, ...)
 * from the oldest and stops at the page instead of sorting every pending one. Without a scope to
 * test, one statement reads each row once as the walk finds it; otherwise the admin's scope is
 * checked per row (scopeSessionsCorrelated) on a page cut on ids alone.
 */
async function pendingPage(
  db: Kysely<Database>,
  actor: Actor,
  filters: SessionFilters,
  whole: boolean,
): Promise<SessionRow[]> {
  const order = [col('s', 'sessionDate')];
  const page: PageInput = { page: 1, pageSize: PENDING_LIMIT, dir: 'asc' };
  const rows = whole
    ? await pageQuery(
        withStudent(db).where(sessionFilters(filters)).select(SESSION_COLUMNS),
        page,
        order,
        col('s', 'id'),
      ).execute()
    : await pageOrder(
        pageRows(db, filters, scopeSessionsCorrelated(actor, 's'), false, order, page),
        'asc',
        order,
        col('s', 'id'),
      ).execute();
  // The page's ~80 mentors named once each, as the calendar does, not once per row.
  const mentors = await namesOf(
    db,
    rows.map((r) => r.mentorId),
  );
  return rows.map((r) => rowOf(r, mentors.get(r.mentorId) ?? fullName(null, null)));
}

/**
 * Both counts from one pass over the pending sessions, grouped per mentor and department (a
 * mentor may work in several); only the ~80 groups are joined to the tables that name them. With
 * no scope to test the pass starts from the pending sessions (INDEX(status, sessionDate, id,
 * assignmentId) alone), otherwise from the assignments in scope.
 */
function pendingCounts(db: Kysely<Database>, actor: Actor, filters: SessionFilters, whole: boolean) {
  const counts = matching(db, filters, whole ? TRUE : scopeSessions(actor, 's'), false)
    .select(['a.mentorId', 'a.departmentId', sql<number | string>`count(*)`.as('n')])
    .groupBy(['a.mentorId', 'a.departmentId']);
  return db
    .selectFrom(counts.as('g'))
    .leftJoin('user_profiles as mp', 'mp.userId', 'g.mentorId')
    .leftJoin('departments as d', 'd.id', 'g.departmentId')
    .select(['g.mentorId', 'mp.firstName', 'mp.lastName', 'g.departmentId', 'd.name', 'g.n'])
    .execute();
}

/** SCHEDULED sessions whose time has passed: the oldest first, with counts per mentor and department. */
export async function pendingSessions(
  db: Kysely<Database>,
  actor: Actor,
  f: { mentorId?: string; departmentId?: string; now: string },
) {
  const filters: SessionFilters = {
    mentorId: f.mentorId,
    departmentId: f.departmentId,
    status: 'SCHEDULED',
    before: f.now,
  };
  // Where an admin's scope cannot filter (a one-department database, scope/whole.ts) both reads
  // drop it, as the calendar does.
  const whole = await mentoringScopeCoversAll(db, actor);
  const rows = await pendingPage(db, actor, filters, whole);
  const groups = await pendingCounts(db, actor, filters, whole);
  const byMentor = new Map<string, { mentorId: string; mentorName: string; count: number }>();
  const byDepartment = new Map<
    string,
    { departmentId: string; departmentName: string | null; count: number }
  >();
  for (const r of groups) {
    const m = byMentor.get(r.mentorId) ?? {
      mentorId: r.mentorId,
      mentorName: fullName(r.firstName, r.lastName),
      count: 0,
    };
    m.count += Number(r.n);
    byMentor.set(r.mentorId, m);
    const d = byDepartment.get(r.departmentId) ?? {
      departmentId: r.departmentId,
      departmentName: r.name,
      count: 0,
    };
    d.count += Number(r.n);
    byDepartment.set(r.departmentId, d);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    rows,
    byMentor: [...byMentor.values()].sort(
      (a, b) => b.count - a.count || a.mentorName.localeCompare(b.mentorName) || byId(a.mentorId, b.mentorId),
    ),
    byDepartment: [...byDepartment.values()].sort(
      (a, b) => b.count - a.count || a.departmentId.localeCompare(b.departmentId),
    ),
  };
}
