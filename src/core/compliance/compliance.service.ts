import type { z } from 'zod';
import { DEFAULT_NORMS, type complianceContract } from '../../shared/contract/compliance.contract.ts';
import type { AuthedContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { departmentFor } from '../risk/risk.service.ts';
import type { HandlersFor } from '../handler-types.ts';
import { scopeAssignments } from '../scope/index.ts';
import { istDayStart } from '../reports/format.ts';
import { addDays } from '../reports/format.ts';
import { loadSheet } from './compliance.queries.ts';
import { readNorms, writeNorms } from './norms.repo.ts';
import { semesterOf } from './semester.ts';
import { printComplianceSheet } from './compliance-print.ts';

type Out<K extends keyof typeof complianceContract> = z.input<(typeof complianceContract)[K]['output']>;

async function normsView(
  ctx: AuthedContext,
  dept: { id: string; name: string },
): Promise<Out<'compliance:get-norms'>> {
  const stored = await readNorms(ctx.db, dept.id);
  return {
    departmentId: dept.id,
    departmentName: dept.name,
    norms: stored.norms,
    defaults: DEFAULT_NORMS,
    isDefault: stored.isDefault,
    updatedAt: stored.updatedAt,
  };
}

/** "As of" a day: the end of that IST day, never later than now (a sheet cannot count the future). */
function asOfInstant(ctx: AuthedContext, day: string | undefined): string {
  if (!day) return ctx.now;
  const end = new Date(Date.parse(istDayStart(addDays(day, 1))) - 1).toISOString();
  return end < ctx.now ? end : ctx.now;
}

export interface SheetInput {
  departmentId?: string;
  mentorId?: string;
  asOf?: string;
}

/** A mentor's sheet is always its own; admins may narrow theirs to one mentor of the department. */
export async function sheetFor(ctx: AuthedContext, input: SheetInput) {
  const dept = await departmentFor(ctx, input.departmentId);
  if (ctx.actor.role === 'MENTOR' && input.mentorId && input.mentorId !== ctx.actor.userId)
    throw notFound('The mentor');
  const mentorId = ctx.actor.role === 'MENTOR' ? ctx.actor.userId : input.mentorId;
  const asOf = asOfInstant(ctx, input.asOf);
  const { norms } = await readNorms(ctx.db, dept.id);
  return loadSheet(ctx.db, {
    departmentId: dept.id,
    departmentName: dept.name,
    semester: semesterOf(asOf),
    asOf,
    norms,
    scope: scopeAssignments(ctx.actor, 'a'),
    mentorId,
  });
}

export const complianceHandlers: HandlersFor<typeof complianceContract> = {
  'compliance:get-norms': async (ctx, input) => normsView(ctx, await departmentFor(ctx, input.departmentId)),
  'compliance:set-norms': async (ctx, input) => {
    const dept = await departmentFor(ctx, input.departmentId);
    const before = await readNorms(ctx.db, dept.id);
    await writeNorms(ctx.db, dept.id, input.norms, ctx.actor.userId, ctx.now);
    await ctx.audit({
      entity: 'department_norms',
      entityId: dept.id,
      before: before.isDefault ? null : before.norms,
      after: input.norms,
    });
    return normsView(ctx, dept);
  },
  'compliance:sheet': (ctx, input) => sheetFor(ctx, input),
  'compliance:pdf': async (ctx, input) => printComplianceSheet(ctx, input, await sheetFor(ctx, input)),
};
