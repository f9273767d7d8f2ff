import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { FEEDBACK_TYPES, FEEDBACK_VISIBILITIES } from '../domain/enums.ts';
import { id, isoDateTime } from '../domain/fields.ts';
import { listInput, optionalText, pageOf } from './common-fields.ts';

// Session feedback. Visibility is ROLES.md's rule, applied in SQL by scopeFeedback: the giver
// always; admins in scope always; the recipient only when visibility names its side. Defaults:
// a mentor's feedback is shared with the student (STUDENT), a student's with the mentor (MENTOR);
// DEPARTMENT_ADMIN keeps it between the giver and the department office.

/** The giver may edit for this long after giving (inclusive: exactly 7 days is still in time). */
export const FEEDBACK_EDIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export const feedbackRow = z.object({
  id: z.string(),
  sessionId: z.string(),
  sessionDate: z.string(),
  topic: z.string(),
  giverUserId: z.string(),
  giverName: z.string(),
  recipientUserId: z.string(),
  recipientName: z.string(),
  type: z.enum(FEEDBACK_TYPES),
  rating: z.number().int(),
  comments: z.string().nullable(),
  visibility: z.enum(FEEDBACK_VISIBILITIES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Until when the giver may still edit it. */
  editableUntil: z.string(),
  /** The caller is the giver and the edit window is open. */
  canEdit: z.boolean(),
});
export type FeedbackRow = z.infer<typeof feedbackRow>;

export const feedbackSummaryRow = z.object({
  mentorId: z.string(),
  mentorName: z.string(),
  /** "2026-01" for a month; "2025-07" (Jul–Dec) or "2026-01" (Jan–Jun) for a semester. */
  periodStart: z.string(),
  /** "January 2026", or "Jul–Dec 2025". */
  label: z.string(),
  count: z.number().int(),
  average: z.number(),
});
export type FeedbackSummaryRow = z.infer<typeof feedbackSummaryRow>;

const rating = z
  .number({ message: 'Choose a rating from 1 to 5.' })
  .int('Choose a rating from 1 to 5.')
  .min(1, 'Choose a rating from 1 to 5.')
  .max(5, 'Choose a rating from 1 to 5.');
const comments = optionalText(5000);
const visibility = z.enum(FEEDBACK_VISIBILITIES, {
  message: 'Choose who may read it: MENTOR, STUDENT or DEPARTMENT_ADMIN.',
});

export const feedbackContract = {
  'feedback:give': defineCall({
    summary:
      'Rate a completed session of your own assignment (mentor → student or student → mentor), once per session.',
    input: z.strictObject({
      sessionId: id,
      rating,
      comments: comments.optional(),
      visibility: visibility.optional(),
    }),
    output: feedbackRow,
    roles: ['MENTOR', 'STUDENT'],
    write: true,
  }),
  'feedback:edit': defineCall({
    summary: 'The giver changes its feedback within 7 days of giving it.',
    input: z
      .strictObject({
        id,
        rating: rating.optional(),
        comments: comments.optional(),
        visibility: visibility.optional(),
      })
      .refine(
        (v) => v.rating !== undefined || v.comments !== undefined || v.visibility !== undefined,
        'Change at least one field.',
      ),
    output: feedbackRow,
    roles: ['MENTOR', 'STUDENT'],
    write: true,
  }),
  'feedback:list': defineCall({
    summary: 'Feedback you may read, newest first, with filters.',
    input: listInput(
      ['createdAt', 'sessionDate', 'rating'],
      { sort: 'createdAt', dir: 'desc' },
      {
        sessionId: id.optional(),
        mentorId: id.optional(),
        studentId: id.optional(),
        type: z.enum(FEEDBACK_TYPES).optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
      },
    ),
    output: pageOf(feedbackRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'feedback:summary': defineCall({
    summary:
      'Average rating students gave each mentor, per month or per semester (by session date), over the feedback you may read.',
    input: z.strictObject({
      period: z.enum(['month', 'semester']).default('month'),
      mentorId: id.optional(),
      departmentId: id.optional(),
      from: isoDateTime.optional(),
      to: isoDateTime.optional(),
    }),
    output: z.object({ rows: z.array(feedbackSummaryRow) }),
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: false,
  }),
};
