import { sql } from 'kysely';
import type { z } from 'zod';
import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import { ALERT_SEVERITIES, RISK_LEVELS } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import {
  allAssignmentsMatch,
  CURRENT_LINK,
  scopeAssignments,
  scopeDepartments,
  scopeInstitutions,
  scopeSessions,
  scopeUserRef,
  scopeUsers,
  TRUE,
} from '../scope/index.ts';
import { scopedSessionCounts, sessionTotal } from '../sessions/session-counts.ts';
import { countAll, fullName, monthRange, tally } from './common.ts';

// The overview an admin sees first: everything counted through the scope predicates, so a
// department admin's numbers are its department's and a dean's its institution's. Sync health:
// on central (MySQL) the laptops that sync (sync_clients); on a laptop (SQLite) its own outbox.

type Out = z.input<(typeof dashboardsContract)['dashboards:admin']['output']>;

const STALE_MS = 7 * 86_400_000;
const num = (r: { n: number | string | bigint } | undefined): number => Number(r?.n ?? 0);

interface PeopleFigures {
  mentors: number;
  students: number;
  invitedUsers: number;
  disabledUsers: number;
  unassignedStudents: number;
  risk: Out['risk'];
}

/**
 * Everyone in the actor's user scope in one pass (role, status, a student's risk level and
 * whether it has a current mentor), grouped. One walk over the users instead of one per figure.
 * For admins scopeStudents is "the student's user is in scopeUsers", so the figures agree with the
 * students screens.
 */
async function people(ctx: AuthedContext): Promise<PeopleFigures> {
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.roleId')
    .leftJoin('student_profiles as sp', 'sp.userId', 'u.id')
    .select(({ exists, selectFrom }) => [
      'r.name',
      'u.status',
      'sp.riskLevel',
      exists(
        selectFrom('mentor_assignments as c')
          .select('c.id')
          .whereRef('c.studentId', '=', 'u.id')
          .where('c.status', 'in', CURRENT_LINK),
      ).as('linked'),
      countAll.as('n'),
    ])
    .where(scopeUsers(ctx.actor, 'u'))
    .groupBy(['r.name', 'u.status', 'sp.riskLevel', 'linked'])
    .execute();
  const sum = (pred: (r: (typeof rows)[number]) => boolean): number =>
    rows.filter(pred).reduce((t, r) => t + Number(r.n), 0);
  const student = (r: (typeof rows)[number]): boolean => r.name === 'STUDENT' && r.status !== 'DISABLED';
  return {
    mentors: sum((r) => r.name === 'MENTOR' && r.status !== 'DISABLED'),
    students: sum(student),
    invitedUsers: sum((r) => r.status === 'INVITED'),
    disabledUsers: sum((r) => r.status === 'DISABLED'),
    unassignedStudents: sum((r) => r.name === 'STUDENT' && r.status === 'ACTIVE' && !Number(r.linked)),
    risk: tally(
      RISK_LEVELS,
      rows.filter(student).map((r) => ({ k: r.riskLevel, n: r.n })),
    ),
  };
}

async function counts(ctx: AuthedContext, people: PeopleFigures): Promise<Out['counts']> {
  const db = ctx.db;
  const a = ctx.actor;
  const month = monthRange(ctx.now);
  const institutions = await db
    .selectFrom('institutions as i')
    .select(countAll.as('n'))
    .where(scopeInstitutions(a, 'i'))
    .executeTakeFirst();
  const departments = await db
    .selectFrom('departments as d')
    .select(countAll.as('n'))
    .where(scopeDepartments(a, 'd'))
    .executeTakeFirst();
  const active = await db
    .selectFrom('mentor_assignments as ma')
    .select(countAll.as('n'))
    .where('ma.status', '=', 'ACTIVE')
    .where(scopeAssignments(a, 'ma'))
    .executeTakeFirst();
  // An office on SQLite sums its departments' keys of local_session_counts instead of seeking each
  // assignment's sessions; whether the scope covers every assignment is asked only otherwise.
  const byDepartment = scopedSessionCounts(db, a);
  const whole = !byDepartment && (await allAssignmentsMatch(db, scopeAssignments(a, 'a')));
  const sessions = byDepartment
    ? await byDepartment
        .select(sessionTotal.as('n'))
        .where('sc.status', '=', 'COMPLETED')
        .where('sc.sessionDate', '>=', month.from)
        .where('sc.sessionDate', '<', month.to)
        .executeTakeFirst()
    : await db
        .selectFrom('session_records as s')
        .select(countAll.as('n'))
        .where('s.status', '=', 'COMPLETED')
        .where('s.sessionDate', '>=', month.from)
        .where('s.sessionDate', '<', month.to)
        .where(whole ? TRUE : scopeSessions(a, 's'))
        .executeTakeFirst();
  return {
    institutions: num(institutions),
    departments: num(departments),
    mentors: people.mentors,
    students: people.students,
    invitedUsers: people.invitedUsers,
    disabledUsers: people.disabledUsers,
    unassignedStudents: people.unassignedStudents,
    activeAssignments: num(active),
    sessionsThisMonth: num(sessions),
  };
}

