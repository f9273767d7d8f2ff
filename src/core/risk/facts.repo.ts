import { sql, type Kysely } from 'kysely';
import type { RiskThresholds } from '../../shared/contract/risk.contract.ts';
import type { RiskLevel } from '../../shared/domain/enums.ts';
import { alertRow, engineAlertsFilter, type AlertRow } from '../alerts/alerts.repo.ts';
import type { Database } from '../db/schema.ts';
import { parseThresholds } from '../settings/settings.repo.ts';
import { careDb } from '../settings/settings.tables.ts';
import { ENGINE_CATEGORIES, type StudentFacts } from './rules.ts';

// What the rules need about a batch of students, in one query per batch (never one query per
// student): a department run over 2,000 students reads its facts, thresholds and alerts in five
// statements, and the sync push's risk pass for one student in one.

const BATCH = 400;

export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Midnight UTC of the call's day: a goal due today is not overdue until tomorrow. */
export const startOfDay = (now: string): string => `${now.slice(0, 10)}T00:00:00.000Z`;

/**
 * One row per student with everything the rules read, in one statement per batch: the profile, the
 * department and its stored thresholds (left joins), and the rest as correlated scalar subqueries,
 * each an index range for that one student. This used to be six statements (profiles, sessions,
 * active-since, goal counts, then the departments' thresholds), and the sync push runs it once per
 * replayed mentor round: with 200 laptops on one MariaDB, the statements are what the round costs.
 *
 * Sessions: the latest attended COMPLETED session up to now, and the ABSENT COMPLETED ones up to
 * now with no attended one at or after them (= the absences since the last contact, all of them
 * if none was attended). Both start from the student's assignments (every one it ever had: history
 * counts) and read session_records through INDEX(assignmentId, status, sessionDate) (migration
 * 0010), so the cost follows the student's own sessions; checked with EXPLAIN on both engines. The
 * CROSS JOINs keep that order on SQLite, whose planner otherwise drives from INDEX(status,
 * sessionDate) and reads every completed session of the database (MySQL treats them as inner
 * joins). The last contact is each assignment's newest attended session, found walking its index
 * backwards (`order by … desc limit 1`, one or two rows read): as max() over all of a student's
 * sessions, each one's row was read for its attendance, which the index does not hold, and a
 * department run on MariaDB came out slower than the grouped reads it replaced.
 */
function factsQuery(db: Kysely<Database>, ids: string[], now: string) {
  return careDb(db)
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .leftJoin('department_settings as ds', 'ds.departmentId', 'u.departmentId')
    .select((eb) => [
      'sp.userId',
      'sp.gpa',
      'sp.attendancePct',
      'sp.riskLevel',
      'u.departmentId',
      'ds.riskThresholds',
      eb
        .selectFrom('mentor_assignments as a')
        .select((e) => e.fn.min('a.assignedAt').as('m'))
        .whereRef('a.studentId', '=', 'sp.userId')
        .where('a.status', '=', 'ACTIVE')
        .as('activeSince'),
      eb
        .selectFrom('goals as g')
        .select(sql<number | string>`count(*)`.as('n'))
        .whereRef('g.studentId', '=', 'sp.userId')
        .where((e) =>
          e.or([
            e('g.status', '=', 'AT_RISK'),
            e.and([e('g.status', '!=', 'COMPLETED'), e('g.targetDate', '<', startOfDay(now))]),
          ]),
        )
        .as('goals'),
      eb
        .selectFrom('mentor_assignments as pa')
        .select((e) =>
          sql<string | null>`max(${e
            .selectFrom('session_records as ps')
            .select('ps.sessionDate')
            .whereRef('ps.assignmentId', '=', 'pa.id')
            .where('ps.status', '=', 'COMPLETED')
            .where('ps.sessionDate', '<=', now)
            .where('ps.attendance', '=', 'PRESENT')
            .orderBy('ps.sessionDate', 'desc')
            .limit(1)})`.as('m'),
        )
        .whereRef('pa.studentId', '=', 'sp.userId')
        .as('lastContact'),
      eb
        .selectFrom('mentor_assignments as xa')
        .crossJoin('session_records as xs')
        .whereRef('xs.assignmentId', '=', 'xa.id')
        .select(sql<number | string>`count(*)`.as('n'))
        .whereRef('xa.studentId', '=', 'sp.userId')
        .where('xs.status', '=', 'COMPLETED')
        .where('xs.attendance', '=', 'ABSENT')
        .where('xs.sessionDate', '<=', now)
        .where((e) =>
          e.not(
            e.exists(
              e
                .selectFrom('mentor_assignments as la')
                .crossJoin('session_records as ls')
                .whereRef('ls.assignmentId', '=', 'la.id')
                .select(sql`1`.as('one'))
                .whereRef('la.studentId', '=', 'sp.userId')
                .where('ls.status', '=', 'COMPLETED')
                .where('ls.attendance', '=', 'PRESENT')
                .where('ls.sessionDate', '<=', now)
                .whereRef('ls.sessionDate', '>=', 'xs.sessionDate'),
            ),
          ),
        )
        .as('absences'),
    ])
    .where('sp.userId', 'in', ids);
}

