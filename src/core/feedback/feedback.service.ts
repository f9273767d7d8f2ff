import type { z } from 'zod';
import {
  FEEDBACK_EDIT_WINDOW_MS,
  type FeedbackRow,
  type feedbackContract,
} from '../../shared/contract/feedback.contract.ts';
import type { FeedbackVisibility } from '../../shared/domain/enums.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { notify } from '../notifications/notify.ts';
import { scopeFeedback, scopeSessions } from '../scope/index.ts';
import { findSessionState, type SessionState } from '../sessions/sessions-write.repo.ts';
import { feedbackSummary, findFeedback, listFeedback } from './feedback.repo.ts';

// Feedback on sessions (issue 4 item 3). Rules where the spec is silent:
// - only sessions that took place: COMPLETED with the student PRESENT (an absence is not rated);
// - a mentor rates while its assignment is current (ENDED is read-only for mentors, ROLES.md);
//   a student may still rate its completed sessions after the pairing ended;
// - the recipient is notified only when the visibility lets it read the feedback.

type In<K extends keyof typeof feedbackContract> = z.output<(typeof feedbackContract)[K]['input']>;

const ENTITY = 'session_feedback';

/** The side that may read feedback addressed to it: the recipient's role. */
const recipientSide = (giverIsMentor: boolean): FeedbackVisibility => (giverIsMentor ? 'STUDENT' : 'MENTOR');

async function get(ctx: AuthedContext, id: string): Promise<FeedbackRow> {
  const row = await findFeedback(ctx.db, ctx.actor, id, ctx.now);
  if (!row) throw notFound('Feedback');
  return row;
}

function checkGiver(ctx: AuthedContext, s: SessionState): void {
  const isMentor = ctx.actor.role === 'MENTOR';
  if (isMentor ? s.mentorId !== ctx.actor.userId : s.studentId !== ctx.actor.userId) {
    throw forbidden('You can give feedback only on sessions of your own mentoring.');
  }
  if (isMentor && s.assignmentStatus === 'ENDED') {
    throw forbidden('This assignment has ended: its sessions are kept as read-only history.');
  }
  if (s.status !== 'COMPLETED') throw conflict('Feedback can be given once the session is completed.');
  if (s.attendance === 'ABSENT')
    throw conflict('The student was absent from this session, so it cannot be rated.');
}

/** Serialises feedback on one session (MariaDB row lock; SQLite runs one transaction at a time). */
async function lockSession(ctx: AuthedContext, sessionId: string): Promise<void> {
  if (ctx.dialect !== 'mysql') return;
  await ctx.db.selectFrom('session_records').select('id').where('id', '=', sessionId).forUpdate().execute();
}

async function alreadyGiven(ctx: AuthedContext, sessionId: string): Promise<boolean> {
  const q = ctx.db
    .selectFrom('session_feedback')
    .select('id')
    .where('sessionId', '=', sessionId)
    .where('giverUserId', '=', ctx.actor.userId);
  const rows = ctx.dialect === 'mysql' ? await q.forUpdate().execute() : await q.execute();
  return rows.length > 0;
}

async function give(ctx: AuthedContext, input: In<'feedback:give'>): Promise<FeedbackRow> {
  await lockSession(ctx, input.sessionId);
  const s = await findSessionState(ctx, input.sessionId, scopeSessions(ctx.actor, 's'));
  if (!s) throw notFound('Session');
  checkGiver(ctx, s);
  if (await alreadyGiven(ctx, s.id)) {
    throw conflict('You have already given feedback on this session. Edit it instead (possible for 7 days).');
  }
  const giverIsMentor = ctx.actor.role === 'MENTOR';
  const values = {
    sessionId: s.id,
    giverUserId: ctx.actor.userId,
    recipientUserId: giverIsMentor ? s.studentId : s.mentorId,
    type: giverIsMentor ? ('MENTOR_TO_STUDENT' as const) : ('STUDENT_TO_MENTOR' as const),
    rating: input.rating,
    comments: input.comments ?? null,
    visibility: input.visibility ?? recipientSide(giverIsMentor),
  };
  const id = ctx.ids();
  await ctx.db
    .insertInto('session_feedback')
    .values({ id, ...values, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  await ctx.audit({ entity: ENTITY, entityId: id, before: null, after: values });
  if (values.visibility === recipientSide(giverIsMentor)) {
    await noticeFeedback(ctx, values.recipientUserId, id, s, giverIsMentor ? s.mentorName : s.studentName);
  }
  return resultOf(ctx, () => get(ctx, id));
}

async function noticeFeedback(
  ctx: AuthedContext,
  recipientId: string,
  feedbackId: string,
  s: SessionState,
  giverName: string,
): Promise<void> {
  await notify(ctx, {
    userIds: [recipientId],
    type: 'FEEDBACK',
    title: `Feedback from ${giverName}`,
    body: `${giverName} gave feedback on the session of ${s.sessionDate.slice(0, 10)} (${s.topic}).`,
    payload: { feedbackId, sessionId: s.id },
  });
}

async function edit(ctx: AuthedContext, input: In<'feedback:edit'>): Promise<FeedbackRow> {
  const before = await ctx.db
    .selectFrom('session_feedback as f')
    .selectAll('f')
    .where(scopeFeedback(ctx.actor, 'f'))
    .where('f.id', '=', input.id)
    .executeTakeFirst();
  if (!before) throw notFound('Feedback');
  if (before.giverUserId !== ctx.actor.userId)
    throw forbidden('Only the person who gave this feedback can edit it.');
  if (Date.parse(ctx.now) - Date.parse(before.createdAt) > FEEDBACK_EDIT_WINDOW_MS) {
    throw conflict(
      `Feedback can be edited for 7 days after it was given; this was given on ${before.createdAt.slice(0, 10)}.`,
    );
  }
  const changes: { rating?: number; comments?: string | null; visibility?: FeedbackVisibility } = {};
  if (input.rating !== undefined) changes.rating = input.rating;
  if (input.comments !== undefined) changes.comments = input.comments;
  if (input.visibility !== undefined) changes.visibility = input.visibility;
  await ctx.db
    .updateTable('session_feedback')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', before.id)
    .execute();
  const previous = Object.fromEntries(
    Object.keys(changes).map((k) => [k, before[k as keyof typeof changes]]),
  );
  await ctx.audit({ entity: ENTITY, entityId: before.id, before: previous, after: changes });
  const side = recipientSide(before.type === 'MENTOR_TO_STUDENT');
  if (changes.visibility === side && before.visibility !== side) {
    const s = await findSessionState(ctx, before.sessionId, scopeSessions(ctx.actor, 's'));
    if (s)
      await noticeFeedback(
        ctx,
        before.recipientUserId,
        before.id,
        s,
        before.type === 'MENTOR_TO_STUDENT' ? s.mentorName : s.studentName,
      );
  }
  return resultOf(ctx, () => get(ctx, before.id));
}

export const feedbackHandlers: HandlersFor<typeof feedbackContract> = {
  'feedback:give': give,
  'feedback:edit': edit,
  'feedback:list': (ctx, input) => listFeedback(ctx.db, ctx.actor, input, ctx.now),
  'feedback:summary': async (ctx, input) => ({ rows: await feedbackSummary(ctx.db, ctx.actor, input) }),
};
