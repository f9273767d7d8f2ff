import type { AuditEntry, AuthedContext } from '../context.ts';

// ctx.audit writes one row per statement; an import of 10,000 students writes 10,000 audit rows, so
// they go in multi-row statements instead. Same columns and conventions as ctx.audit (dispatch.ts
// and audit.repo.ts's insertAudit): the actor, the call's ip, user agent and instant, JSON text.

const CHUNK = 500;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function auditMany(ctx: AuthedContext, entries: readonly AuditEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    userId: e.userId !== undefined ? e.userId : ctx.actor.userId,
    action: (e.action ?? ctx.callName).slice(0, 100),
    entity: e.entity.slice(0, 100),
    entityId: e.entityId ?? null,
    beforeState: json(e.before),
    afterState: json(e.after),
    ip: ctx.session.ip,
    userAgent: ctx.session.userAgent.slice(0, 500),
    createdAt: ctx.now,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await ctx.db
      .insertInto('audit_logs')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}
