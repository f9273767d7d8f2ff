import type { Kysely } from 'kysely';
import type { AuditRowDto } from '../../shared/contract/audit.contract.ts';
import type { Actor } from '../context.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { Database } from '../db/schema.ts';
import {
  countRows,
  scopeAuditLogs,
  scopeAuditLogsCorrelated,
  WALK_ROWS,
  type Page,
  type PageInput,
} from '../scope/index.ts';

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
const auditValues = (row: AuditRow) => ({
  userId: row.userId,
  action: row.action.slice(0, 100),
  entity: row.entity.slice(0, 100),
  entityId: row.entityId,
  beforeState: toJson(row.before),
  afterState: toJson(row.after),
  ip: row.ip,
  userAgent: row.userAgent?.slice(0, 500) ?? null,
  createdAt: row.createdAt,
});

export async function insertAudit(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db.insertInto('audit_logs').values(auditValues(row)).execute();
}

/** Many audit rows in multi-row statements, in order (sync replay writes a batch's rows together). */
export async function insertAuditMany(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<void> {
  await bulkInsert(db, 'audit_logs', rows.map(auditValues));
}

// ---- Reading the trail (audit:list). Scoped by scopeAuditLogs; never a write path. ----

export interface AuditListFilters extends PageInput {
  sort: 'createdAt';
  userId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Stored JSON back to a value; a row written by another tool with bad JSON is shown as text. */
function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function listAudit(
  db: Kysely<Database>,
  actor: Actor,
  f: AuditListFilters,
): Promise<Page<AuditRowDto>> {
  const filtered = (scope: typeof scopeAuditLogs) => {
    let q = db.selectFrom('audit_logs as l').where(scope(actor, 'l'));
    if (f.userId) q = q.where('l.userId', '=', f.userId);
    if (f.entity) q = q.where('l.entity', '=', f.entity);
    if (f.entityId) q = q.where('l.entityId', '=', f.entityId);
    if (f.action) q = q.where('l.action', '=', f.action);
    if (f.from) q = q.where('l.createdAt', '>=', f.from);
    if (f.to) q = q.where('l.createdAt', '<', f.to);
    return q;
  };
  // The count reads audit_logs alone: users and user_profiles have one row per user id, so the
  // left joins that name the actor cannot change it; only the page's rows are joined.
  const total = await countRows(filtered(scopeAuditLogs));
  // First pages check each row's scope while walking the createdAt index (they stop after the
  // page); deep pages and exports let the scope drive and sort it once.
  const walk = f.page * f.pageSize <= WALK_ROWS;
  const rows = await filtered(walk ? scopeAuditLogsCorrelated : scopeAuditLogs)
    .leftJoin('users as u', 'u.id', 'l.userId')
    .leftJoin('user_profiles as p', 'p.userId', 'l.userId')
    .select([
      'l.id',
      'l.userId',
      'u.email as userEmail',
      'p.firstName',
      'p.lastName',
      'l.action',
      'l.entity',
      'l.entityId',
      'l.beforeState',
      'l.afterState',
      'l.ip',
      'l.userAgent',
      'l.createdAt',
    ])
    // Newest first by default; the id breaks ties between rows written in the same millisecond.
    .orderBy('l.createdAt', f.dir)
    .orderBy('l.id', f.dir)
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return {
    total,
    rows: rows.map(({ firstName, lastName, beforeState, afterState, ...r }) => ({
      ...r,
      id: Number(r.id),
      userName: firstName === null ? null : `${firstName} ${lastName ?? ''}`.trim(),
      before: parseJson(beforeState),
      after: parseJson(afterState),
    })),
  };
}
