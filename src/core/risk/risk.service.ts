import type { z } from 'zod';
import { DEFAULT_RISK_THRESHOLDS, type riskContract } from '../../shared/contract/risk.contract.ts';
import type { AuthedContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { scopeDepartments } from '../scope/index.ts';
import { readThresholds, writeThresholds } from '../settings/settings.repo.ts';
import { evaluateDepartment } from './engine.ts';

type Out<K extends keyof typeof riskContract> = z.input<(typeof riskContract)[K]['output']>;
type View = Out<'risk:get-thresholds'>;

/**
 * The department a threshold call is about: the one named (in scope), else the actor's own.
 * ROLES.md DEPARTMENT_ADMIN: "risk thresholds for its department"; higher admins: any in scope.
 */
export async function departmentFor(
  ctx: AuthedContext,
  departmentId: string | undefined,
): Promise<{ id: string; name: string }> {
  const id = departmentId ?? ctx.actor.departmentId;
  if (!id) throw invalid('departmentId', 'Choose a department.');
  const row = await ctx.db
    .selectFrom('departments')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where(scopeDepartments(ctx.actor))
    .executeTakeFirst();
  if (!row) throw notFound('Department');
  return row;
}

async function view(ctx: AuthedContext, dept: { id: string; name: string }): Promise<View> {
  const stored = await readThresholds(ctx.db, dept.id);
  return {
    departmentId: dept.id,
    departmentName: dept.name,
    thresholds: stored.thresholds,
    defaults: DEFAULT_RISK_THRESHOLDS,
    isDefault: stored.isDefault,
    updatedAt: stored.updatedAt,
    updatedById: stored.updatedById,
  };
}

export const riskHandlers: HandlersFor<typeof riskContract> = {
  'risk:get-thresholds': async (ctx, input) => view(ctx, await departmentFor(ctx, input.departmentId)),
  'risk:set-thresholds': async (ctx, input) => {
    const dept = await departmentFor(ctx, input.departmentId);
    const before = await readThresholds(ctx.db, dept.id);
    await writeThresholds(ctx.db, dept.id, input.thresholds, ctx.actor.userId, ctx.now);
    await ctx.audit({
      entity: 'departments',
      entityId: dept.id,
      before: { riskThresholds: before.isDefault ? null : before.thresholds },
      after: { riskThresholds: input.thresholds },
    });
    // New thresholds change who is at risk: levels and alerts follow in the same transaction.
    const run = await evaluateDepartment(ctx, dept.id);
    return { view: await view(ctx, dept), run };
  },
  'risk:run-department': async (ctx, input) => {
    const dept = await departmentFor(ctx, input.departmentId);
    const run = await evaluateDepartment(ctx, dept.id);
    await ctx.audit({ entity: 'departments', entityId: dept.id, after: run });
    return run;
  },
};
