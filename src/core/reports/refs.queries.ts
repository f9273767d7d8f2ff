import { sql, type Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { hasRole, scopeDepartments, scopeStudents, scopeUsers } from '../scope/index.ts';

// What people type on the command line (department code, mentor email, roll number) turned into
// the ids the reports:* calls take, through the same scope predicates: a name outside the user's
// scope is "not found", never a hint that it exists.

export interface ReportRefs {
  departmentCode?: string;
  mentorEmail?: string;
  rollNumber?: string;
}

export interface ReportIds {
  departmentId?: string;
  mentorId?: string;
  studentId?: string;
}

async function departmentId(db: Kysely<Database>, actor: Actor, code: string): Promise<string> {
  let q = db
    .selectFrom('departments as d')
    .select(['d.id', 'd.institutionId'])
    .where(sql`lower(${sql.ref('d.code')})`, '=', code.trim().toLowerCase())
    .where(scopeDepartments(actor, 'd'));
  // Codes are unique within an institution; prefer the reader's own.
  if (actor.institutionId)
    q = q.orderBy((eb) => eb.case().when('d.institutionId', '=', actor.institutionId).then(0).else(1).end());
  const rows = await q.limit(2).execute();
  if (rows.length === 0) throw notFound(`Department "${code}"`);
  if (rows.length > 1 && rows[0]!.institutionId !== actor.institutionId) {
    throw new AppError('CONFLICT', `Department code "${code}" exists in more than one institution.`);
  }
  return rows[0]!.id;
}

async function mentorId(db: Kysely<Database>, actor: Actor, email: string): Promise<string> {
  const row = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.email', '=', email.trim().toLowerCase())
    .where(hasRole('u', 'MENTOR'))
    .where(scopeUsers(actor, 'u'))
    .executeTakeFirst();
  if (!row) throw notFound(`Mentor "${email}"`);
  return row.id;
}

async function studentId(db: Kysely<Database>, actor: Actor, roll: string): Promise<string> {
  const row = await db
    .selectFrom('student_profiles as sp')
    .select('sp.userId')
    .where(sql`upper(${sql.ref('sp.rollNumber')})`, '=', roll.trim().toUpperCase())
    .where(scopeStudents(actor, 'sp'))
    .executeTakeFirst();
  if (!row) throw notFound(`Student with roll number "${roll}"`);
  return row.userId;
}

export async function findReportIds(
  db: Kysely<Database>,
  actor: Actor,
  refs: ReportRefs,
): Promise<ReportIds> {
  const out: ReportIds = {};
  if (refs.departmentCode) out.departmentId = await departmentId(db, actor, refs.departmentCode);
  if (refs.mentorEmail) out.mentorId = await mentorId(db, actor, refs.mentorEmail);
  if (refs.rollNumber) out.studentId = await studentId(db, actor, refs.rollNumber);
  return out;
}
