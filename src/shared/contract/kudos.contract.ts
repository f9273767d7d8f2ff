import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';
import { NOTIFICATION_TYPES } from '../domain/enums.ts';

// Kudos (positive notes a student sees) and how each user wants each notification type delivered:
// at once, or gathered into one daily digest (issue 12 item 6).

export const kudosRow = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  fromUserId: z.string().nullable(),
  fromName: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
});
export type KudosRow = z.infer<typeof kudosRow>;

export const DELIVERY_MODES = ['IMMEDIATE', 'DIGEST'] as const;
export const notificationPref = z.object({
  type: z.enum(NOTIFICATION_TYPES),
  delivery: z.enum(DELIVERY_MODES),
});

export const kudosContract = {
  'kudos:send': defineCall({
    summary: 'Send a student kudos (a positive note the student sees).',
    input: z.strictObject({
      studentId: id,
      message: z.string().trim().min(1, 'Write a few words.').max(1000, 'At most 1000 characters.'),
    }),
    output: kudosRow,
    roles: ['DEPARTMENT_ADMIN', 'MENTOR'],
    write: true,
  }),
  'kudos:list': defineCall({
    summary: 'Kudos, newest first: a student’s own, or those of a student in your scope.',
    input: z.strictObject({ studentId: id.optional() }),
    output: z.object({ rows: z.array(kudosRow) }),
    roles: ALL_ROLES,
    write: false,
  }),
  'notifications:get-prefs': defineCall({
    summary: 'How you receive each notification type: immediately or in a daily digest.',
    input: z.strictObject({}),
    output: z.object({ prefs: z.array(notificationPref) }),
    roles: ALL_ROLES,
    write: false,
  }),
  'notifications:set-prefs': defineCall({
    summary: 'Choose per notification type between immediate delivery and a daily digest.',
    input: z.strictObject({ prefs: z.array(notificationPref).min(1).max(NOTIFICATION_TYPES.length) }),
    output: z.object({ prefs: z.array(notificationPref) }),
    roles: ALL_ROLES,
    write: true,
  }),
};
