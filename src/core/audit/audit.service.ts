import type { auditContract } from '../../shared/contract/audit.contract.ts';
import type { HandlersFor } from '../handler-types.ts';
import { listAudit } from './audit.repo.ts';

// Read-only on purpose: the trail is append-only (ROLES.md), so this feature has no write calls.
export const auditHandlers: HandlersFor<typeof auditContract> = {
  'audit:list': (ctx, input) => listAudit(ctx.db, ctx.actor, input),
};
