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

/** Completed sessions up to now, of every assignment the student ever had (history counts). */
const completed = (db: Kysely<Database>, ids: string[], now: string) =>
  db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where('a.studentId', 'in', ids)
    .where('s.status', '=', 'COMPLETED')
    .where('s.sessionDate', '<=', now);

async function lastContacts(db: Kysely<Database>, ids: string[], now: string): Promise<Map<string, string>> {
  const rows = await completed(db, ids, now)
    .where('s.attendance', '=', 'PRESENT')
    .select(['a.studentId', (eb) => eb.fn.max('s.sessionDate').as('last')])
    .groupBy('a.studentId')
    .execute();
  return new Map(rows.filter((r) => r.last !== null).map((r) => [r.studentId, String(r.last)]));
}

async function absenceStreaks(
  db: Kysely<Database>,
  ids: string[],
  now: string,
  last: Map<string, string>,
): Promise<Map<string, number>> {
  const rows = await completed(db, ids, now)
    .where('s.attendance', '=', 'ABSENT')
    .select(['a.studentId', 's.sessionDate'])
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    const present = last.get(r.studentId);
    if (present !== undefined && r.sessionDate <= present) continue;
    out.set(r.studentId, (out.get(r.studentId) ?? 0) + 1);
  }
  return out;
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
    const last = await lastContacts(db, ids, now);
    const streaks = await absenceStreaks(db, ids, now, last);
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
