import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import { ALERT_SEVERITIES, RISK_LEVELS, type AvailabilityStatus } from '../../shared/domain/enums.ts';
import type { Database } from '../db/schema.ts';
import { allAssignmentsMatch, CURRENT_LINK, col, eq, hasRole } from '../scope/index.ts';
import { departmentSessionCounts, keepsSessionCounts, sessionTotal } from '../sessions/session-counts.ts';
import { countAll, fullName, monthRange, tally, type MonthRange } from './common.ts';

// The department office's dashboard. The caller has checked the department is in the actor's
// scope (scopeDepartments); every query here is then restricted to that one department, by the
// assignment's departmentId for mentoring rows and the account's departmentId for people.

type Out = z.input<(typeof dashboardsContract)['dashboards:department']['output']>;
type SessionMonth = Out['sessions']['thisMonth'];

/**
 * Mentors of the department (by account, or by a current assignment in it) with their current
 * load. Loads come from one grouped pass over the department's assignments, not a correlated
 * count per mentor (which SQLite, lacking statistics, drove from INDEX(departmentId): 40 ms).
 */
async function mentorLoads(db: Kysely<Database>, dept: string): Promise<Out['mentors']> {
  const loads = await db
    .selectFrom('mentor_assignments as la')
    .select(['la.mentorId', 'la.status', countAll.as('n')])
    .where('la.departmentId', '=', dept)
    .where('la.status', 'in', CURRENT_LINK)
    .groupBy(['la.mentorId', 'la.status'])
    .execute();
  const load = (id: string, status: string): number =>
    Number(loads.find((l) => l.mentorId === id && l.status === status)?.n ?? 0);
  const linked = [...new Set(loads.map((l) => l.mentorId))];
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .select(['u.id', 'p.firstName', 'p.lastName', 'mp.maxMentees', 'mp.availabilityStatus'])
    .where(hasRole('u', 'MENTOR'))
    .where((eb) =>
      linked.length > 0
        ? eb.or([eb('u.departmentId', '=', dept), eb('u.id', 'in', linked)])
        : eb('u.departmentId', '=', dept),
    )
    .orderBy(sql`lower(${sql.ref('p.lastName')})`)
    .orderBy(sql`lower(${sql.ref('p.firstName')})`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    active: load(r.id, 'ACTIVE'),
    paused: load(r.id, 'PAUSED'),
    maxMentees: r.maxMentees,
    availabilityStatus: r.availabilityStatus as AvailabilityStatus,
  }));
}

const SESSION_STATUSES_COUNTED = ['COMPLETED', 'SCHEDULED', 'CANCELLED'] as const;
/** What count() and sum() hand back: a number on SQLite, a string on MySQL; sum() is null over no rows. */
type Sum = number | string | null;

/** Ids of the department's assignments (mentor_assignments.id is unique: same rows as a join). */
const departmentAssignmentIds = (db: Kysely<Database>, dept: string) =>
  db.selectFrom('mentor_assignments as a').select('a.id').where('a.departmentId', '=', dept);

/**
 * Sessions per status in this and last calendar month. On SQLite, a grouped sum over
 * local_session_counts, whose key puts the department first (a short range per status, whatever
 * else the file holds). On MySQL, when every assignment is the department's (allAssignmentsMatch),
 * a grouped count over INDEX(status, sessionDate) with no department filter (the index's own order,
 * so no sort); otherwise the count starts from the department's assignments and reads
 * INDEX(assignmentId, status, sessionDate) alone (migration 0010), one row of conditional sums,
 * because grouping by status (or joining the assignment) made the planner prefer INDEX(status,
 * sessionDate) for its order and read every department's sessions of those months. Every way, the
 * month split is a conditional sum: grouping by a computed month column made SQLite sort 15,000
 * index entries (16 ms).
 */
