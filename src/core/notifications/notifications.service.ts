import type { notificationsContract } from '../../shared/contract/notifications.contract.ts';
import type { HandlersFor } from '../handler-types.ts';
import { listNotifications, markRead, unreadCount } from './notifications.repo.ts';
import { runReminders } from './reminders.ts';

// Marking one's own notifications read is inbox state, not business data: it is not audited (an
// audit row per click would bury the trail). reminders:run creates rows for other people and is.

export const notificationsHandlers: HandlersFor<typeof notificationsContract> = {
  'notifications:list': (ctx, input) => listNotifications(ctx.db, ctx.actor, input),
  'notifications:unread-count': async (ctx) => ({ count: await unreadCount(ctx.db, ctx.actor) }),
  'notifications:mark-read': async (ctx, input) => ({
    updated: await markRead(ctx.db, ctx.actor, input.ids, ctx.now),
  }),
  'notifications:mark-all-read': async (ctx) => ({
    updated: await markRead(ctx.db, ctx.actor, 'all', ctx.now),
  }),
  'reminders:run': async (ctx) => {
    const counts = await runReminders(ctx);
    await ctx.audit({ entity: 'notifications', after: counts });
    return counts;
  },
};
