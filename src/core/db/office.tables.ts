import type { Kysely } from 'kysely';
import type { NotificationType } from '../../shared/domain/enums.ts';
import type { Database, IsoDateTime, JsonText } from './schema.ts';

// Tables added by migration 0008 (compliance norms, guardians, letters, kudos, notification
// delivery). Typed here, not in db/schema.ts, so the seed description stays exactly the seed;
// `officeDb` widens a handle (or the call's transaction) to include them.

export const CONTACT_MODES = ['PHONE', 'IN_PERSON', 'EMAIL', 'SMS', 'LETTER'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];
export const DELIVERY_MODES = ['IMMEDIATE', 'DIGEST'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export interface DepartmentNormsTable {
  departmentId: string;
  minMeetingsPerSemester: number;
  maxMenteesPerMentor: number;
  maxDaysWithoutContactHigh: number;
  updatedById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

export interface GuardianContactsTable {
  id: string;
  studentId: string;
  name: string;
  relation: string;
  phone: string | null;
  email: string | null;
  createdById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

export interface GuardianContactLogTable {
  id: string;
  studentId: string;
  guardianId: string | null;
  contactedAt: IsoDateTime;
  mode: ContactMode;
  reason: string;
  outcome: string | null;
  followUpOn: IsoDateTime | null;
  followUpDoneAt: IsoDateTime | null;
  createdById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

export interface LetterTemplatesTable {
  id: string;
  departmentId: string;
  name: string;
  subject: string;
  body: string;
  updatedById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

export interface KudosTable {
  id: string;
  studentId: string;
  fromUserId: string | null;
  message: string;
  createdAt: IsoDateTime;
}

export interface NotificationPrefsTable {
  /** `<userId>:<type>` (sync needs a one-column key). */
  id: string;
  userId: string;
  type: NotificationType;
  delivery: DeliveryMode;
  updatedAt: IsoDateTime;
}

export interface NotificationDigestItemsTable {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  payload: JsonText | null;
  createdAt: IsoDateTime;
  /** The digest notification that carried it; null while waiting. */
  digestId: string | null;
}

// A type alias, not an interface: withTables needs the implicit index signature.
export type OfficeTables = {
  department_norms: DepartmentNormsTable;
  guardian_contacts: GuardianContactsTable;
  guardian_contact_log: GuardianContactLogTable;
  letter_templates: LetterTemplatesTable;
  kudos: KudosTable;
  notification_prefs: NotificationPrefsTable;
  notification_digest_items: NotificationDigestItemsTable;
};

export type OfficeDatabase = Database & OfficeTables;

export function officeDb(db: Kysely<Database>): Kysely<OfficeDatabase> {
  return db.withTables<OfficeTables>();
}
