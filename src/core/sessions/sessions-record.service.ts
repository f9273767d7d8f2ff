import type { z } from 'zod';
import type { SessionDetail, sessionsContract } from '../../shared/contract/sessions.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { conflict, forbidden, invalid } from '../errors.ts';
import { scopeActionItemsWritable, scopeSessionsWritable } from '../scope/index.ts';
import { parseActionItems, serializeActionItems } from './action-items.ts';
import {
  assignmentForNewSession,
  getSession,
  loadWritable,
  requireAfter,
  requirePast,
  requireScheduled,
} from './sessions-access.ts';
import {
  insertSession,
  previous,
  updateSession,
  type SessionChanges,
  type SessionState,
} from './sessions-write.repo.ts';
import { evaluateStudentRisk } from '../risk/engine.ts';

// Recording what happened: record (new or a scheduled one), complete, update by the recording
// mentor, next meeting, action items. ROLES.md: admins "view all department sessions (cannot edit
// the content a mentor recorded)", so these calls are the mentor's (and a student's tick).

type In<K extends keyof typeof sessionsContract> = z.output<(typeof sessionsContract)[K]['input']>;
type RecordFields = Omit<In<'sessions:update'>, 'id'>;

const ENTITY = 'session_records';

/** The content fields of a record/update input as column changes (only those given). */
function contentChanges(input: RecordFields): SessionChanges {
  const c: SessionChanges = {};
  if (input.sessionDate !== undefined) c.sessionDate = input.sessionDate;
  if (input.topic !== undefined) c.topic = input.topic;
  if (input.summary !== undefined) c.summary = input.summary;
  if (input.mode !== undefined) c.mode = input.mode;
  if (input.location !== undefined) c.location = input.location;
  if (input.attendance !== undefined) c.attendance = input.attendance;
  if (input.actionItems !== undefined) c.actionItems = serializeActionItems(input.actionItems);
  if (input.nextMeetingOn !== undefined) c.nextMeetingOn = input.nextMeetingOn;
  return c;
}

async function recordNew(ctx: AuthedContext, input: In<'sessions:record'>): Promise<string> {
  const a = await assignmentForNewSession(ctx, input.assignmentId!);
  const sessionDate = input.sessionDate!;
  requirePast(ctx, sessionDate, 'sessionDate');
  requireAfter(input.nextMeetingOn, sessionDate);
  const values = {
    assignmentId: a.id,
    sessionDate,
    mode: input.mode!,
    location: input.location ?? null,
    topic: input.topic!,
    summary: input.summary ?? null,
    actionItems: serializeActionItems(input.actionItems ?? []),
    nextMeetingOn: input.nextMeetingOn ?? null,
    attendance: input.attendance ?? 'PRESENT',
    status: 'COMPLETED' as const,
  };
  const id = await insertSession(ctx, values);
  await ctx.audit({ entity: ENTITY, entityId: id, before: null, after: values });
  await evaluateStudentRisk(ctx, a.studentId);
  return id;
}

/** Completes a scheduled session with what the mentor recorded; the mentor becomes its recorder. */
async function recordScheduled(ctx: AuthedContext, input: In<'sessions:record'>): Promise<string> {
  const s = await loadWritable(ctx, input.sessionId!, scopeSessionsWritable(ctx.actor, 's'));
  requireScheduled(s, 'recorded again (edit it instead)');
  const changes: SessionChanges = {
    ...contentChanges(input),
    attendance: input.attendance ?? 'PRESENT',
    status: 'COMPLETED',
    createdById: ctx.actor.userId,
  };
  const sessionDate = changes.sessionDate ?? s.sessionDate;
  requirePast(ctx, sessionDate, 'sessionDate');
  requireAfter(changes.nextMeetingOn ?? s.nextMeetingOn, sessionDate);
  await updateSession(ctx, s.id, changes);
  await ctx.audit({ entity: ENTITY, entityId: s.id, before: previous(s, changes), after: changes });
  await evaluateStudentRisk(ctx, s.studentId);
  return s.id;
}

export async function record(ctx: AuthedContext, input: In<'sessions:record'>): Promise<SessionDetail> {
  const id = input.sessionId ? await recordScheduled(ctx, input) : await recordNew(ctx, input);
  return resultOf(ctx, () => getSession(ctx, id));
}

