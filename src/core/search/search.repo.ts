import { sql, type Kysely } from 'kysely';
import { SEARCH_LIMIT, type SearchResult } from '../../shared/contract/search.contract.ts';
import type { RiskLevel, UserStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  hasRole,
  scopeMentorsJoined,
  scopeStudentsJoined,
  searchPredicate,
  textKey,
} from '../scope/index.ts';

// Both queries go through the scope predicates every list uses (in their form for a joined users
// row), so the search box never finds anyone the caller could not open. Each asks for one row more than it may return, to tell the
// user that typing more would narrow it.

type StudentHit = Extract<SearchResult, { kind: 'student' }>;
type MentorHit = Extract<SearchResult, { kind: 'mentor' }>;

const fullName = (first: string | null, last: string | null): string =>
  `${first ?? ''} ${last ?? ''}`.trim() || '(no name)';

export async function findStudents(db: Kysely<Database>, actor: Actor, q: string): Promise<StudentHit[]> {
  const exactRoll = q.trim().toUpperCase();
  const rows = await db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .where(scopeStudentsJoined(actor, 'sp', 'u'))
    .where(hasRole('u', 'STUDENT'))
    .where(searchPredicate([col('p', 'firstName'), col('p', 'lastName'), col('sp', 'rollNumber')], q))
    .select([
      'u.id',
      'u.status',
      'p.firstName',
      'p.lastName',
      'sp.rollNumber',
      'sp.program',
      'sp.riskLevel',
      'd.name as departmentName',
    ])
    .orderBy(sql`case when ${col('sp', 'rollNumber')} = ${exactRoll} then 0 else 1 end`)
    .orderBy(textKey(col('p', 'lastName')))
    .orderBy(textKey(col('p', 'firstName')))
    .orderBy('u.id')
    .limit(SEARCH_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    kind: 'student',
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    rollNumber: r.rollNumber,
    program: r.program,
    departmentName: r.departmentName,
    riskLevel: r.riskLevel as RiskLevel,
    status: r.status as UserStatus,
  }));
}

export async function findMentors(db: Kysely<Database>, actor: Actor, q: string): Promise<MentorHit[]> {
  const rows = await db
    .selectFrom('mentor_profiles as mp')
    .innerJoin('users as u', 'u.id', 'mp.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .where(scopeMentorsJoined(actor, 'u'))
    .where(hasRole('u', 'MENTOR'))
    .where(searchPredicate([col('p', 'firstName'), col('p', 'lastName')], q))
    .select(['u.id', 'u.status', 'p.firstName', 'p.lastName', 'mp.designation', 'd.name as departmentName'])
    .orderBy(textKey(col('p', 'lastName')))
    .orderBy(textKey(col('p', 'firstName')))
    .orderBy('u.id')
    .limit(SEARCH_LIMIT + 1)
    .execute();
  return rows.map((r) => ({
    kind: 'mentor',
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    designation: r.designation,
    departmentName: r.departmentName,
    status: r.status as UserStatus,
  }));
}