async function sessionMonths(
  db: Kysely<Database>,
  dept: string,
  whole: boolean,
  now: string,
): Promise<Out['sessions']> {
  const current = monthRange(now, 0);
  const previous = monthRange(now, -1);
  const inMonths = db
    .selectFrom('session_records as s')
    .where('s.status', 'in', SESSION_STATUSES_COUNTED)
    .where('s.sessionDate', '>=', previous.from)
    .where('s.sessionDate', '<', current.to);
  let rows: { status: string; n: Sum; current: Sum }[];
  if (whole) {
    rows = await inMonths
      .select((eb) => [
        's.status',
        countAll.as('n'),
        eb.fn
          .sum<Sum>(eb.case().when('s.sessionDate', '>=', current.from).then(1).else(0).end())
          .as('current'),
      ])
      .groupBy('s.status')
      .execute();
  } else if (keepsSessionCounts(db)) {
    rows = await departmentSessionCounts(db, dept)
      .where('sc.status', 'in', SESSION_STATUSES_COUNTED)
      .where('sc.sessionDate', '>=', previous.from)
      .where('sc.sessionDate', '<', current.to)
      .select((eb) => [
        'sc.status',
        sessionTotal.as('n'),
        eb.fn
          .sum<Sum>(eb.case().when('sc.sessionDate', '>=', current.from).then(eb.ref('sc.n')).else(0).end())
          .as('current'),
      ])
      .groupBy('sc.status')
      .execute();
  } else {
    const sums = await inMonths
      .select((eb) =>
        SESSION_STATUSES_COUNTED.flatMap((status) => {
          const is = eb('s.status', '=', status);
          const inCurrent = eb.and([is, eb('s.sessionDate', '>=', current.from)]);
          return [
            eb.fn.sum<Sum>(eb.case().when(is).then(1).else(0).end()).as(`${status}_n`),
            eb.fn.sum<Sum>(eb.case().when(inCurrent).then(1).else(0).end()).as(`${status}_current`),
          ];
        }),
      )
      .where('s.assignmentId', 'in', departmentAssignmentIds(db, dept))
      .executeTakeFirst();
    const get = (key: string): Sum => (sums as Record<string, Sum> | undefined)?.[key] ?? null;
    rows = SESSION_STATUSES_COUNTED.map((status) => ({
      status,
      n: get(`${status}_n`),
      current: get(`${status}_current`),
    }));
  }
  const month = (range: MonthRange, key: 'this' | 'last'): SessionMonth => {
    const n = (status: string): number => {
      const r = rows.find((x) => x.status === status);
      const cur = Number(r?.current ?? 0);
      return key === 'this' ? cur : Number(r?.n ?? 0) - cur;
    };
    return {
      month: range.month,
      completed: n('COMPLETED'),
      scheduled: n('SCHEDULED'),
      cancelled: n('CANCELLED'),
    };
  };
  return { thisMonth: month(current, 'this'), lastMonth: month(previous, 'last') };
}

async function alertsAndRisk(db: Kysely<Database>, dept: string): Promise<Pick<Out, 'openAlerts' | 'risk'>> {
  const alerts = await db
    .selectFrom('alerts as al')
    .innerJoin('users as u', 'u.id', 'al.studentId')
    .select(['al.severity as k', countAll.as('n')])
    .where('al.status', '=', 'OPEN')
    .where('u.departmentId', '=', dept)
    .groupBy('al.severity')
    .execute();
  const risk = await db
    .selectFrom('users as u')
    .innerJoin('student_profiles as sp', 'sp.userId', 'u.id')
    .select(['sp.riskLevel as k', countAll.as('n')])
    .where('u.departmentId', '=', dept)
    .where('u.status', '!=', 'DISABLED')
    .groupBy('sp.riskLevel')
    .execute();
  return { openAlerts: tally(ALERT_SEVERITIES, alerts), risk: tally(RISK_LEVELS, risk) };
}

async function pending(
  db: Kysely<Database>,
  dept: string,
  whole: boolean,
  now: string,
): Promise<Out['pendingSessions']> {
  const overdue = db
    .selectFrom('session_records as s')
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '<', now);
  // SQLite sums the department's key range of local_session_counts; MySQL starts from the
  // department's assignments (INDEX(assignmentId, status, sessionDate)): as a join the planner read
  // every department's overdue sessions by INDEX(status, sessionDate).
  const total = whole
    ? await overdue.select(countAll.as('n')).executeTakeFirst()
    : keepsSessionCounts(db)
      ? await departmentSessionCounts(db, dept)
          .where('sc.status', '=', 'SCHEDULED')
          .where('sc.sessionDate', '<', now)
          .select(sessionTotal.as('n'))
          .executeTakeFirst()
      : await overdue
          .where('s.assignmentId', 'in', departmentAssignmentIds(db, dept))
          .select(countAll.as('n'))
          .executeTakeFirst();
  const rows = await overdue
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .select([
      's.id',
      's.sessionDate',
      's.topic',
      'a.mentorId',
      'a.studentId',
      'mp.firstName as mf',
      'mp.lastName as ml',
      'sp.firstName as sf',
      'sp.lastName as sl',
    ])
    .where('a.departmentId', '=', dept)
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .limit(20)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    rows: rows.map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      topic: r.topic,
      mentor: { id: r.mentorId, name: fullName(r.mf, r.ml) },
      student: { id: r.studentId, name: fullName(r.sf, r.sl) },
    })),
  };
}

export async function departmentDashboard(
  db: Kysely<Database>,
  dept: { id: string; name: string },
  now: string,
): Promise<Out> {
  // SQLite counts from local_session_counts whatever the file holds; the check is MySQL's only.
  const whole =
    !keepsSessionCounts(db) && (await allAssignmentsMatch(db, eq(col('a', 'departmentId'), dept.id)));
  return {
    asOf: now,
    department: dept,
    mentors: await mentorLoads(db, dept.id),
    sessions: await sessionMonths(db, dept.id, whole, now),
    ...(await alertsAndRisk(db, dept.id)),
    pendingSessions: await pending(db, dept.id, whole, now),
  };
}
