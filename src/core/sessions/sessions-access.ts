import type { SessionDetail } from '../../shared/contract/sessions.contract.ts';
import type { AuthedContext } from '../context.ts';
import { conflict, forbidden, invalid, notFound } from '../errors.ts';
import { scopeAssignments, scopeAssignmentsWritable, scopeSessions, type Predicate } from '../scope/index.ts';
import { findSession } from './sessions.repo.ts';
import {
  findAssignmentFor,
  findSessionState,
  type AssignmentForSession,
  type SessionState,
} from './sessions-write.repo.ts';

// Loading what a session write may touch, with the message an office user needs when it may not:
// not found (outside scope) vs read-only (ENDED history, someone else's record) vs wrong state.

export async function getSession(ctx: AuthedContext, id: string): Promise<SessionDetail> {
  const s = await findSession(ctx.db, ctx.actor, id);
  if (!s) throw notFound('Session');
  return s;
}

/** A session the actor may change under `writable`; readable-but-not-writable is FORBIDDEN. */
export async function loadWritable(
  ctx: AuthedContext,
  id: string,
  writable: Predicate,
): Promise<SessionState> {
  const state = await findSessionState(ctx, id, writable);
  if (state) return state;
  const readable = await findSessionState(ctx, id, scopeSessions(ctx.actor, 's'));
  if (!readable) throw notFound('Session');
  if (readable.assignmentStatus === 'ENDED') {
    throw forbidden('This assignment has ended: its sessions are kept as read-only history.');
  }
  throw forbidden('You cannot change this session.');
}

const NO_NEW: Record<string, string> = {
  PAUSED: 'This assignment is paused: no new sessions until the department resumes it.',
  ENDED: 'This assignment has ended: no new sessions can be added to it.',
};

/** New sessions (and moving planned ones) need an ACTIVE assignment (issue brief, ROLES.md). */
export function requireActive(status: string): void {
  if (status !== 'ACTIVE') throw conflict(NO_NEW[status] ?? 'This assignment is not active.');
}

/** An assignment the actor may add a session to: in its writable scope and ACTIVE. */
export async function assignmentForNewSession(
  ctx: AuthedContext,
  assignmentId: string,
): Promise<AssignmentForSession> {
  const [a] = await findAssignmentFor(ctx, scopeAssignmentsWritable(ctx.actor, 'a'), { id: assignmentId });
  if (!a) {
    const [seen] = await findAssignmentFor(ctx, scopeAssignments(ctx.actor, 'a'), { id: assignmentId });
    if (!seen) throw notFound('Assignment');
    requireActive(seen.status);
    throw forbidden('You cannot add sessions to this assignment.');
  }
  requireActive(a.status);
  return a;
}

export function requireScheduled(s: SessionState, verb: string): void {
  if (s.status === 'COMPLETED')
    throw conflict(`This session is already recorded as completed: it cannot be ${verb}.`);
  if (s.status === 'CANCELLED') throw conflict(`This session was cancelled: it cannot be ${verb}.`);
}

export function requireFuture(ctx: AuthedContext, at: string, field: string): void {
  if (at <= ctx.now)
    throw invalid(field, 'Choose a time in the future. To note a meeting that already happened, record it.');
}

export function requirePast(ctx: AuthedContext, at: string, field: string): void {
  if (at > ctx.now)
    throw invalid(
      field,
      'A session can only be recorded once it has taken place: the date is in the future.',
    );
}

export function requireAfter(next: string | null | undefined, sessionDate: string): void {
  if (next && next <= sessionDate)
    throw invalid('nextMeetingOn', 'The next meeting must be after this session.');
}
