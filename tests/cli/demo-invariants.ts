import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/core/db/connect.ts';

// Rules the application enforces on its own writes; demo data must already obey them. Each check
// counts violating rows, so a passing run reports 0 everywhere and a failure names the rule.

const count = async (db: Db, query: ReturnType<typeof sql>): Promise<number> => {
  const { rows } = await query.execute(db.kysely);
  return Number((rows[0] as { n: number | string }).n);
};

const SQL_CHECKS: Record<string, ReturnType<typeof sql>> = {
  userWithoutProfile: sql`select count(*) as n from users u left join user_profiles p on p.userId = u.id where p.userId is null`,
  userNotActive: sql`select count(*) as n from users where status <> 'ACTIVE'`,
  twoActiveAssignmentsInDepartment: sql`select count(*) as n from (select studentId, departmentId from mentor_assignments
      where status = 'ACTIVE' group by studentId, departmentId having count(*) > 1) x`,
  mentorOverMaxMentees: sql`select count(*) as n from mentor_profiles mp where mp.maxMentees <
      (select count(*) from mentor_assignments a where a.mentorId = mp.userId and a.status = 'ACTIVE')`,
  assignmentAcrossDepartments: sql`select count(*) as n from mentor_assignments a
      join users m on m.id = a.mentorId join roles mr on mr.id = m.roleId
      join users s on s.id = a.studentId join roles sr on sr.id = s.roleId
      where m.departmentId <> a.departmentId or s.departmentId <> a.departmentId
         or mr.name <> 'MENTOR' or sr.name <> 'STUDENT'`,
  endedWithoutEndedAt: sql`select count(*) as n from mentor_assignments where status = 'ENDED' and endedAt is null`,
  notEndedWithEndedAt: sql`select count(*) as n from mentor_assignments where status <> 'ENDED' and endedAt is not null`,
  sessionNotByMentor: sql`select count(*) as n from session_records s join mentor_assignments a on a.id = s.assignmentId
      where s.createdById <> a.mentorId`,
  sessionOutsideAssignment: sql`select count(*) as n from session_records s join mentor_assignments a on a.id = s.assignmentId
      where s.sessionDate < a.assignedAt or (a.endedAt is not null and s.sessionDate > a.endedAt)`,
  feedbackWrongParties: sql`select count(*) as n from session_feedback f join session_records s on s.id = f.sessionId
      join mentor_assignments a on a.id = s.assignmentId
      where not ((f.type = 'MENTOR_TO_STUDENT' and f.giverUserId = a.mentorId and f.recipientUserId = a.studentId)
              or (f.type = 'STUDENT_TO_MENTOR' and f.giverUserId = a.studentId and f.recipientUserId = a.mentorId))`,
  feedbackOnSessionNotHeld: sql`select count(*) as n from session_feedback f join session_records s on s.id = f.sessionId
      where s.status <> 'COMPLETED' or s.attendance <> 'PRESENT'`,
  goalNotItsLatestUpdate: sql`select count(*) as n from goals g join goal_updates u on u.goalId = g.id
      where u.createdAt = (select max(u2.createdAt) from goal_updates u2 where u2.goalId = g.id)
        and (u.progressPct <> g.progressPct or u.status <> g.status)`,
  goalUpdatesTiedLatest: sql`select count(*) as n from (select goalId, createdAt from goal_updates
      group by goalId, createdAt having count(*) > 1) x`,
  goalWithoutUpdatesNotFresh: sql`select count(*) as n from goals g
      where not exists (select 1 from goal_updates u where u.goalId = g.id) and (g.status <> 'NOT_STARTED' or g.progressPct <> 0)`,
  alertOpenClosedMismatch: sql`select count(*) as n from alerts
      where (status = 'OPEN' and (closedAt is not null or closedById is not null))
         or (status = 'CLOSED' and (closedAt is null or closedById is null))`,
  departmentWithoutOneHod: sql`select count(*) as n from departments d
      where (select count(*) from users u join roles r on r.id = u.roleId
             where r.name = 'DEPARTMENT_ADMIN' and u.departmentId = d.id) <> 1`,
};

