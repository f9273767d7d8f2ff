import type { z } from 'zod';
import type { AssignmentRow, assignmentsContract } from '../../shared/contract/assignments.contract.ts';
import type { AssignmentStatus } from '../../shared/domain/enums.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { checkCapacity, loadMentor, loadPair, requireNoActiveLink } from './assignment-rules.ts';
import { assignmentHistory, findAssignment, listAssignments, workload } from './assignments.repo.ts';
import {
  appendNote,
  cancelScheduledSessions,
  findWritableAssignment,
  insertAssignment,
  lockAssignment,
  lockUsers,
  updateAssignment,
  type AssignmentState,
} from './assignments-write.repo.ts';
import { noticeAssigned, noticeChanged, noticeReassigned } from './assignments.notices.ts';
import { noticeHandover } from '../notes/handover.notice.ts';
import { autoAssignHandlers } from './auto-assign.service.ts';
import { evaluateStudentRisk } from '../risk/engine.ts';

// Assignment life cycle (ROLES.md DEPARTMENT_ADMIN). Every change re-runs the risk engine for the
// student: its "no session for N weeks" rule counts from the start of an ACTIVE assignment.

type In<K extends keyof typeof assignmentsContract> = z.output<(typeof assignmentsContract)[K]['input']>;

const ENTITY = 'mentor_assignments';

