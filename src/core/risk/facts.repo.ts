import { sql, type Kysely } from 'kysely';
import type { RiskLevel } from '../../shared/domain/enums.ts';
import type { Database } from '../db/schema.ts';
import type { StudentFacts } from './rules.ts';

// What the rules need about a batch of students, in a fixed number of grouped queries per batch
// (never one query per student): a department run over 600 students stays a handful of queries.

const BATCH = 400;

export function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Midnight UTC of the call's day: a goal due today is not overdue until tomorrow. */
export const startOfDay = (now: string): string => `${now.slice(0, 10)}T00:00:00.000Z`;

async function profiles(db: Kysely<Database>, ids: string[]) {
  return db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select(['sp.userId', 'sp.gpa', 'sp.attendancePct', 'sp.riskLevel', 'u.departmentId'])
    .where('sp.userId', 'in', ids)
    .execute();
}

interface SessionMarks {
  lastContact: Map<string, string>;
  streaks: Map<string, number>;
}

/**
 * The last attended session and the run of absences since it, per student, from completed
 * sessions up to now of every assignment the student ever had (history counts). The query is
 * driven by the students' assignments and filtered here: with `status = 'COMPLETED'` in SQL,
 * SQLite drives from INDEX(status, sessionDate) and reads every completed session of the
 * database for each evaluation (measured: seconds for a department run, tens of ms per write).
 */
async function sessionMarks(db: Kysely<Database>, ids: string[], now: string): Promise<SessionMarks> {
  const rows = await db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .select(['a.studentId', 's.sessionDate', 's.status', 's.attendance'])
    .where('a.studentId', 'in', ids)
    .execute();
  const held = rows.filter((r) => r.status === 'COMPLETED' && r.sessionDate <= now);
  const lastContact = new Map<string, string>();
  for (const r of held) {
    if (r.attendance !== 'PRESENT') continue;
    const seen = lastContact.get(r.studentId);
    if (seen === undefined || r.sessionDate > seen) lastContact.set(r.studentId, r.sessionDate);
  }
  const streaks = new Map<string, number>();
  for (const r of held) {
    if (r.attendance !== 'ABSENT') continue;
    const present = lastContact.get(r.studentId);
    if (present !== undefined && r.sessionDate <= present) continue;
    streaks.set(r.studentId, (streaks.get(r.studentId) ?? 0) + 1);
  }
  return { lastContact, streaks };
}

async function activeSince(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('mentor_assignments')
    .select(['studentId', (eb) => eb.fn.min('assignedAt').as('since')])
    .where('studentId', 'in', ids)
    .where('status', '=', 'ACTIVE')
    .groupBy('studentId')
    .execute();
  return new Map(rows.filter((r) => r.since !== null).map((r) => [r.studentId, String(r.since)]));
}

async function goalCounts(db: Kysely<Database>, ids: string[], now: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('goals')
    .select(['studentId', sql<number | string>`count(*)`.as('n')])
    .where('studentId', 'in', ids)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'AT_RISK'),
        eb.and([eb('status', '!=', 'COMPLETED'), eb('targetDate', '<', startOfDay(now))]),
      ]),
    )
    .groupBy('studentId')
    .execute();
  return new Map(rows.map((r) => [r.studentId, Number(r.n)]));
}

/**
 * The facts loadFacts would read for a student the caller created in its own transaction, without
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

/** Facts for the given students (ids without a student profile are left out). */
export async function loadFacts(
  db: Kysely<Database>,
  studentIds: readonly string[],
  now: string,
): Promise<StudentFacts[]> {
  const out: StudentFacts[] = [];
  for (const ids of chunks([...new Set(studentIds)])) {
    const people = await profiles(db, ids);
    if (people.length === 0) continue;
    const { lastContact: last, streaks } = await sessionMarks(db, ids, now);
    const since = await activeSince(db, ids);
    const goals = await goalCounts(db, ids, now);
    for (const p of people) {
      out.push({
        studentId: p.userId,
        departmentId: p.departmentId,
        gpa: p.gpa === null ? null : Number(p.gpa),
        attendancePct: p.attendancePct === null ? null : Number(p.attendancePct),
        riskLevel: p.riskLevel as RiskLevel,
        consecutiveAbsences: streaks.get(p.userId) ?? 0,
        lastContactAt: last.get(p.userId) ?? null,
        activeSince: since.get(p.userId) ?? null,
        goalsAtRiskOrOverdue: goals.get(p.userId) ?? 0,
      });
    }
  }
  return out;
}
