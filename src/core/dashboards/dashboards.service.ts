import type { dashboardsContract } from '../../shared/contract/dashboards.contract.ts';
import type { AuthedContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { scopeDepartments } from '../scope/index.ts';
import { adminDashboard } from './admin.dashboard.ts';
import { departmentDashboard } from './department.dashboard.ts';
import { mentorDashboard } from './mentor.dashboard.ts';
import { studentDashboard } from './student.dashboard.ts';

/** The department asked for (or the actor's own), if it is in the actor's scope. */
async function department(ctx: AuthedContext, id: string | undefined): Promise<{ id: string; name: string }> {
  const want = id ?? ctx.actor.departmentId;
  if (!want) throw invalid('departmentId', 'Choose a department.');
  const row = await ctx.db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .where('d.id', '=', want)
    .where(scopeDepartments(ctx.actor, 'd'))
    .executeTakeFirst();
  if (!row) throw notFound('Department');
  return row;
}

export const dashboardsHandlers: HandlersFor<typeof dashboardsContract> = {
  'dashboards:admin': (ctx) => adminDashboard(ctx),
  'dashboards:department': async (ctx, input) =>
    departmentDashboard(ctx.db, await department(ctx, input.departmentId), ctx.now),
  'dashboards:mentor': (ctx) => mentorDashboard(ctx),
  'dashboards:student': (ctx) => studentDashboard(ctx),
};
