import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import { ALERT_SEVERITIES, RISK_LEVELS, type AvailabilityStatus } from '../../shared/domain/enums.ts';
import type { Database } from '../db/schema.ts';
import { CURRENT_LINK, hasRole } from '../scope/index.ts';
import { countAll, fullName, monthRange, tally, type MonthRange } from './common.ts';

// The department office's dashboard. The caller has checked the department is in the actor's
// scope (scopeDepartments); every query here is then restricted to that one department, by the
// assignment's departmentId for mentoring rows and the account's departmentId for people.

type Out = z.input<(typeof dashboardsContract)['dashboards:department']['output']>;
type SessionMonth = Out['sessions']['thisMonth'];

async function mentorLoads(db: Kysely<Database>, dept: string): Promise<Out['mentors']> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .select(['u.id', 'p.firstName', 'p.lastName', 'mp.maxMentees', 'mp.availabilityStatus'])
    .select((eb) => {
      const load = (status: 'ACTIVE' | 'PAUSED') =>
        eb
          .selectFrom('mentor_assignments as la')
          .select(countAll.as('n'))
          .whereRef('la.mentorId', '=', 'u.id')
          .where('la.status', '=', status)
          .where('la.departmentId', '=', dept);
      return [load('ACTIVE').as('active'), load('PAUSED').as('paused')];
    })
    .where(hasRole('u', 'MENTOR'))
    .where((eb) =>
      eb.or([
        eb('u.departmentId', '=', dept),
        eb(
          'u.id',
          'in',
          eb
            .selectFrom('mentor_assignments as da')
            .select('da.mentorId')
            .where('da.departmentId', '=', dept)
            .where('da.status', 'in', CURRENT_LINK),
        ),
      ]),
    )
    .orderBy(sql`lower(${sql.ref('p.lastName')})`)
    .orderBy(sql`lower(${sql.ref('p.firstName')})`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    active: Number(r.active),
    paused: Number(r.paused),
    maxMentees: r.maxMentees,
    availabilityStatus: r.availabilityStatus as AvailabilityStatus,
  }));
}

async function sessionMonths(db: Kysely<Database>, dept: string, now: string): Promise<Out['sessions']> {
  const current = monthRange(now, 0);
  const previous = monthRange(now, -1);
  const rows = await db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select(['s.status', 's.attendance', countAll.as('n')])
    .select(
      sql<string>`case when ${sql.ref('s.sessionDate')} >= ${current.from} then 'this' else 'last' end`.as(
        'm',
      ),
    )
    .where('a.departmentId', '=', dept)
    .where('s.sessionDate', '>=', previous.from)
    .where('s.sessionDate', '<', current.to)
    .groupBy(['m', 's.status', 's.attendance'])
    .execute();
  const month = (range: MonthRange, key: string): SessionMonth => {
    const mine = rows.filter((r) => r.m === key);
    const sum = (pred: (r: (typeof rows)[number]) => boolean): number =>
      mine.filter(pred).reduce((t, r) => t + Number(r.n), 0);
    return {
      month: range.month,
      completed: sum((r) => r.status === 'COMPLETED'),
      scheduled: sum((r) => r.status === 'SCHEDULED'),
      cancelled: sum((r) => r.status === 'CANCELLED'),
      absent: sum((r) => r.status === 'COMPLETED' && r.attendance === 'ABSENT'),
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

async function pending(db: Kysely<Database>, dept: string, now: string): Promise<Out['pendingSessions']> {
  const base = db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where('s.status', '=', 'SCHEDULED')
    .where('s.sessionDate', '<', now)
    .where('a.departmentId', '=', dept);
  const total = await base.select(countAll.as('n')).executeTakeFirst();
  const rows = await base
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
  return {
    asOf: now,
    department: dept,
    mentors: await mentorLoads(db, dept.id),
    sessions: await sessionMonths(db, dept.id, now),
    ...(await alertsAndRisk(db, dept.id)),
    pendingSessions: await pending(db, dept.id, now),
  };
}
