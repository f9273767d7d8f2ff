import type { z } from 'zod';
import type { SessionDetail, sessionsContract } from '../../shared/contract/sessions.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { scopeAssignments, scopeSessionsWritable } from '../scope/index.ts';
import {
  assignmentForNewSession,
  getSession,
  loadWritable,
  requireActive,
  requireFuture,
  requireScheduled,
} from './sessions-access.ts';
import { isPendingRequest } from './sessions.repo.ts';
import {
  findAssignmentFor,
  insertSession,
  previous,
  updateSession,
  type SessionChanges,
} from './sessions-write.repo.ts';
import {
  noticeCancelled,
  noticeConfirmed,
  noticeRequested,
  noticeRescheduled,
  noticeScheduled,
} from './sessions.notices.ts';

// Planning sessions: schedule, a student's request and the mentor's confirmation, reschedule,
// cancel. Recording what happened lives in sessions-record.service.ts.

type In<K extends keyof typeof sessionsContract> = z.output<(typeof sessionsContract)[K]['input']>;

const ENTITY = 'session_records';
/** A student may have this many unconfirmed requests per assignment at a time. */
export const MAX_OPEN_REQUESTS = 3;

export async function schedule(ctx: AuthedContext, input: In<'sessions:schedule'>): Promise<SessionDetail> {
  const a = await assignmentForNewSession(ctx, input.assignmentId);
  requireFuture(ctx, input.sessionDate, 'sessionDate');
  const values = {
    assignmentId: a.id,
    sessionDate: input.sessionDate,
    mode: input.mode,
    location: input.location ?? null,
    topic: input.topic,
    summary: null,
    actionItems: null,
    nextMeetingOn: null,
    attendance: 'PRESENT' as const,
    status: 'SCHEDULED' as const,
  };
  const id = await insertSession(ctx, values);
  await ctx.audit({ entity: ENTITY, entityId: id, before: null, after: values });
  await noticeScheduled(ctx, { ...a, id, assignmentId: a.id, topic: input.topic }, input.sessionDate);
  return resultOf(ctx, () => getSession(ctx, id));
}

/** The student's ACTIVE assignment the request is for (the only one, or the one named). */
async function requestTarget(ctx: AuthedContext, assignmentId: string | undefined) {
  const own = await findAssignmentFor(ctx, scopeAssignments(ctx.actor, 'a'), { studentId: ctx.actor.userId });
  if (assignmentId) {
    const a = own.find((x) => x.id === assignmentId);
    if (!a) throw notFound('Assignment');
    requireActive(a.status);
    return a;
  }
  const active = own.filter((x) => x.status === 'ACTIVE');
  if (active.length === 0)
    throw conflict('You have no active mentor at the moment, so a session cannot be requested.');
  if (active.length > 1)
    throw invalid('assignmentId', 'You have more than one mentor: choose which one to ask.');
  return active[0]!;
}

export async function request(ctx: AuthedContext, input: In<'sessions:request'>): Promise<SessionDetail> {
  const a = await requestTarget(ctx, input.assignmentId);
  requireFuture(ctx, input.sessionDate, 'sessionDate');
  const open = await ctx.db
    .selectFrom('session_records')
    .select('id')
    .where('assignmentId', '=', a.id)
    .where('status', '=', 'SCHEDULED')
    .where('createdById', '=', ctx.actor.userId)
    .where('sessionDate', '>', ctx.now)
    .execute();
  if (open.length >= MAX_OPEN_REQUESTS) {
    throw conflict(
      `You already have ${open.length} requests waiting for your mentor. Wait for an answer first.`,
    );
  }
  const values = {
    assignmentId: a.id,
    sessionDate: input.sessionDate,
    mode: input.mode,
    location: input.location ?? null,
    topic: input.topic,
    summary: null,
    actionItems: null,
    nextMeetingOn: null,
    attendance: 'PRESENT' as const,
    status: 'SCHEDULED' as const,
  };
  const id = await insertSession(ctx, values);
  await ctx.audit({
    entity: ENTITY,
    entityId: id,
    before: null,
    after: { ...values, requestedBy: ctx.actor.userId },
  });
  await noticeRequested(ctx, { ...a, id, assignmentId: a.id, topic: input.topic }, input.sessionDate);
  return resultOf(ctx, () => getSession(ctx, id));
}

/** Optional new time/place of a confirm or reschedule, as column changes. */
function placeChanges(input: {
  sessionDate?: string;
  mode?: SessionChanges['mode'];
  location?: string | null;
}): SessionChanges {
  const c: SessionChanges = {};
  if (input.sessionDate !== undefined) c.sessionDate = input.sessionDate;
  if (input.mode !== undefined) c.mode = input.mode;
  if (input.location !== undefined) c.location = input.location;
  return c;
}

export async function confirm(ctx: AuthedContext, input: In<'sessions:confirm'>): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  if (!isPendingRequest(s)) throw conflict('This session is not a request waiting for confirmation.');
  requireActive(s.assignmentStatus);
  const changes: SessionChanges = { ...placeChanges(input), createdById: ctx.actor.userId };
  const at = changes.sessionDate ?? s.sessionDate;
  requireFuture(ctx, at, 'sessionDate');
  await updateSession(ctx, s.id, changes);
  await ctx.audit({
    entity: ENTITY,
    entityId: s.id,
    before: previous(s, changes),
    after: { ...changes, confirmed: true },
  });
  await noticeConfirmed(ctx, s, at);
  return resultOf(ctx, () => getSession(ctx, s.id));
}

export async function reschedule(
  ctx: AuthedContext,
  input: In<'sessions:reschedule'>,
): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  requireScheduled(s, 'rescheduled');
  requireActive(s.assignmentStatus);
  requireFuture(ctx, input.sessionDate, 'sessionDate');
  const changes = placeChanges(input);
  await updateSession(ctx, s.id, changes);
  await ctx.audit({
    entity: ENTITY,
    entityId: s.id,
    before: previous(s, changes),
    after: { ...changes, reason: input.reason ?? null },
  });
  await noticeRescheduled(ctx, s, s.sessionDate, input.sessionDate, input.reason);
  return resultOf(ctx, () => getSession(ctx, s.id));
}

export async function cancel(ctx: AuthedContext, input: In<'sessions:cancel'>): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  requireScheduled(s, 'cancelled');
  const declined = isPendingRequest(s) && ctx.actor.userId === s.mentorId;
  const line = `${declined ? 'Declined' : 'Cancelled'}: ${input.reason}`;
  const changes: SessionChanges = {
    status: 'CANCELLED',
    summary: s.summary ? `${s.summary}\n\n${line}` : line,
  };
  await updateSession(ctx, s.id, changes);
  await ctx.audit({
    entity: ENTITY,
    entityId: s.id,
    before: { status: s.status },
    after: { status: 'CANCELLED', reason: input.reason },
  });
  await noticeCancelled(ctx, s, s.sessionDate, input.reason, declined);
  return resultOf(ctx, () => getSession(ctx, s.id));
}
