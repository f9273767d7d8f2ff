import type { AuthedContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import type { SessionState } from './sessions-write.repo.ts';

// Who hears about a session change (issue 4): a student's request → the mentor; confirmed,
// cancelled, rescheduled → "the other party" (the student when the mentor acts; both when an
// office admin acts); a newly scheduled session → the student. The summary never goes in here.

type Party = Pick<
  SessionState,
  'id' | 'assignmentId' | 'mentorId' | 'studentId' | 'mentorName' | 'studentName' | 'topic'
>;

/** Dates in notification texts: the stored UTC instant, readable; the screens show local time. */
export const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

const payload = (s: Party, change: string) => ({ sessionId: s.id, assignmentId: s.assignmentId, change });

/** The side(s) that did not act. */
function otherParties(ctx: AuthedContext, s: Party): string[] {
  if (ctx.actor.userId === s.mentorId) return [s.studentId];
  if (ctx.actor.userId === s.studentId) return [s.mentorId];
  return [s.mentorId, s.studentId];
}

export async function noticeScheduled(ctx: AuthedContext, s: Party, at: string): Promise<void> {
  await notify(ctx, {
    userIds: otherParties(ctx, s),
    type: 'SESSION_REMINDER',
    title: `Session scheduled: ${when(at)}`,
    body: `A mentoring session between ${s.mentorName} and ${s.studentName} is scheduled for ${when(at)}: ${s.topic}.`,
    payload: payload(s, 'scheduled'),
  });
}

export async function noticeRequested(ctx: AuthedContext, s: Party, at: string): Promise<void> {
  await notify(ctx, {
    userIds: [s.mentorId],
    type: 'SESSION_REMINDER',
    title: `Session request from ${s.studentName}`,
    body: `${s.studentName} asks to meet on ${when(at)} about “${s.topic}”. Confirm or decline it under Sessions.`,
    payload: payload(s, 'requested'),
  });
}

export async function noticeConfirmed(ctx: AuthedContext, s: Party, at: string): Promise<void> {
  await notify(ctx, {
    userIds: otherParties(ctx, s),
    type: 'SESSION_REMINDER',
    title: `Session confirmed: ${when(at)}`,
    body: `${s.mentorName} confirmed your session on ${when(at)}: ${s.topic}.`,
    payload: payload(s, 'confirmed'),
  });
}

export async function noticeCancelled(
  ctx: AuthedContext,
  s: Party,
  at: string,
  reason: string,
  declined: boolean,
): Promise<void> {
  const what = declined ? 'Session request declined' : 'Session cancelled';
  await notify(ctx, {
    userIds: otherParties(ctx, s),
    type: 'SESSION_REMINDER',
    title: `${what}: ${when(at)}`,
    body: `The session on ${when(at)} (${s.topic}) will not take place. Reason: ${reason}`,
    payload: payload(s, declined ? 'declined' : 'cancelled'),
  });
}

export async function noticeRescheduled(
  ctx: AuthedContext,
  s: Party,
  from: string,
  to: string,
  reason: string | undefined,
): Promise<void> {
  await notify(ctx, {
    userIds: otherParties(ctx, s),
    type: 'SESSION_REMINDER',
    title: `Session moved to ${when(to)}`,
    body: `The session on ${when(from)} (${s.topic}) now takes place on ${when(to)}.${reason ? ` Reason: ${reason}` : ''}`,
    payload: payload(s, 'rescheduled'),
  });
}
