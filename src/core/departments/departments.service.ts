import type { z } from 'zod';
import type { departmentsContract } from '../../shared/contract/departments.contract.ts';
import type { AuthedContext } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { findInstitution } from '../institutions/institutions.repo.ts';
import { departmentCodeTaken, findDepartment, listDepartments } from './departments.repo.ts';

type In<K extends keyof typeof departmentsContract> = z.output<(typeof departmentsContract)[K]['input']>;

const codeTaken = (code: string): AppError =>
  new AppError('CONFLICT', `This institution already has a department with the code ${code}.`, [
    { path: 'code', message: 'This code is already in use in the institution.' },
  ]);

/** The institution a new department goes to: a super admin names it, an institution admin gets its own. */
async function targetInstitution(ctx: AuthedContext, requested: string | undefined): Promise<string> {
  const id = requested ?? ctx.actor.institutionId;
  if (!id) throw invalid('institutionId', 'Choose the institution.');
  if (!(await findInstitution(ctx.db, ctx.actor, id))) throw notFound('Institution');
  return id;
}

async function create(ctx: AuthedContext, input: In<'departments:create'>) {
  const institutionId = await targetInstitution(ctx, input.institutionId);
  if (await departmentCodeTaken(ctx.db, institutionId, input.code)) throw codeTaken(input.code);
  const id = ctx.ids();
  const row = { id, institutionId, name: input.name, code: input.code };
  await ctx.db
    .insertInto('departments')
    .values({ ...row, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  await ctx.audit({ entity: 'departments', entityId: id, after: row });
  return (await findDepartment(ctx.db, ctx.actor, id))!;
}

async function update(ctx: AuthedContext, input: In<'departments:update'>) {
  const before = await findDepartment(ctx.db, ctx.actor, input.id);
  if (!before) throw notFound('Department');
  if (
    input.code !== undefined &&
    (await departmentCodeTaken(ctx.db, before.institutionId, input.code, before.id))
  ) {
    throw codeTaken(input.code);
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
  };
  await ctx.db
    .updateTable('departments')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', before.id)
    .execute();
  await ctx.audit({
    entity: 'departments',
    entityId: before.id,
    before: { name: before.name, code: before.code },
    after: changes,
  });
  return (await findDepartment(ctx.db, ctx.actor, before.id))!;
}

export const departmentsHandlers: HandlersFor<typeof departmentsContract> = {
  'departments:list': (ctx, input) => listDepartments(ctx.db, ctx.actor, input),
  'departments:create': create,
  'departments:update': update,
};
