import { sql, type Kysely } from 'kysely';
import type { UserDetail, UserSummary } from '../../shared/contract/users.contract.ts';
import type { RoleName, UserStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  hasRole,
  pageQuery,
  scopeUsers,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// Reads of users go through scopeUsers and never select users.passwordHash (ROLES.md: "Password
// hashes never leave the central DB"). Writes address rows by id after a scoped read.

/** The base join every user read starts from: account, role, profile, department. */
const base = (db: Kysely<Database>) =>
  db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.roleId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .leftJoin('student_profiles as sp', 'sp.userId', 'u.id');

const summaryColumns = [
  'u.id',
  'u.email',
  'r.name as role',
  'u.status',
  'p.firstName',
  'p.lastName',
  'u.institutionId',
  'u.departmentId',
  'd.name as departmentName',
  'sp.rollNumber',
  'u.lastLoginAt',
  'u.createdAt',
] as const;

interface SummaryRow {
  id: string;
  email: string;
  role: string;
  status: UserStatus;
  firstName: string | null;
  lastName: string | null;
  institutionId: string | null;
  departmentId: string | null;
  departmentName: string | null;
  rollNumber: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

const toSummary = (r: SummaryRow): UserSummary => ({
  ...r,
  role: r.role as RoleName,
  firstName: r.firstName ?? '',
  lastName: r.lastName ?? '',
});

const detailColumns = [
  'i.name as institutionName',
  'p.phone',
  'p.avatarUrl',
  'p.title',
  'p.bio',
  'u.updatedAt',
  'sp.program',
  'sp.yearOfStudy',
  'sp.gpa',
  'sp.attendancePct',
  'sp.riskLevel',
  'mp.userId as mentorUserId',
  'mp.designation',
  'mp.specialization',
  'mp.capacityDefault',
  'mp.maxMentees',
  'mp.availabilityStatus',
] as const;

const detailQuery = (db: Kysely<Database>) =>
  base(db)
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .leftJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .select(summaryColumns)
    .select(detailColumns);

type DetailRow = NonNullable<Awaited<ReturnType<ReturnType<typeof detailQuery>['executeTakeFirst']>>>;

function toDetail(row: DetailRow): UserDetail {
  const { institutionName, phone, avatarUrl, title, bio, updatedAt } = row;
  const student =
    row.rollNumber === null
      ? null
      : {
          rollNumber: row.rollNumber,
          program: row.program,
          yearOfStudy: row.yearOfStudy,
          gpa: row.gpa,
          attendancePct: row.attendancePct,
          riskLevel: row.riskLevel ?? 'LOW',
        };
  const mentor =
    row.mentorUserId === null
      ? null
      : {
          designation: row.designation,
          specialization: row.specialization,
          capacityDefault: row.capacityDefault ?? 10,
          maxMentees: row.maxMentees ?? 15,
          availabilityStatus: row.availabilityStatus ?? 'AVAILABLE',
        };
  return { ...toSummary(row), institutionName, phone, avatarUrl, title, bio, updatedAt, student, mentor };
}

export async function findUserDetail(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<UserDetail | undefined> {
  const row = await detailQuery(db).where('u.id', '=', id).where(scopeUsers(actor, 'u')).executeTakeFirst();
  return row ? toDetail(row) : undefined;
}

export interface UserListFilters extends PageInput {
  sort: 'name' | 'email' | 'role' | 'status' | 'rollNumber' | 'lastLoginAt' | 'createdAt';
  search?: string;
  role?: RoleName;
  status?: UserStatus;
  departmentId?: string;
}

const USER_SORT = {
  name: [textKey(col('p', 'lastName')), textKey(col('p', 'firstName'))],
  email: [col('u', 'email')],
  role: [col('u', 'roleId')],
  status: [col('u', 'status')],
  rollNumber: [col('sp', 'rollNumber')],
  lastLoginAt: [col('u', 'lastLoginAt')],
  createdAt: [col('u', 'createdAt')],
} as const;

export async function listUsers(
  db: Kysely<Database>,
  actor: Actor,
  f: UserListFilters,
): Promise<Page<UserSummary>> {
  let q = base(db)
    .where(scopeUsers(actor, 'u'))
    .where(
      searchPredicate(
        [col('p', 'firstName'), col('p', 'lastName'), col('u', 'email'), col('sp', 'rollNumber')],
        f.search,
      ),
    );
  if (f.role) q = q.where(hasRole('u', f.role));
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  const total = await countRows(q);
  const rows = await pageQuery(q.select(summaryColumns), f, [...USER_SORT[f.sort]], col('u', 'id')).execute();
  return { rows: rows.map(toSummary), total };
}

/** The account facts management rules need, read through the actor's user scope. */
export interface UserTarget {
  id: string;
  email: string;
  role: RoleName;
  status: UserStatus;
  institutionId: string | null;
  departmentId: string | null;
  /** False for an invited account that has never set a password. */
  hasPassword: boolean;
}

/** Placeholder stored for invited accounts: not a hash format verifyPassword accepts. */
export const NO_PASSWORD_PREFIX = '!invited$';

export async function findUserTarget(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<UserTarget | undefined> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.roleId')
    .select(['u.id', 'u.email', 'r.name as role', 'u.status', 'u.institutionId', 'u.departmentId'])
    .select(
      sql<number>`case when ${col('u', 'passwordHash')} like ${NO_PASSWORD_PREFIX + '%'} then 0 else 1 end`.as(
        'hasPassword',
      ),
    )
    .where('u.id', '=', id)
    .where(scopeUsers(actor, 'u'))
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...row, role: row.role as RoleName, hasPassword: Number(row.hasPassword) === 1 };
}

export async function roleId(db: Kysely<Database>, role: RoleName): Promise<number> {
  const row = await db.selectFrom('roles').select('id').where('name', '=', role).executeTakeFirstOrThrow();
  return row.id;
}

export async function emailTaken(db: Kysely<Database>, email: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('users').select('id').where('email', '=', email);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function rollNumberTaken(db: Kysely<Database>, rollNumber: string): Promise<boolean> {
  const row = await db
    .selectFrom('student_profiles')
    .select('userId')
    .where('rollNumber', '=', rollNumber)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current (ACTIVE or PAUSED) assignments the user takes part in, as mentor or as student. */
export async function currentAssignmentCount(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom('mentor_assignments')
    .select(sql<number | string>`count(*)`.as('n'))
    .where((eb) => eb.or([eb('mentorId', '=', userId), eb('studentId', '=', userId)]))
    .where('status', 'in', ['ACTIVE', 'PAUSED'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
