import type { Kysely } from 'kysely';
import { DEFAULT_NORMS, type ComplianceNorms } from '../../shared/contract/compliance.contract.ts';
import type { Database } from '../db/schema.ts';
import { officeDb } from '../db/office.tables.ts';

// A department's compliance norms (migration 0008's department_norms). A department that never
// saved its own gets the defaults.

export interface StoredNorms {
  norms: ComplianceNorms;
  isDefault: boolean;
  updatedAt: string | null;
}

export async function readNorms(db: Kysely<Database>, departmentId: string): Promise<StoredNorms> {
  const row = await officeDb(db)
    .selectFrom('department_norms')
    .select(['minMeetingsPerSemester', 'maxMenteesPerMentor', 'maxDaysWithoutContactHigh', 'updatedAt'])
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  if (!row) return { norms: DEFAULT_NORMS, isDefault: true, updatedAt: null };
  const { updatedAt, ...norms } = row;
  return {
    norms: {
      minMeetingsPerSemester: Number(norms.minMeetingsPerSemester),
      maxMenteesPerMentor: Number(norms.maxMenteesPerMentor),
      maxDaysWithoutContactHigh: Number(norms.maxDaysWithoutContactHigh),
    },
    isDefault: false,
    updatedAt,
  };
}

export async function writeNorms(
  db: Kysely<Database>,
  departmentId: string,
  norms: ComplianceNorms,
  by: string,
  now: string,
): Promise<void> {
  const odb = officeDb(db);
  const updated = await odb
    .updateTable('department_norms')
    .set({ ...norms, updatedById: by, updatedAt: now })
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await odb
    .insertInto('department_norms')
    .values({ departmentId, ...norms, updatedById: by, createdAt: now, updatedAt: now })
    .execute();
}