interface StudentRow {
  userId: string;
  rollNumber: string;
  email: string;
  gpa: number;
  attendancePct: number;
  riskLevel: string;
}

interface AlertRow {
  studentId: string;
  category: string;
  status: string;
  sourceRef: string | null;
}

/** Checks easier to state in code: e-mail case, roll numbers, alerts and risk against thresholds. */
async function codeChecks(db: Db): Promise<Record<string, number>> {
  const emails = (await db.kysely.selectFrom('users').select('email').execute()).map((r) => r.email);
  const students = (await db.kysely
    .selectFrom('student_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select(['p.userId', 'p.rollNumber', 'u.email', 'p.gpa', 'p.attendancePct', 'p.riskLevel'])
    .execute()) as StudentRow[];
  const alerts = (await db.kysely
    .selectFrom('alerts')
    .select(['studentId', 'category', 'status', 'sourceRef'])
    .where('status', '=', 'OPEN')
    .where('category', 'in', ['GPA', 'ATTENDANCE'])
    .execute()) as AlertRow[];
  const byStudent = new Map(students.map((s) => [s.userId, s]));
  const openRule = (category: string): Set<string> =>
    new Set(alerts.filter((a) => a.category === category).map((a) => a.studentId));
  const gpaOpen = openRule('GPA');
  const attOpen = openRule('ATTENDANCE');
  const rolls = students.map((s) => s.rollNumber.toUpperCase());
  return {
    emailNotLowerCase: emails.filter((e) => e !== e.toLowerCase()).length,
    emailDuplicate: emails.length - new Set(emails.map((e) => e.toLowerCase())).size,
    rollNumberDuplicate: rolls.length - new Set(rolls).size,
    rollNumberMalformed: students.filter((s) => !/^\d{2}[A-Z]{2,4}\d{4}$/.test(s.rollNumber)).length,
    studentEmailNotRollNumber: students.filter((s) => s.email !== `${s.rollNumber.toLowerCase()}@demo.smms`)
      .length,
    lowGpaWithoutOpenAlert: students.filter((s) => s.gpa < 6 && !gpaOpen.has(s.userId)).length,
    lowAttendanceWithoutOpenAlert: students.filter((s) => s.attendancePct < 75 && !attOpen.has(s.userId))
      .length,
    openAlertNotMatchingStudent: alerts.filter((a) => !alertMatches(a, byStudent.get(a.studentId))).length,
    riskLevelInconsistent: students.filter((s) => s.riskLevel !== expectedRisk(s)).length,
  };
}

function alertMatches(a: AlertRow, s: StudentRow | undefined): boolean {
  if (!s || !a.sourceRef) return false;
  const ref = JSON.parse(a.sourceRef) as { metric: string; threshold: number; value: number };
  const current = a.category === 'GPA' ? s.gpa : s.attendancePct;
  return (
    ref.metric === (a.category === 'GPA' ? 'gpa' : 'attendancePct') &&
    ref.value === current &&
    current < ref.threshold
  );
}

function expectedRisk(s: StudentRow): string {
  if (s.gpa < 5 || s.attendancePct < 65) return 'HIGH';
  if (s.gpa < 6 || s.attendancePct < 75) return 'MEDIUM';
  return 'LOW';
}

export async function invariantViolations(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const [name, query] of Object.entries(SQL_CHECKS)) result[name] = await count(db, query);
  return { ...result, ...(await codeChecks(db)) };
}

/**
 * A digest of a table's rows in id order, the same on both dialects (dates are ISO text, DECIMALs
 * numbers, JSON text on both). Password hashes are left out: each run salts the demo password anew.
 */
export async function tableDigest(db: Db, table: string, columns: string[]): Promise<string> {
  const { rows } =
    await sql`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}`.execute(db.kysely);
  // Sorted in JS: the dialects' collations need not agree on an ORDER BY of text.
  const lines = rows
    .map((row) => JSON.stringify(columns.map((c) => (row as Record<string, unknown>)[c])))
    .sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