/**
 * The facts loadEvaluation would read for a student the caller created in its own transaction, without
 * reading them: the academics just written (DECIMAL(4,2) / (5,2) hold the 2-decimal values the
 * writers store as they are), the column's default risk level, no sessions or goals yet, and
 * active since `assignedAt` when the same transaction gave the student an ACTIVE assignment. A
 * roster import of 10,000 students would otherwise read back every row it has just inserted.
 */
export function newStudentFacts(s: {
  studentId: string;
  departmentId: string | null;
  gpa: number | null;
  attendancePct: number | null;
  assignedAt: string | null;
}): StudentFacts {
  return {
    studentId: s.studentId,
    departmentId: s.departmentId,
    gpa: s.gpa,
    attendancePct: s.attendancePct,
    riskLevel: 'LOW',
    consecutiveAbsences: 0,
    lastContactAt: null,
    activeSince: s.assignedAt,
    goalsAtRiskOrOverdue: 0,
  };
}

/** What one evaluation reads: the students' facts, their departments' thresholds, their alerts. */
export interface LoadedFacts {
  facts: StudentFacts[];
  /** Stored thresholds by department, for every department of `facts` (defaults if none stored). */
  thresholds: Map<string, RiskThresholds>;
  /** The students' alerts the engine manages (engineAlertsFilter, ENGINE_CATEGORIES), newest first. */
  alerts: AlertRow[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type FactsRow = Awaited<ReturnType<ReturnType<typeof factsQuery>['execute']>>[number];

function toFacts(r: FactsRow, thresholds: Map<string, RiskThresholds>): StudentFacts {
  if (r.departmentId !== null && !thresholds.has(r.departmentId))
    thresholds.set(r.departmentId, parseThresholds(r.riskThresholds));
  return {
    studentId: r.userId,
    departmentId: r.departmentId,
    gpa: r.gpa === null ? null : Number(r.gpa),
    attendancePct: r.attendancePct === null ? null : Number(r.attendancePct),
    riskLevel: r.riskLevel as RiskLevel,
    consecutiveAbsences: Number(r.absences ?? 0),
    lastContactAt: r.lastContact === null ? null : String(r.lastContact),
    activeSince: r.activeSince === null ? null : String(r.activeSince),
    goalsAtRiskOrOverdue: Number(r.goals ?? 0),
  };
}

/**
 * Facts and thresholds for the given students (ids without a student profile are left out), and
 * the engine's alerts of these students (ENGINE_CATEGORIES) in the same statement: a left join (one
 * row per alert, the facts repeated; most students have none or one), newest first. Read in a
 * statement of their own, the alerts were one more round trip of every sync push's risk pass;
 * measured on MariaDB (one-student pass, interleaved): median 3.48 ms → 3.22 ms. There is no
 * variant without the alerts: a caller that wants only facts reads them here too, so tests of the
 * facts exercise the statement the engine runs.
 */
export async function loadEvaluation(
  db: Kysely<Database>,
  studentIds: readonly string[],
  now: string,
): Promise<LoadedFacts> {
  const facts: StudentFacts[] = [];
  const thresholds = new Map<string, RiskThresholds>();
  const alerts: AlertRow[] = [];
  for (const ids of chunks([...new Set(studentIds)])) {
    const rows = await factsQuery(db, ids, now)
      .leftJoin('alerts as al', (j) =>
        j.onRef('al.studentId', '=', 'sp.userId').on((eb) => engineAlertsFilter(eb, 'al', ENGINE_CATEGORIES)),
      )
      .select([
        'al.id as alertId',
        'al.severity as alertSeverity',
        'al.category as alertCategory',
        'al.message as alertMessage',
        'al.sourceRef as alertSourceRef',
        'al.status as alertStatus',
        'al.createdAt as alertCreatedAt',
        'al.closedAt as alertClosedAt',
        'al.closedById as alertClosedById',
      ])
      .execute();
    const seen = new Set<string>();
    for (const r of rows) {
      if (!seen.has(r.userId)) {
        seen.add(r.userId);
        facts.push(toFacts(r, thresholds));
      }
      if (r.alertId === null) continue;
      alerts.push(
        alertRow({
          id: r.alertId,
          studentId: r.userId,
          severity: r.alertSeverity!,
          category: r.alertCategory!,
          message: r.alertMessage!,
          sourceRef: r.alertSourceRef,
          status: r.alertStatus!,
          createdAt: r.alertCreatedAt!,
          closedAt: r.alertClosedAt,
          closedById: r.alertClosedById,
        }),
      );
    }
  }
  // Newest first, as engineAlerts ordered them in SQL: sorted here, since an ORDER BY over the
  // joined rows costs MariaDB a temporary table and a filesort on every evaluation. ISO timestamps
  // and uuidv7 ids (lowercase hex at fixed places) sort the same as strings as in either database.
  alerts.sort((a, b) => compare(b.createdAt, a.createdAt) || compare(b.id, a.id));
  return { facts, thresholds, alerts };
}
