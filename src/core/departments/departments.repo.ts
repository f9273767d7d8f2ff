import { sql, type Kysely } from 'kysely';
import type { DepartmentDto } from '../../shared/contract/departments.contract.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  hasRole,
  pageQuery,
  scopeDepartments,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

const memberCount = (role: 'MENTOR' | 'STUDENT') =>
  sql<
    number | string
  >`(select count(*) from ${sql.table('users')} as ${sql.raw('dm')} where ${col('dm', 'departmentId')} = ${col('d', 'id')} and ${hasRole('dm', role)})`;

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('departments as d')
    .innerJoin('institutions as i', 'i.id', 'd.institutionId')
    .where(scopeDepartments(actor, 'd'));

const COLUMNS = [
  'd.id',
  'd.institutionId',
  'i.name as institutionName',
  'd.name',
  'd.code',
  'd.createdAt',
  'd.updatedAt',
  memberCount('MENTOR').as('mentorCount'),
  memberCount('STUDENT').as('studentCount'),
] as const;

type Row = Omit<DepartmentDto, 'mentorCount' | 'studentCount'> & {
  mentorCount: number | string;
  studentCount: number | string;
};

const toDto = (r: Row): DepartmentDto => ({
  ...r,
  mentorCount: Number(r.mentorCount),
  studentCount: Number(r.studentCount),
});

/** A department the actor may see, or undefined (callers answer NOT_FOUND either way). */
export async function findDepartment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<DepartmentDto | undefined> {
  const row = await base(db, actor).select(COLUMNS).where('d.id', '=', id).executeTakeFirst();
  return row ? toDto(row) : undefined;
}

export interface DepartmentListFilters extends PageInput {
  sort: 'name' | 'code' | 'institution' | 'createdAt';
  search?: string;
  institutionId?: string;
}

const SORT = {
  name: [textKey(col('d', 'name'))],
  code: [col('d', 'code')],
  institution: [textKey(col('i', 'name')), textKey(col('d', 'name'))],
  createdAt: [col('d', 'createdAt')],
} as const;

export async function listDepartments(
  db: Kysely<Database>,
  actor: Actor,
  f: DepartmentListFilters,
): Promise<Page<DepartmentDto>> {
  let q = base(db, actor).where(searchPredicate([col('d', 'name'), col('d', 'code')], f.search));
  if (f.institutionId) q = q.where('d.institutionId', '=', f.institutionId);
  const total = await countRows(q);
  const page = await pageQuery(q.select(COLUMNS), f, [...SORT[f.sort]], col('d', 'id')).execute();
  return { rows: page.map(toDto), total };
}

export async function departmentCodeTaken(
  db: Kysely<Database>,
  institutionId: string,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db
    .selectFrom('departments')
    .select('id')
    .where('institutionId', '=', institutionId)
    .where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
