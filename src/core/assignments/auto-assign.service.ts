import { sql } from 'kysely';
import type { z } from 'zod';
import type { AutoAssignPreview, assignmentsContract } from '../../shared/contract/assignments.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { HandlersFor } from '../handler-types.ts';
import { col, hasRole, scopeUsers } from '../scope/index.ts';
import { requireDepartment } from './assignment-rules.ts';
import { findAssignments, fullName } from './assignments.repo.ts';
import {
  activeCounts,
  currentLinks,
  findPeople,
  insertAssignment,
  lockUsers,
  type Person,
} from './assignments-write.repo.ts';
import { noticeAssigned } from './assignments.notices.ts';
import { evaluateStudents } from '../risk/engine.ts';
import { planAutoAssign, type PlanMentor, type PlanStudent } from './auto-assign.ts';

type Contract = typeof assignmentsContract;
type In<K extends keyof Contract> = z.output<Contract[K]['input']>;
type Out<K extends keyof Contract> = z.input<Contract[K]['output']>;

/** Active students of the department (in scope) with no ACTIVE or PAUSED assignment there. */
async function unassignedStudents(ctx: AuthedContext, departmentId: string): Promise<PlanStudent[]> {
  const linked = sql`(select ${col('ul', 'studentId')} from ${sql.table('mentor_assignments')} as ${sql.raw('ul')}
    where ${col('ul', 'departmentId')} = ${departmentId} and ${col('ul', 'status')} in ('ACTIVE', 'PAUSED'))`;
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('student_profiles as sp', 'sp.userId', 'u.id')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .where(scopeUsers(ctx.actor, 'u'))
    .where(hasRole('u', 'STUDENT'))
    .where('u.status', '=', 'ACTIVE')
    .where('u.departmentId', '=', departmentId)
    .where(sql<boolean>`${col('u', 'id')} not in ${linked}`)
    .select(['u.id', 'p.firstName', 'p.lastName', 'sp.rollNumber', 'sp.program'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    rollNumber: r.rollNumber,
    program: r.program,
  }));
}

/** Active mentors of the department (in scope) that are not UNAVAILABLE, with their active count. */
async function availableMentors(ctx: AuthedContext, departmentId: string): Promise<PlanMentor[]> {
  const rows = await ctx.db
    .selectFrom('users as u')
    .innerJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
    .leftJoin('user_profiles as p', 'p.userId', 'u.id')
    .where(scopeUsers(ctx.actor, 'u'))
    .where(hasRole('u', 'MENTOR'))
    .where('u.status', '=', 'ACTIVE')
    .where('u.departmentId', '=', departmentId)
    .where('mp.availabilityStatus', '!=', 'UNAVAILABLE')
    .select([
      'u.id',
      'p.firstName',
      'p.lastName',
      'mp.specialization',
      'mp.availabilityStatus',
      'mp.maxMentees',
    ])
    .execute();
  const counts = await activeCounts(
    ctx,
    rows.map((r) => r.id),
    { lock: false },
  );
  return rows.map((r) => ({
    id: r.id,
    name: fullName(r.firstName, r.lastName),
    specialization: r.specialization,
    availabilityStatus: r.availabilityStatus,
    maxMentees: r.maxMentees,
    active: counts.get(r.id) ?? 0,
  }));
}

async function preview(
  ctx: AuthedContext,
  input: In<'assignments:auto-assign-preview'>,
): Promise<AutoAssignPreview> {
  await requireDepartment(ctx, input.departmentId);
  const students = await unassignedStudents(ctx, input.departmentId);
  const mentors = await availableMentors(ctx, input.departmentId);
  const plan = planAutoAssign(students, mentors);
  return {
    departmentId: input.departmentId,
    plan: plan.pairs.map(({ student, mentor, matched }) => ({
      studentId: student.id,
      studentName: student.name,
      rollNumber: student.rollNumber,
      program: student.program,
      mentorId: mentor.id,
      mentorName: mentor.name,
      specialization: mentor.specialization,
      matched,
    })),
    unplaced: plan.unplaced.map((u) => ({
      studentId: u.student.id,
      studentName: u.student.name,
      reason: u.reason,
    })),
    mentors: [...mentors]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
      .map((m) => ({
        mentorId: m.id,
        mentorName: m.name,
        availabilityStatus: m.availabilityStatus,
        maxMentees: m.maxMentees,
        activeBefore: m.active,
        activeAfter: m.active + (plan.load.get(m.id) ?? 0),
      })),
  };
}