async function get(ctx: AuthedContext, id: string): Promise<AssignmentRow> {
  const row = await findAssignment(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Assignment');
  return row;
}

/** The stored assignment the actor may change, locked together with its student and mentor. */
async function loadForChange(
  ctx: AuthedContext,
  id: string,
  extraLocks: string[] = [],
): Promise<AssignmentState> {
  const peek = await findWritableAssignment(ctx, id);
  if (!peek) throw notFound('Assignment');
  await lockUsers(ctx, [peek.studentId, peek.mentorId, ...extraLocks]);
  // Read again under the locks: a change another call committed meanwhile is now visible.
  const state = await lockAssignment(ctx, id);
  if (!state) throw notFound('Assignment');
  return state;
}

function requireStatus(a: AssignmentState, allowed: AssignmentStatus[], verb: string): void {
  if (!allowed.includes(a.status)) {
    throw conflict(
      `Only ${allowed.map((s) => s.toLowerCase()).join(' or ')} assignments can be ${verb}; this one is ${a.status.toLowerCase()}.`,
    );
  }
}

const pairOf = (r: AssignmentRow) => ({
  assignmentId: r.id,
  student: { id: r.studentId, name: r.studentName, rollNumber: r.rollNumber },
  mentor: { id: r.mentorId, name: r.mentorName },
});

async function assign(ctx: AuthedContext, input: In<'assignments:assign'>): Promise<AssignmentRow> {
  await lockUsers(ctx, [input.studentId, input.mentorId]);
  const { student, mentor, departmentId } = await loadPair(ctx, input, input.departmentId);
  await requireNoActiveLink(ctx, student, departmentId, { mentorId: mentor.id });
  const overridden = await checkCapacity(ctx, mentor, input.override);
  const values = { mentorId: mentor.id, studentId: student.id, departmentId, notes: input.notes || null };
  const id = await insertAssignment(ctx, values);
  await ctx.audit({
    entity: ENTITY,
    entityId: id,
    before: null,
    after: {
      ...values,
      status: 'ACTIVE',
      assignedAt: ctx.now,
      ...(overridden ? { override: overridden } : {}),
    },
  });
  const row = await get(ctx, id);
  // Assigned again after an earlier mentor's assignment ended: the new mentor gets the handover packet.
  await noticeHandover(ctx, {
    studentId: student.id,
    studentName: row.studentName,
    mentorId: mentor.id,
    assignmentId: id,
  });
  await noticeAssigned(ctx, pairOf(row));
  await evaluateStudentRisk(ctx, student.id);
  return row;
}

async function pause(ctx: AuthedContext, input: In<'assignments:pause'>): Promise<AssignmentRow> {
  const a = await loadForChange(ctx, input.id);
  requireStatus(a, ['ACTIVE'], 'paused');
  const notes = input.note ? appendNote(a.notes, ctx.now, 'Paused', input.note) : a.notes;
  await updateAssignment(ctx, a.id, { status: 'PAUSED', notes });
  await ctx.audit({
    entity: ENTITY,
    entityId: a.id,
    before: { status: a.status },
    after: { status: 'PAUSED', note: input.note ?? null },
  });
  const row = await get(ctx, a.id);
  await noticeChanged(ctx, pairOf(row), 'paused');
  await evaluateStudentRisk(ctx, a.studentId);
  return row;
}

async function resume(ctx: AuthedContext, input: In<'assignments:resume'>): Promise<AssignmentRow> {
  const a = await loadForChange(ctx, input.id);
  requireStatus(a, ['PAUSED'], 'resumed');
  const mentor = await loadMentor(ctx, a.mentorId, a.departmentId);
  const row0 = await get(ctx, a.id);
  await requireNoActiveLink(ctx, { id: a.studentId, name: row0.studentName }, a.departmentId, {
    except: a.id,
  });
  const overridden = await checkCapacity(ctx, mentor, input.override);
  const notes = input.note ? appendNote(a.notes, ctx.now, 'Resumed', input.note) : a.notes;
  await updateAssignment(ctx, a.id, { status: 'ACTIVE', notes });
  await ctx.audit({
    entity: ENTITY,
    entityId: a.id,
    before: { status: a.status },
    after: { status: 'ACTIVE', note: input.note ?? null, ...(overridden ? { override: overridden } : {}) },
  });
  const row = await get(ctx, a.id);
  await noticeChanged(ctx, pairOf(row), 'resumed');
  await evaluateStudentRisk(ctx, a.studentId);
  return row;
}

/** Ends `a` (status, endedAt, note) and cancels its scheduled sessions; audited. */
async function endAssignment(
  ctx: AuthedContext,
  a: AssignmentState,
  endedAt: string,
  note: string,
): Promise<number> {
  const notes = appendNote(a.notes, endedAt, 'Ended', note);
  await updateAssignment(ctx, a.id, { status: 'ENDED', endedAt, notes });
  const cancelled = await cancelScheduledSessions(ctx, a.id, 'the mentoring assignment ended.');
  await ctx.audit({
    entity: ENTITY,
    entityId: a.id,
    before: { status: a.status, endedAt: a.endedAt },
    after: { status: 'ENDED', endedAt, note, cancelledSessions: cancelled },
  });
  return cancelled;
}

async function end(ctx: AuthedContext, input: In<'assignments:end'>): Promise<AssignmentRow> {
  const a = await loadForChange(ctx, input.id);
  requireStatus(a, ['ACTIVE', 'PAUSED'], 'ended');
  const endedAt = input.endedAt ?? ctx.now;
  if (endedAt > ctx.now) throw invalid('endedAt', 'An assignment cannot end in the future.');
  if (endedAt < a.assignedAt) throw invalid('endedAt', 'The end is before the assignment started.');
  await endAssignment(ctx, a, endedAt, input.note ?? '');
  const row = await get(ctx, a.id);
  await noticeChanged(ctx, pairOf(row), 'ended');
  await evaluateStudentRisk(ctx, a.studentId);
  return row;
}

async function reassign(
  ctx: AuthedContext,
  input: In<'assignments:reassign'>,
): Promise<{ ended: AssignmentRow; started: AssignmentRow }> {
  const a = await loadForChange(ctx, input.id, [input.mentorId]);
  requireStatus(a, ['ACTIVE', 'PAUSED'], 'reassigned');
  if (a.mentorId === input.mentorId) throw invalid('mentorId', 'Choose a different mentor.');
  const mentor = await loadMentor(ctx, input.mentorId, a.departmentId);
  const before = await get(ctx, a.id);
  await requireNoActiveLink(ctx, { id: a.studentId, name: before.studentName }, a.departmentId, {
    except: a.id,
    mentorId: mentor.id,
  });
  const overridden = await checkCapacity(ctx, mentor, input.override);
  await endAssignment(ctx, a, ctx.now, `Reassigned to ${mentor.name}${input.note ? `. ${input.note}` : ''}`);
  const values = { mentorId: mentor.id, studentId: a.studentId, departmentId: a.departmentId, notes: null };
  const id = await insertAssignment(ctx, values);
  await ctx.audit({
    entity: ENTITY,
    entityId: id,
    before: null,
    after: {
      ...values,
      status: 'ACTIVE',
      assignedAt: ctx.now,
      replaces: a.id,
      ...(overridden ? { override: overridden } : {}),
    },
  });
  const [ended, started] = [await get(ctx, a.id), await get(ctx, id)];
  // Listed before the move notices, so the newest in the bell reads "New mentee" first.
  await noticeHandover(ctx, {
    studentId: a.studentId,
    studentName: started.studentName,
    mentorId: mentor.id,
    assignmentId: id,
  });
  await noticeReassigned(ctx, pairOf(ended), pairOf(started));
  await evaluateStudentRisk(ctx, a.studentId);
  return { ended, started };
}

async function updateNotes(
  ctx: AuthedContext,
  input: In<'assignments:update-notes'>,
): Promise<AssignmentRow> {
  const a = await findWritableAssignment(ctx, input.id);
  if (!a) throw notFound('Assignment');
  await updateAssignment(ctx, a.id, { notes: input.notes });
  await ctx.audit({
    entity: ENTITY,
    entityId: a.id,
    before: { notes: a.notes },
    after: { notes: input.notes },
  });
  return resultOf(ctx, () => get(ctx, a.id));
}

export const assignmentsHandlers: HandlersFor<typeof assignmentsContract> = {
  'assignments:assign': assign,
  'assignments:pause': pause,
  'assignments:resume': resume,
  'assignments:end': end,
  'assignments:reassign': reassign,
  'assignments:update-notes': updateNotes,
  'assignments:list': (ctx, input) => listAssignments(ctx.db, ctx.actor, input),
  'assignments:history': async (ctx, input) => ({
    rows: await assignmentHistory(ctx.db, ctx.actor, input.studentId),
  }),
  'assignments:workload': async (ctx, input) => ({ rows: await workload(ctx.db, ctx.actor, input) }),
  ...autoAssignHandlers,
};
