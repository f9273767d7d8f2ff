import { sql, type Kysely } from 'kysely';
import type { InstitutionDto } from '../../shared/contract/institutions.contract.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  pageQuery,
  scopeInstitutions,
  searchPredicate,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';

const base = (db: Kysely<Database>, actor: Actor) =>
  db.selectFrom('institutions as i').where(scopeInstitutions(actor, 'i'));

const COLUMNS = [
  'i.id',
  'i.name',
  'i.code',
  'i.address',
  'i.contactEmail',
  'i.createdAt',
  'i.updatedAt',
  sql<
    number | string
  >`(select count(*) from ${sql.table('departments')} as ${sql.raw('idc')} where ${col('idc', 'institutionId')} = ${col('i', 'id')})`.as(
    'departmentCount',
  ),
] as const;

const toDto = (
  r: Omit<InstitutionDto, 'departmentCount'> & { departmentCount: number | string },
): InstitutionDto => ({
  ...r,
  departmentCount: Number(r.departmentCount),
});

export async function findInstitution(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<InstitutionDto | undefined> {
  const row = await base(db, actor).select(COLUMNS).where('i.id', '=', id).executeTakeFirst();
  return row ? toDto(row) : undefined;
}

export interface InstitutionListFilters extends PageInput {
  sort: 'name' | 'code' | 'createdAt';
  search?: string;
}

const SORT = {
  name: [textKey(col('i', 'name'))],
  code: [col('i', 'code')],
  createdAt: [col('i', 'createdAt')],
} as const;

export async function listInstitutions(
  db: Kysely<Database>,
  actor: Actor,
  f: InstitutionListFilters,
): Promise<Page<InstitutionDto>> {
  const q = base(db, actor).where(searchPredicate([col('i', 'name'), col('i', 'code')], f.search));
  const total = await countRows(q);
  const rows = await pageQuery(q.select(COLUMNS), f, [...SORT[f.sort]], col('i', 'id')).execute();
  return { rows: rows.map(toDto), total };
}

export async function institutionCodeTaken(
  db: Kysely<Database>,
  code: string,
  exceptId?: string,
): Promise<boolean> {
  let q = db.selectFrom('institutions').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
