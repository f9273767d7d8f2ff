import type { z } from 'zod';
import type { GoalDetail, goalsContract } from '../../shared/contract/goals.contract.ts';
import type { GoalStatus } from '../../shared/domain/enums.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { evaluateStudentRisk } from '../risk/engine.ts';
import { scopeGoals, scopeStudents } from '../scope/index.ts';
import { findGoal, listGoals, startOfDay } from './goals.repo.ts';

// Goals (issue 4 item 4). Writers: the student for itself, a mentor for a current mentee, admins
// for students in scope: exactly scopeGoals / scopeStudents. The progress rules are documented in
// goals.contract.ts.

type In<K extends keyof typeof goalsContract> = z.output<(typeof goalsContract)[K]['input']>;

const dayToIso = (day: string): string => `${day}T00:00:00.000Z`;

async function get(ctx: AuthedContext, id: string): Promise<GoalDetail> {
  const g = await findGoal(ctx.db, ctx.actor, id, ctx.now);
  if (!g) throw notFound('Goal');
  return g;
}

function checkTarget(ctx: AuthedContext, targetDate: string | null | undefined): void {
  if (targetDate && dayToIso(targetDate) < startOfDay(ctx.now)) {
    throw invalid('targetDate', 'The target date is in the past.');
  }
}

async function studentFor(ctx: AuthedContext, studentId: string | undefined): Promise<string> {
  const id = studentId ?? (ctx.actor.role === 'STUDENT' ? ctx.actor.userId : undefined);
  if (!id) throw invalid('studentId', 'Choose the student the goal is for.');
  if (ctx.actor.role === 'STUDENT' && id !== ctx.actor.userId)
    throw forbidden('You can set goals for yourself only.');
  const row = await ctx.db
    .selectFrom('student_profiles as sp')
    .select('sp.userId')
    .where(scopeStudents(ctx.actor, 'sp'))
    .where('sp.userId', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Student');
  return row.userId;
}

async function create(ctx: AuthedContext, input: In<'goals:create'>): Promise<GoalDetail> {
  const studentId = await studentFor(ctx, input.studentId);
  checkTarget(ctx, input.targetDate);
  const id = ctx.ids();
  const values = {
    studentId,
    title: input.title,
    category: input.category,
    description: input.description ?? null,
    targetDate: input.targetDate ? dayToIso(input.targetDate) : null,
    status: 'NOT_STARTED' as const,
    progressPct: 0,
  };
  await ctx.db
    .insertInto('goals')
    .values({ id, ...values, createdById: ctx.actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  await ctx.audit({ entity: 'goals', entityId: id, before: null, after: values });
  if (values.targetDate) await evaluateStudentRisk(ctx, studentId);
  return resultOf(ctx, () => get(ctx, id));
}

async function loadGoal(ctx: AuthedContext, id: string) {
  const g = await ctx.db
    .selectFrom('goals as g')
    .selectAll('g')
    .where(scopeGoals(ctx.actor, 'g'))
    .where('g.id', '=', id)
    .executeTakeFirst();
  if (!g) throw notFound('Goal');
  return g;
}

async function update(ctx: AuthedContext, input: In<'goals:update'>): Promise<GoalDetail> {
  const g = await loadGoal(ctx, input.id);
  const changes: Record<string, string | null> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.category !== undefined) changes.category = input.category;
  if (input.description !== undefined) changes.description = input.description;
  // The same day again is no change (rows from other tools may carry a time of day).
  const sameDay = input.targetDate != null && g.targetDate?.slice(0, 10) === input.targetDate;
  if (input.targetDate !== undefined && !sameDay) {
    checkTarget(ctx, input.targetDate);
    changes.targetDate = input.targetDate === null ? null : dayToIso(input.targetDate);
  }
  await ctx.db
    .updateTable('goals')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', g.id)
    .execute();
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, g[k as keyof typeof g]]));
  await ctx.audit({ entity: 'goals', entityId: g.id, before, after: changes });
  if (changes.targetDate !== undefined && changes.targetDate !== g.targetDate)
    await evaluateStudentRisk(ctx, g.studentId);
  return resultOf(ctx, () => get(ctx, g.id));
}

/** The status a note sets when none is given (see goals.contract.ts). */
export function impliedStatus(previous: GoalStatus, progressPct: number, given?: GoalStatus): GoalStatus {
  if (given) return given;
  if (progressPct === 100) return 'COMPLETED';
  if (previous === 'AT_RISK') return 'AT_RISK';
  return progressPct === 0 ? 'NOT_STARTED' : 'IN_PROGRESS';
}

/** The goal's progress and status are those of its latest update (by createdAt, then id). */
async function followLatest(
  ctx: AuthedContext,
  goalId: string,
): Promise<{ progressPct: number; status: GoalStatus }> {
  const latest = await ctx.db
    .selectFrom('goal_updates')
    .select(['progressPct', 'status'])
    .where('goalId', '=', goalId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('goals')
    .set({ ...latest, updatedAt: ctx.now })
    .where('id', '=', goalId)
    .execute();
  return latest;
}

async function addUpdate(ctx: AuthedContext, input: In<'goals:add-update'>): Promise<GoalDetail> {
  const g = await loadGoal(ctx, input.goalId);
  const status = impliedStatus(g.status, input.progressPct, input.status);
  const values = { note: input.note, progressPct: status === 'COMPLETED' ? 100 : input.progressPct, status };
  const id = ctx.ids();
  await ctx.db
    .insertInto('goal_updates')
    .values({ id, goalId: g.id, notedById: ctx.actor.userId, ...values, createdAt: ctx.now })
    .execute();
  await ctx.audit({ entity: 'goal_updates', entityId: id, before: null, after: { goalId: g.id, ...values } });
  const now = await followLatest(ctx, g.id);
  await ctx.audit({
    entity: 'goals',
    entityId: g.id,
    before: { progressPct: g.progressPct, status: g.status },
    after: now,
  });
  if (now.status !== g.status) await evaluateStudentRisk(ctx, g.studentId);
  return resultOf(ctx, () => get(ctx, g.id));
}

export const goalsHandlers: HandlersFor<typeof goalsContract> = {
  'goals:create': create,
  'goals:update': update,
  'goals:add-update': addUpdate,
  'goals:list': (ctx, input) => listGoals(ctx.db, ctx.actor, input, ctx.now),
  'goals:get': (ctx, input) => get(ctx, input.id),
  'goals:overdue': (ctx, input) => listGoals(ctx.db, ctx.actor, { ...input, overdue: true }, ctx.now),
};
