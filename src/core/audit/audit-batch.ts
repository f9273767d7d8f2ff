import type { AuditEntry, ServiceContext } from '../context.ts';
import { insertAuditMany, type AuditRow } from './audit.repo.ts';

// ctx.audit writes one row per statement; an import of 10,000 students (and the risk run after it)
// writes 10,000s of audit rows, so they go in multi-row statements instead (audit.repo.ts
// insertAuditMany, db/bulk-insert.ts). One mapping from an entry to its row serves both.

/** Where a call's audit rows come from: its actor, name, session (ip, user agent) and instant. */
export type AuditOrigin = Pick<ServiceContext, 'actor' | 'callName' | 'session' | 'now'>;

/** An audit entry as its row: the actor and call name unless the entry says otherwise. */
export const auditRowOf = (e: AuditEntry, c: AuditOrigin): AuditRow => ({
  userId: e.userId !== undefined ? e.userId : (c.actor?.userId ?? null),
  action: e.action ?? c.callName,
  entity: e.entity,
  entityId: e.entityId ?? null,
  before: e.before,
  after: e.after,
  ip: c.session.ip,
  userAgent: c.session.userAgent,
  createdAt: c.now,
});

export async function auditMany(ctx: ServiceContext, entries: readonly AuditEntry[]): Promise<void> {
  await insertAuditMany(
    ctx.db,
    entries.map((e) => auditRowOf(e, ctx)),
  );
}
