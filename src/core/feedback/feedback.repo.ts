import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isSqlite } from '../db/dialect.ts';
import {
  FEEDBACK_EDIT_WINDOW_MS,
  type FeedbackRow,
  type FeedbackSummaryRow,
} from '../../shared/contract/feedback.contract.ts';
import type { FeedbackType, FeedbackVisibility } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { fullName } from '../assignments/assignments.repo.ts';
import { feedbackInScope } from '../reports/feedback-scope.ts';
import {
  col,
  countRows,
  mentoringScopeCoversAll,
  pageOrder,
  pageQuery,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// Reads of session_feedback, always through scopeFeedback (ROLES.md visibility, in SQL), stated as
// feedbackInScope on the joined session: for an admin, scopeFeedback's nested `f.sessionId in
// (sessions in (assignments in (departments)))` made SQLite materialise every session id of the
// department and probe it per row (0.3–0.7 s per statement at 58,000 sessions); on the joined
// session it plans from the department's assignments down the indexes. Where an admin's scope
// cannot filter anything (a one-department database, scope/whole.ts) the reads drop it and the
// joins that carried it (readFrom).

/** Feedback in scope with its session and assignment (every filter's columns); no names. */
const scoped = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('session_feedback as f')
    .innerJoin('session_records as s', 's.id', 'f.sessionId')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where(feedbackInScope(actor, 'f', 's'));

/**
 * The feedback a read starts from: `scoped`, or, when the admin's scope cannot filter anything
 * (mentoringScopeCoversAll: a one-department database), session_feedback alone with only the joins
 * the read's filters and sort need (`session` for the session's date, `assignment` for its mentor,
 * student or department). Those are inner joins on NOT NULL foreign keys the database enforces, so
 * neither form drops a row the other keeps; the bare one lets a count read the table's size and a
 * page walk an index of session_feedback.
 */
function readFrom(
  db: Kysely<Database>,
  actor: Actor,
  whole: boolean,
  need: { session: boolean; assignment: boolean },
): ReturnType<typeof scoped> {
  if (!whole) return scoped(db, actor);
  // Typed as the full join: callers reference `s` and `a` only where `need` says they are joined.
  const f = db.selectFrom('session_feedback as f');
  if (!need.session && !need.assignment) return f as unknown as ReturnType<typeof scoped>;
  const s = f.innerJoin('session_records as s', 's.id', 'f.sessionId');
  if (!need.assignment) return s as unknown as ReturnType<typeof scoped>;
  return s.innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId');
}

const base = (db: Kysely<Database>, actor: Actor) =>
  scoped(db, actor)
    .leftJoin('user_profiles as gp', 'gp.userId', 'f.giverUserId')
    .leftJoin('user_profiles as rp', 'rp.userId', 'f.recipientUserId');

const COLUMNS = [
  'f.id',
  'f.sessionId',
  's.sessionDate',
  's.topic',
  'f.giverUserId',
  'gp.firstName as giverFirst',
  'gp.lastName as giverLast',
  'f.recipientUserId',
  'rp.firstName as recipientFirst',
  'rp.lastName as recipientLast',
  'f.type',
  'f.rating',
  'f.comments',
  'f.visibility',
  'f.createdAt',
  'f.updatedAt',
] as const;

interface Row {
  id: string;
  sessionId: string;
  sessionDate: string;
  topic: string;
  giverUserId: string;
  giverFirst: string | null;
  giverLast: string | null;
  recipientUserId: string;
  recipientFirst: string | null;
  recipientLast: string | null;
  type: FeedbackType;
  rating: number;
  comments: string | null;
  visibility: FeedbackVisibility;
  createdAt: string;
  updatedAt: string;
}

export const editableUntil = (createdAt: string): string =>
  new Date(Date.parse(createdAt) + FEEDBACK_EDIT_WINDOW_MS).toISOString();

function toDto(r: Row, actor: Actor, now: string): FeedbackRow {
  const until = editableUntil(r.createdAt);
  return {
    id: r.id,
    sessionId: r.sessionId,
    sessionDate: r.sessionDate,
    topic: r.topic,
    giverUserId: r.giverUserId,
    giverName: fullName(r.giverFirst, r.giverLast),
    recipientUserId: r.recipientUserId,
    recipientName: fullName(r.recipientFirst, r.recipientLast),
    type: r.type,
    rating: r.rating,
    comments: r.comments,
    visibility: r.visibility,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    editableUntil: until,
    canEdit: r.giverUserId === actor.userId && now <= until,
  };
}

export async function findFeedback(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: string,
): Promise<FeedbackRow | undefined> {
  const r = await base(db, actor).select(COLUMNS).where('f.id', '=', id).executeTakeFirst();
  return r ? toDto(r, actor, now) : undefined;
}

export interface FeedbackFilters extends PageInput {
  sort: 'createdAt' | 'sessionDate' | 'rating';
  sessionId?: string;
  mentorId?: string;
  studentId?: string;
  type?: FeedbackType;
  from?: string;
  to?: string;
}

const SORT = {
  createdAt: [col('f', 'createdAt')],
  sessionDate: [col('s', 'sessionDate')],
  rating: [col('f', 'rating')],
} as const;

export async function listFeedback(
  db: Kysely<Database>,
  actor: Actor,
  f: FeedbackFilters,
  now: string,
): Promise<Page<FeedbackRow>> {
  const whole = await mentoringScopeCoversAll(db, actor);
  let q = readFrom(db, actor, whole, {
    session: Boolean(f.from || f.to) || f.sort === 'sessionDate',
    assignment: Boolean(f.mentorId || f.studentId),
  });
  if (f.sessionId) q = q.where('f.sessionId', '=', f.sessionId);
  if (f.mentorId) q = q.where('a.mentorId', '=', f.mentorId);
  if (f.studentId) q = q.where('a.studentId', '=', f.studentId);
  if (f.type) q = q.where('f.type', '=', f.type);
  if (f.from) q = q.where('s.sessionDate', '>=', f.from);
  if (f.to) q = q.where('s.sessionDate', '<=', f.to);
  // The count and the page's ids need no names: a left join on user_profiles' primary key adds no
  // row, yet SQLite still probed both profiles for each of a department's 46,000 rows.
  const total = await countRows(q);
  const order = [...SORT[f.sort]];
  // The page is cut on ids alone, then only its rows get their columns and names: sorting whole
  // rows (comments, two names) for every row in scope cost more than the sort itself. The page
  // carries its sort key (`k`) and is re-ordered on it: ordered on f's own columns, SQLite read the
  // outer query down session_feedback's createdAt index (all 46,000 rows) to skip a 25-row sort.
  const ids = pageQuery(q.select(['f.id', sql`${order[0]}`.as('k')]), f, order, col('f', 'id')).as('p');
  const rows = db
    .selectFrom(ids)
    .innerJoin('session_feedback as f', 'f.id', 'p.id')
    .innerJoin('session_records as s', 's.id', 'f.sessionId')
    .leftJoin('user_profiles as gp', 'gp.userId', 'f.giverUserId')
    .leftJoin('user_profiles as rp', 'rp.userId', 'f.recipientUserId')
    .select(COLUMNS);
  const page = await pageOrder(rows, f.dir, [col('p', 'k')], col('p', 'id')).execute();
  return { rows: page.map((r) => toDto(r, actor, now)), total };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * The period a session month ("2026-03") falls in. Semesters follow the Indian academic year:
 * the odd semester runs July–December, the even one January–June.
 */
export function periodOf(ym: string, period: 'month' | 'semester'): { start: string; label: string } {
  const [y, m] = [ym.slice(0, 4), Number(ym.slice(5, 7))];
  if (period === 'month') return { start: ym, label: `${MONTHS[m - 1]} ${y}` };
  return m >= 7 ? { start: `${y}-07`, label: `Jul–Dec ${y}` } : { start: `${y}-01`, label: `Jan–Jun ${y}` };
}

export interface SummaryFilters {
  period: 'month' | 'semester';
  mentorId?: string;
  departmentId?: string;
  from?: string;
  to?: string;
}

/** One mentor's rated sessions in one month ("2026-03"), as read from the database. */
export interface MonthTotals {
  recipientUserId: string;
  firstName: string | null;
  lastName: string | null;
  ym: string;
  n: number | string;
  total: number | string;
}

type Rated = ReturnType<typeof readFrom>;

/**
 * MariaDB: grouped on (mentor, month), names joined to the groups: joining names to every rated row
 * (and the giver's, never read) cost a profile lookup per row, 23,000 in a department, for ~600
 * groups.
 */
function mysqlMonths(db: Kysely<Database>, q: Rated, ym: RawBuilder<string>): Promise<MonthTotals[]> {
  const groups = q
    .select([
      'f.recipientUserId',
      ym.as('ym'),
      sql<number | string>`count(*)`.as('n'),
      sql<number | string>`sum(${col('f', 'rating')})`.as('total'),
    ])
    .groupBy(['f.recipientUserId', ym])
    .as('g');
  return db
    .selectFrom(groups)
    .leftJoin('user_profiles as rp', 'rp.userId', 'g.recipientUserId')
    .select(['g.recipientUserId', 'rp.firstName', 'rp.lastName', 'g.ym', 'g.n', 'g.total'])
    .execute();
}

/**
 * SQLite: the same groups, keyed on one text value, month then mentor ("2026-03" || id). SQLite
 * groups by sorting every rated row (21,000 in a department); on a two-column key most of the
 * sort's comparisons tie on the first column and fall to its slow record comparison, and the sort
 * also carried each row's mentor and whole session date to recompute the output columns. One key
 * compares with a memcmp, and the inner query is kept unflattened (`limit -1`) so the sort holds
 * only the key and the rating. The month is the first 7 characters of the key: session dates are
 * ISO date-times (every write validates them; central stores DATETIME), so substr(…, 1, 7) is
 * always 7 characters long.
 */
async function sqliteMonths(db: Kysely<Database>, q: Rated, ym: RawBuilder<string>): Promise<MonthTotals[]> {
  const keyed = q
    .select([sql<string>`${ym} || ${col('f', 'recipientUserId')}`.as('k'), 'f.rating'])
    .limit(-1)
    .as('r');
  const groups = db
    .selectFrom(keyed)
    .select([
      'r.k',
      sql<number | string>`count(*)`.as('n'),
      sql<number | string>`sum(${col('r', 'rating')})`.as('total'),
    ])
    .groupBy('r.k')
    .as('g');
  const rows = await db
    .selectFrom(groups)
    .leftJoin('user_profiles as rp', (j) => j.on('rp.userId', '=', sql<string>`substr(${col('g', 'k')}, 8)`))
    .select(['g.k', 'rp.firstName', 'rp.lastName', 'g.n', 'g.total'])
    .execute();
  return rows.map(({ k, ...r }) => ({ ...r, ym: k.slice(0, 7), recipientUserId: k.slice(7) }));
}

/** Average rating students gave each mentor per period, over the feedback the actor may read. */
export async function feedbackSummary(
  db: Kysely<Database>,
  actor: Actor,
  f: SummaryFilters,
): Promise<FeedbackSummaryRow[]> {
  const ym = sql<string>`substr(${col('s', 'sessionDate')}, 1, 7)`;
  const whole = await mentoringScopeCoversAll(db, actor);
  let q = readFrom(db, actor, whole, { session: true, assignment: Boolean(f.departmentId) }).where(
    'f.type',
    '=',
    'STUDENT_TO_MENTOR',
  );
  if (actor.role === 'MENTOR') q = q.where('f.recipientUserId', '=', actor.userId);
  if (f.mentorId) q = q.where('f.recipientUserId', '=', f.mentorId);
  if (f.departmentId) q = q.where('a.departmentId', '=', f.departmentId);
  if (f.from) q = q.where('s.sessionDate', '>=', f.from);
  else if (whole && isSqlite(db)) {
    // SQLite only, no filter: a lower bound on the session's date lets SQLite read each rated
    // session's date from the (id, sessionDate) index (migration 0012) instead of through the
    // primary key to the session's whole row, ~3x cheaper per row. Every date is >= ''.
    q = q.where('s.sessionDate', '>=', '');
  }
  if (f.to) q = q.where('s.sessionDate', '<=', f.to);
  return summaryRows(isSqlite(db) ? await sqliteMonths(db, q, ym) : await mysqlMonths(db, q, ym), f.period);
}

/** Month totals merged into the period's rows (a semester adds up its months), sorted for display. */
export function summaryRows(rows: MonthTotals[], period: SummaryFilters['period']): FeedbackSummaryRow[] {
  const acc = new Map<string, FeedbackSummaryRow & { sum: number }>();
  for (const r of rows) {
    const p = periodOf(String(r.ym), period);
    const key = `${r.recipientUserId}|${p.start}`;
    const cur = acc.get(key) ?? {
      mentorId: r.recipientUserId,
      mentorName: fullName(r.firstName, r.lastName),
      periodStart: p.start,
      label: p.label,
      count: 0,
      average: 0,
      sum: 0,
    };
    cur.count += Number(r.n);
    cur.sum += Number(r.total);
    acc.set(key, cur);
  }
  return [...acc.values()]
    .map(({ sum, ...row }) => ({ ...row, average: Math.round((sum / row.count) * 100) / 100 }))
    .sort(
      (a, b) =>
        a.periodStart.localeCompare(b.periodStart) ||
        a.mentorName.localeCompare(b.mentorName) ||
        a.mentorId.localeCompare(b.mentorId),
    );
}
