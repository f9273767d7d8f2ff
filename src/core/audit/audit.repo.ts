import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface AuditRow {
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
}

const toJson = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** Append-only: the app never updates or deletes audit rows (ROLES.md). */
export async function insertAudit(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_logs')
    .values({
      userId: row.userId,
      action: row.action.slice(0, 100),
      entity: row.entity.slice(0, 100),
      entityId: row.entityId,
      beforeState: toJson(row.before),
      afterState: toJson(row.after),
      ip: row.ip,
      userAgent: row.userAgent?.slice(0, 500) ?? null,
      createdAt: row.createdAt,
    })
    .execute();
}
