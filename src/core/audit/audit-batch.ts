import type { AuditEntry, ServiceContext } from '../context.ts';
import { bulkInsert } from '../db/bulk-insert.ts';

// ctx.audit writes one row per statement; an import of 10,000 students (and the risk run after it)
// writes 10,000s of audit rows, so they go in multi-row statements instead (db/bulk-insert.ts).
// Same columns and conventions as ctx.audit (dispatch.ts and audit.repo.ts's insertAudit): the actor, the call's ip, user agent and instant, JSON text.

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function auditMany(ctx: ServiceContext, entries: readonly AuditEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    userId: e.userId !== undefined ? e.userId : (ctx.actor?.userId ?? null),
    action: (e.action ?? ctx.callName).slice(0, 100),
    entity: e.entity.slice(0, 100),
    entityId: e.entityId ?? null,
    beforeState: json(e.before),
    afterState: json(e.after),
    ip: ctx.session.ip,
    userAgent: ctx.session.userAgent.slice(0, 500),
    createdAt: ctx.now,
  }));
  await bulkInsert(ctx.db, 'audit_logs', rows);
}
