import type { authAdminContract } from '../../shared/contract/auth-admin.contract.ts';
import { conflict, forbidden } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { issueCode } from './users-create.ts';
import { managedTarget } from './users.service.ts';

/**
 * auth:issue-reset. ROLES.md: "an admin issues a one-time token (shown once, printable), stored
 * only as a hash in password_resets with expiresAt (24 h)". Only the newest code works; the code
 * itself is returned once and never written to the audit trail.
 */
export const authAdminHandlers: HandlersFor<typeof authAdminContract> = {
  'auth:issue-reset': async (ctx, input) => {
    const target = await managedTarget(ctx, input.userId);
    if (target.id === ctx.actor.userId) {
      throw forbidden('Use "Change password" for your own account.');
    }
    if (target.status === 'DISABLED') {
      throw conflict('This account is disabled. Enable it before issuing a code.');
    }
    const { code, expiresAt } = await issueCode(ctx, target.id);
    await ctx.audit({ entity: 'users', entityId: target.id, after: { resetCodeIssued: true, expiresAt } });
    return { userId: target.id, email: target.email, code, expiresAt };
  },
};
