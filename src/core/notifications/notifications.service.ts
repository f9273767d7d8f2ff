import type { notificationsContract } from '../../shared/contract/notifications.contract.ts';
import type { HandlersFor } from '../handler-types.ts';
import { listNotifications, markRead, unreadCount } from './notifications.repo.ts';
import { runReminders } from './reminders.ts';

// Every write call is audited (the core rule), marking one's own notifications read included: one
// small row per call with how many were marked, never one per notification.

export const notificationsHandlers: HandlersFor<typeof notificationsContract> = {
  'notifications:list': (ctx, input) => listNotifications(ctx.db, ctx.actor, input),
  'notifications:unread-count': async (ctx) => ({ count: await unreadCount(ctx.db, ctx.actor) }),
  'notifications:mark-read': async (ctx, input) => {
    const updated = await markRead(ctx.db, ctx.actor, input.ids, ctx.now);
    await ctx.audit({ entity: 'notifications', after: { updated, ids: input.ids.length } });
    return { updated };
  },
  'notifications:mark-all-read': async (ctx) => {
    const updated = await markRead(ctx.db, ctx.actor, 'all', ctx.now);
    await ctx.audit({ entity: 'notifications', after: { updated } });
    return { updated };
  },
  'reminders:run': async (ctx) => {
    const counts = await runReminders(ctx);
    await ctx.audit({ entity: 'notifications', after: counts });
    return counts;
  },
};
