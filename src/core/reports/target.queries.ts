import type { Expression, Kysely } from 'kysely';
import type { Actor, AuthedContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { invalid, notFound } from '../errors.ts';
import {
  TRUE,
  eq,
  hasRole,
  isIn,
  qb,
  scopeDepartments,
  scopeInstitutions,
  scopeStudents,
  scopeUsers,
  type Predicate,
} from '../scope/index.ts';
import { personName, ROLE_LABEL } from './format.ts';

// What a report is about (department or whole institution, optionally one mentor or one
// student), resolved through the scope predicates: an id outside the reader's scope is "not
// found", exactly like every other read.

export interface Person {
  id: string;
  name: string;
}

export interface ReportTarget {
  institution: { id: string; name: string; code: string; address: string | null };
  /** The department the letterhead names; null = every department of the institution. */
  department: { id: string; name: string; code: string } | null;
  /**
   * Which rows the report keeps besides its scope: the department's, the institution's, or all the
   * reader's own (a mentor's report covers all its mentees, whatever their department).
   */
  limit: 'department' | 'institution' | 'scope';
  mentor: Person | null;
  student: (Person & { rollNumber: string }) | null;
  /** "Dr. Nitin Mishra (Department administrator)". */
  generatedBy: string;
  /** The reader's name alone: "Dr. Nitin Mishra". */
  reader: string;
}

export interface TargetInput {
  departmentId?: string;
  mentorId?: string;
  studentId?: string;
}

type Db = Kysely<Database>;

async function findDepartment(db: Db, actor: Actor, input: TargetInput): Promise<ReportTarget['department']> {
  const explicit = input.departmentId;
  // Department staff, mentors and students report on their own department unless they name one.
  const implicit =
    actor.role === 'SUPER_ADMIN' || actor.role === 'INSTITUTION_ADMIN' ? undefined : actor.departmentId;
  const wanted = explicit ?? implicit ?? null;
  if (wanted === null) return null;
  const row = await db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name', 'd.code'])
    .where('d.id', '=', wanted)
    .where(scopeDepartments(actor, 'd'))
    .executeTakeFirst();
  if (!row) throw notFound('The department');
  return row;
}

async function findInstitution(
  db: Db,
  actor: Actor,
  departmentId: string | null,
): Promise<ReportTarget['institution']> {
  let q = db.selectFrom('institutions as i').select(['i.id', 'i.name', 'i.code', 'i.address']);
  if (departmentId) {
    q = q.innerJoin('departments as d', 'd.institutionId', 'i.id').where('d.id', '=', departmentId);
  } else {
    if (!actor.institutionId) throw invalid('departmentId', 'Choose a department for this report.');
    q = q.where('i.id', '=', actor.institutionId).where(scopeInstitutions(actor, 'i'));
  }
  const row = await q.executeTakeFirst();
  if (!row) throw notFound('The institution');
  return row;
}

async function findMentor(db: Db, actor: Actor, mentorId: string): Promise<Person> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('user_profiles as p', 'p.userId', 'u.id')
    .select(['u.id', 'p.firstName', 'p.lastName', 'p.title'])
    .where('u.id', '=', mentorId)
    .where(hasRole('u', 'MENTOR'))
    .where(scopeUsers(actor, 'u'))
    .executeTakeFirst();
  if (!row) throw notFound('The mentor');
  return { id: row.id, name: personName(row) };
}

async function findStudent(
  db: Db,
  actor: Actor,
  studentId: string,
): Promise<NonNullable<ReportTarget['student']>> {
  const row = await db
    .selectFrom('student_profiles as sp')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .select(['sp.userId as id', 'sp.rollNumber', 'p.firstName', 'p.lastName'])
    .where('sp.userId', '=', studentId)
    .where(scopeStudents(actor, 'sp'))
    .executeTakeFirst();
  if (!row) throw notFound('The student');
  return { id: row.id, rollNumber: row.rollNumber, name: personName(row) };
}

async function readerName(db: Db, actor: Actor): Promise<string> {
  const p = await db
    .selectFrom('user_profiles')
    .select(['firstName', 'lastName', 'title'])
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  return p ? personName(p) : actor.email;
}

/** The department a student belongs to, for a dossier's letterhead (the student is in scope). */
async function studentDepartment(db: Db, studentId: string): Promise<ReportTarget['department']> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.departmentId')
    .select(['d.id', 'd.name', 'd.code'])
    .where('u.id', '=', studentId)
    .executeTakeFirst();
  return row ?? null;
}

function limitOf(
  actor: Actor,
  input: TargetInput,
  department: ReportTarget['department'],
): ReportTarget['limit'] {
  if (input.departmentId) return 'department';
  if (actor.role === 'MENTOR' || actor.role === 'STUDENT') return 'scope';
  return department ? 'department' : 'institution';
}

export async function resolveTarget(ctx: AuthedContext, input: TargetInput): Promise<ReportTarget> {
  const { db, actor } = ctx;
  const student = input.studentId ? await findStudent(db, actor, input.studentId) : null;
  const department =
    student && !input.departmentId
      ? await studentDepartment(db, student.id)
      : await findDepartment(db, actor, input);
  return {
    institution: await findInstitution(db, actor, department?.id ?? null),
    department,
    limit: student && !input.departmentId ? 'scope' : limitOf(actor, input, department),
    mentor: input.mentorId ? await findMentor(db, actor, input.mentorId) : null,
    student,
    ...(await readerName(db, actor).then((reader) => ({
      reader,
      generatedBy: `${reader} (${ROLE_LABEL[actor.role]})`,
    }))),
  };
}

/** A department id column limited to the report's department, or to its institution's departments. */
export function inTargetDepartments(t: ReportTarget, ref: Expression<unknown>): Predicate {
  if (t.limit === 'scope') return TRUE;
  if (t.limit === 'department' && t.department) return eq(ref, t.department.id);
  const ids = qb()
    .selectFrom('departments as rt_d')
    .select('rt_d.id')
    .where('rt_d.institutionId', '=', t.institution.id);
  return isIn(ref, ids);
}

export function departmentLabel(t: ReportTarget): string {
  return t.department ? t.department.name : 'All departments';
}

export function departmentSlug(t: ReportTarget): string {
  return t.department ? t.department.code : t.institution.code;
}