async function centralSync(ctx: AuthedContext): Promise<Out['sync']> {
  const head = await ctx.db.selectFrom('sync_counter').select('v').where('id', '=', 1).executeTakeFirst();
  const rows = await ctx.db
    .selectFrom('sync_clients as c')
    .leftJoin('user_profiles as p', 'p.userId', 'c.userId')
    .select([
      'c.clientId',
      'c.userId',
      'c.appVersion',
      'c.lastPushAt',
      'c.lastPullAt',
      'c.cursor',
      'p.firstName',
      'p.lastName',
    ])
    .where(scopeUserRef(ctx.actor, sql.ref('c.userId')))
    .orderBy('c.lastPullAt')
    .orderBy('c.clientId')
    .execute();
  const v = Number(head?.v ?? 0);
  const cutoff = new Date(Date.parse(ctx.now) - STALE_MS).toISOString();
  return {
    side: 'central',
    head: v,
    clients: rows.map((r) => ({
      clientId: r.clientId,
      userId: r.userId,
      userName: fullName(r.firstName, r.lastName),
      appVersion: r.appVersion,
      lastPushAt: r.lastPushAt,
      lastPullAt: r.lastPullAt,
      behind: Math.max(0, v - Number(r.cursor)),
    })),
    stale: rows.filter((r) => r.lastPullAt === null || r.lastPullAt < cutoff).length,
  };
}

async function localSync(ctx: AuthedContext): Promise<Out['sync']> {
  const state = await ctx.db
    .selectFrom('sync_state')
    .select(['key', 'value'])
    .where('key', 'in', ['mode', 'lastSuccessAt', 'lastAttemptAt', 'lastError'])
    .execute();
  const get = (k: string): string | null => state.find((s) => s.key === k)?.value ?? null;
  const outbox = await ctx.db
    .selectFrom('sync_outbox')
    .select(['status as k', countAll.as('n'), (eb) => eb.fn.min('clientTime').as('oldest')])
    .where('status', 'in', ['PENDING', 'REJECTED', 'CONFLICT'])
    .groupBy('status')
    .execute();
  const t = tally(['PENDING', 'REJECTED', 'CONFLICT'] as const, outbox);
  return {
    side: 'local',
    mode: get('mode') ?? 'standalone',
    lastSuccessAt: get('lastSuccessAt'),
    lastAttemptAt: get('lastAttemptAt'),
    lastError: get('lastError'),
    outbox: { pending: t.PENDING, rejected: t.REJECTED, conflict: t.CONFLICT },
    oldestPendingAt: (outbox.find((o) => o.k === 'PENDING')?.oldest as string | null | undefined) ?? null,
  };
}

export async function adminDashboard(ctx: AuthedContext): Promise<Out> {
  // scopeAlerts for an admin is "the student's user is in scopeUsers"; joined, SQLite reads the
  // few hundred open alerts and checks each student, instead of probing alerts per user in scope.
  const alerts = await ctx.db
    .selectFrom('alerts as al')
    .innerJoin('users as u', 'u.id', 'al.studentId')
    .select(['al.severity as k', countAll.as('n')])
    .where('al.status', '=', 'OPEN')
    .where(scopeUsers(ctx.actor, 'u'))
    .groupBy('al.severity')
    .execute();
  const figures = await people(ctx);
  return {
    asOf: ctx.now,
    counts: await counts(ctx, figures),
    openAlerts: tally(ALERT_SEVERITIES, alerts),
    risk: figures.risk,
    sync: ctx.dialect === 'mysql' ? await centralSync(ctx) : await localSync(ctx),
  };
}
