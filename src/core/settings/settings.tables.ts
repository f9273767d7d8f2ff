import type { Kysely } from 'kysely';
import type { Database, IsoDateTime, JsonText } from '../db/schema.ts';

// Tables added by migration 0005 (additive, not seed tables). They are typed here rather than in
// db/schema.ts so the seed description stays exactly the seed; `careDb` widens a handle (or the
// call's transaction: withTables keeps it one) to include them.

export interface DepartmentSettingsTable {
  departmentId: string;
  /** JSON: RiskThresholds (src/shared/contract/risk.contract.ts). */
  riskThresholds: JsonText;
  updatedById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

export interface AttachmentBlobsTable {
  /** `<sha256>:<part>` */
  id: string;
  sha256: string;
  part: number;
  bytes: Uint8Array;
  createdAt: IsoDateTime | undefined;
}

// A type alias, not an interface: withTables needs the implicit index signature.
export type CareTables = {
  department_settings: DepartmentSettingsTable;
  attachment_blobs: AttachmentBlobsTable;
};

export type CareDatabase = Database & CareTables;

export function careDb(db: Kysely<Database>): Kysely<CareDatabase> {
  return db.withTables<CareTables>();
}
