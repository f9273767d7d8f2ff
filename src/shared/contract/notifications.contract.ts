import { z } from 'zod';
import { ADMIN_ROLES, ALL_ROLES, defineCall } from './define.ts';
import { NOTIFICATION_TYPES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';
import { listInput, pageOf } from './common-fields.ts';

export const notificationRow = z.object({
  id: z.string(),
  type: z.enum(NOTIFICATION_TYPES),
  title: z.string(),
  body: z.string(),
  payload: z.unknown(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationRow = z.infer<typeof notificationRow>;

export const reminderCounts = z.object({
  sessionReminders: z.number().int(),
  goalReminders: z.number().int(),
  /** Compliance shortfalls (issue 12): one reminder per shortfall per period. */
  complianceReminders: z.number().int(),
  /** Daily digests created (one per user per day). */
  digests: z.number().int(),
});
export type ReminderCounts = z.infer<typeof reminderCounts>;

export const notificationsContract = {
  'notifications:list': defineCall({
    summary: 'Your own notifications, newest first (optionally unread first, or unread only).',
    input: listInput(
      ['createdAt'],
      { sort: 'createdAt', dir: 'desc' },
      {
        unreadOnly: z.boolean().optional(),
        unreadFirst: z.boolean().optional(),
        type: z.enum(NOTIFICATION_TYPES).optional(),
      },
    ),
    output: pageOf(notificationRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'notifications:unread-count': defineCall({
    summary: 'How many of your notifications are unread.',
    input: z.strictObject({}),
    output: z.object({ count: z.number().int() }),
    roles: ALL_ROLES,
    write: false,
  }),
  'notifications:mark-read': defineCall({
    summary: 'Mark some of your notifications as read.',
    input: z.strictObject({
      ids: z.array(id).min(1, 'Choose at least one notification.').max(500, 'At most 500 at a time.'),
    }),
    output: z.object({ updated: z.number().int() }),
    roles: ALL_ROLES,
    write: true,
  }),
  'notifications:mark-all-read': defineCall({
    summary: 'Mark all your notifications as read.',
    input: z.strictObject({}),
    output: z.object({ updated: z.number().int() }),
    roles: ALL_ROLES,
    write: true,
  }),
  'reminders:run': defineCall({
    summary:
      'Create due reminders now (sessions within 24 h, goals due within 7 days) for your scope; safe to repeat.',
    input: z.strictObject({}),
    output: reminderCounts,
    roles: ADMIN_ROLES,
    write: true,
  }),
};