interface CommitState {
  departmentId: string;
  people: Map<string, Person>;
  linked: Set<string>;
  counts: Map<string, number>;
}

/** Why a planned pair can no longer be made, or null when it still fits every rule. */
function skipReason(s: CommitState, studentId: string, mentorId: string): string | null {
  const student = s.people.get(studentId);
  const mentor = s.people.get(mentorId);
  const member = (p: Person | undefined, role: string): boolean =>
    !!p && p.role === role && p.status === 'ACTIVE' && p.departmentId === s.departmentId;
  if (!member(student, 'STUDENT')) return 'No longer an active student of this department.';
  if (s.linked.has(studentId)) return 'Already has a mentor in this department (assigned meanwhile).';
  if (!member(mentor, 'MENTOR')) return 'The mentor is no longer an active mentor of this department.';
  if (mentor!.availabilityStatus === 'UNAVAILABLE') return 'The mentor is now marked unavailable.';
  const count = s.counts.get(mentorId) ?? 0;
  const max = mentor!.maxMentees ?? 0;
  if (count >= max) return `The mentor has no capacity left (${count} of ${max} mentees).`;
  return null;
}

/** Re-checks every pair under locks; creates those that still fit, reports the others. */
async function commit(
  ctx: AuthedContext,
  input: In<'assignments:auto-assign-commit'>,
): Promise<Out<'assignments:auto-assign-commit'>> {
  const studentIds = input.plan.map((p) => p.studentId);
  const mentorIds = input.plan.map((p) => p.mentorId);
  await lockUsers(ctx, [...studentIds, ...mentorIds]);
  await requireDepartment(ctx, input.departmentId);
  const state: CommitState = {
    departmentId: input.departmentId,
    people: await findPeople(ctx.db, ctx.actor, [...studentIds, ...mentorIds]),
    linked: new Set((await currentLinks(ctx, studentIds, input.departmentId)).map((l) => l.studentId)),
    counts: await activeCounts(ctx, mentorIds),
  };
  const createdIds: string[] = [];
  const skipped: { studentId: string; mentorId: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const { studentId, mentorId } of input.plan) {
    const reason = seen.has(studentId)
      ? 'Listed more than once in the plan.'
      : skipReason(state, studentId, mentorId);
    seen.add(studentId);
    if (reason) {
      skipped.push({ studentId, mentorId, reason });
      continue;
    }
    const values = { mentorId, studentId, departmentId: input.departmentId, notes: null };
    const id = await insertAssignment(ctx, values);
    await ctx.audit({
      entity: 'mentor_assignments',
      entityId: id,
      before: null,
      after: { ...values, status: 'ACTIVE', assignedAt: ctx.now, autoAssigned: true },
    });
    state.linked.add(studentId);
    state.counts.set(mentorId, (state.counts.get(mentorId) ?? 0) + 1);
    createdIds.push(id);
  }
  const created = await findAssignments(ctx.db, ctx.actor, createdIds);
  for (const r of created) {
    await noticeAssigned(ctx, {
      assignmentId: r.id,
      student: { id: r.studentId, name: r.studentName, rollNumber: r.rollNumber },
      mentor: { id: r.mentorId, name: r.mentorName },
    });
  }
  // The engine's "no session for N weeks" rule counts from the start of an ACTIVE assignment.
  await evaluateStudents(
    ctx,
    created.map((r) => r.studentId),
  );
  return { created, skipped };
}

export const autoAssignHandlers: Pick<
  HandlersFor<Contract>,
  'assignments:auto-assign-preview' | 'assignments:auto-assign-commit'
> = {
  'assignments:auto-assign-preview': preview,
  'assignments:auto-assign-commit': commit,
};
