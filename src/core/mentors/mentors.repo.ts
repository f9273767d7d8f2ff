import { sql, type Kysely } from 'kysely';
import type { MentorRow } from '../../shared/contract/mentors.contract.ts';
import type { AvailabilityStatus, UserStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  hasRole,
  pageQuery,
  scopeMentors,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// Mentors are users with a mentor_profiles row, read through scopeMentors (admins in scope; a
// mentor itself; a student its current mentors).

const menteeCount = (status: 'ACTIVE' | 'PAUSED') =>
  sql<
    number | string
  >`(select count(*) from ${sql.table('mentor_assignments')} as ${sql.raw('mc')} where ${col('mc', 'mentorId')} = ${col('mp', 'userId')} and ${col('mc', 'status')} = ${status})`;

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('mentor_profiles as mp')
    .innerJoin('users as u', 'u.id', 'mp.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .where(scopeMentors(actor, 'mp'))
    // A former mentor keeps its profile row (history); only current MENTOR accounts are listed.
    .where(hasRole('u', 'MENTOR'));

const COLUMNS = [
  'u.id',
  'u.email',
  'u.status',
  'p.firstName',
  'p.lastName',
  'u.departmentId',
  'd.name as departmentName',
  'mp.designation',
  'mp.specialization',
  'mp.capacityDefault',
  'mp.maxMentees',
  'mp.availabilityStatus',
  menteeCount('ACTIVE').as('activeMentees'),
  menteeCount('PAUSED').as('pausedMentees'),
] as const;

interface Row extends Omit<MentorRow, 'firstName' | 'lastName' | 'activeMentees' | 'pausedMentees'> {
  firstName: string | null;
  lastName: string | null;
  activeMentees: number | string;
  pausedMentees: number | string;
}

const toDto = (r: Row): MentorRow => ({
  ...r,
  firstName: r.firstName ?? '',
  lastName: r.lastName ?? '',
  activeMentees: Number(r.activeMentees),
  pausedMentees: Number(r.pausedMentees),
});

export async function findMentor(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<MentorRow | undefined> {
  const row = await base(db, actor).select(COLUMNS).where('mp.userId', '=', id).executeTakeFirst();
  return row ? toDto(row) : undefined;
}

export interface MentorListFilters extends PageInput {
  sort: 'name' | 'designation' | 'availabilityStatus' | 'activeMentees' | 'maxMentees';
  search?: string;
  availabilityStatus?: AvailabilityStatus;
  departmentId?: string;
  status?: UserStatus;
  hasCapacity?: boolean;
}

const SORT = {
  name: [textKey(col('p', 'lastName')), textKey(col('p', 'firstName'))],
  designation: [textKey(col('mp', 'designation'))],
  availabilityStatus: [col('mp', 'availabilityStatus')],
  activeMentees: [menteeCount('ACTIVE')],
  maxMentees: [col('mp', 'maxMentees')],
} as const;

export async function listMentors(
  db: Kysely<Database>,
  actor: Actor,
  f: MentorListFilters,
): Promise<Page<MentorRow>> {
  let q = base(db, actor).where(
    searchPredicate(
      [col('p', 'firstName'), col('p', 'lastName'), col('u', 'email'), col('mp', 'specialization')],
      f.search,
    ),
  );
  if (f.availabilityStatus) q = q.where('mp.availabilityStatus', '=', f.availabilityStatus);
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  if (f.status) q = q.where('u.status', '=', f.status);
  if (f.hasCapacity !== undefined) {
    const op = sql.raw(f.hasCapacity ? '<' : '>=');
    q = q.where(sql<boolean>`${menteeCount('ACTIVE')} ${op} ${col('mp', 'maxMentees')}`);
  }
  const total = await countRows(q);
  const rows = await pageQuery(q.select(COLUMNS), f, [...SORT[f.sort]], col('mp', 'userId')).execute();
  return { rows: rows.map(toDto), total };
}