function checkUpdate(ctx: AuthedContext, s: SessionState, changes: SessionChanges): void {
  if (s.createdById !== ctx.actor.userId) {
    throw forbidden('Only the mentor who recorded this session can change it.');
  }
  if (s.status === 'CANCELLED') throw conflict('This session was cancelled: it cannot be changed.');
  if (s.status === 'SCHEDULED') {
    if (changes.sessionDate !== undefined)
      throw invalid('sessionDate', 'Use Reschedule to move a planned session.');
    if (changes.attendance !== undefined)
      throw invalid('attendance', 'Attendance is recorded when the session is completed.');
  }
  const sessionDate = changes.sessionDate ?? s.sessionDate;
  if (s.status === 'COMPLETED') requirePast(ctx, sessionDate, 'sessionDate');
  requireAfter(changes.nextMeetingOn !== undefined ? changes.nextMeetingOn : s.nextMeetingOn, sessionDate);
}

export async function update(ctx: AuthedContext, input: In<'sessions:update'>): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  const changes = contentChanges(input);
  checkUpdate(ctx, s, changes);
  await updateSession(ctx, s.id, changes);
  await ctx.audit({ entity: ENTITY, entityId: s.id, before: previous(s, changes), after: changes });
  const attendanceChanged = changes.attendance !== undefined && changes.attendance !== s.attendance;
  const dateChanged = changes.sessionDate !== undefined && changes.sessionDate !== s.sessionDate;
  if (s.status === 'COMPLETED' && (attendanceChanged || dateChanged))
    await evaluateStudentRisk(ctx, s.studentId);
  return resultOf(ctx, () => getSession(ctx, s.id));
}

export async function complete(ctx: AuthedContext, input: In<'sessions:complete'>): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  requireScheduled(s, 'completed');
  if (s.sessionDate > ctx.now) {
    throw conflict(
      'This session is planned for a later time: complete it once it has taken place, or record it with the actual date.',
    );
  }
  const changes: SessionChanges = {
    status: 'COMPLETED',
    attendance: input.attendance,
    createdById: ctx.actor.userId,
  };
  await updateSession(ctx, s.id, changes);
  await ctx.audit({ entity: ENTITY, entityId: s.id, before: previous(s, changes), after: changes });
  await evaluateStudentRisk(ctx, s.studentId);
  return resultOf(ctx, () => getSession(ctx, s.id));
}

export async function setNextMeeting(
  ctx: AuthedContext,
  input: In<'sessions:set-next-meeting'>,
): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeSessionsWritable(ctx.actor, 's'));
  if (s.status === 'CANCELLED') throw conflict('This session was cancelled: it cannot be changed.');
  requireAfter(input.nextMeetingOn, s.sessionDate);
  await updateSession(ctx, s.id, { nextMeetingOn: input.nextMeetingOn });
  await ctx.audit({
    entity: ENTITY,
    entityId: s.id,
    before: { nextMeetingOn: s.nextMeetingOn },
    after: { nextMeetingOn: input.nextMeetingOn },
  });
  return resultOf(ctx, () => getSession(ctx, s.id));
}

export async function toggleActionItem(
  ctx: AuthedContext,
  input: In<'sessions:toggle-action-item'>,
): Promise<SessionDetail> {
  const s = await loadWritable(ctx, input.id, scopeActionItemsWritable(ctx.actor, 's'));
  if (s.status === 'CANCELLED')
    throw conflict('This session was cancelled: its action items cannot be changed.');
  const items = parseActionItems(s.actionItems);
  const item = items[input.index];
  if (!item) throw invalid('index', 'This action item no longer exists. Reload the session.');
  const next = items.map((x, i) => (i === input.index ? { ...x, done: input.done } : x));
  await updateSession(ctx, s.id, { actionItems: serializeActionItems(next) });
  await ctx.audit({
    entity: ENTITY,
    entityId: s.id,
    before: { actionItem: input.index, text: item.text, done: item.done },
    after: { actionItem: input.index, done: input.done },
  });
  return resultOf(ctx, () => getSession(ctx, s.id));
}
