import type { z } from 'zod';
import type { institutionsContract } from '../../shared/contract/institutions.contract.ts';
import type { AuthedContext } from '../context.ts';
import { AppError, forbidden, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { findInstitution, institutionCodeTaken, listInstitutions } from './institutions.repo.ts';

type In<K extends keyof typeof institutionsContract> = z.output<(typeof institutionsContract)[K]['input']>;

const codeTaken = (code: string): AppError =>
  new AppError('CONFLICT', `Another institution already uses the code ${code}.`, [
    { path: 'code', message: 'This code is already in use.' },
  ]);

async function create(ctx: AuthedContext, input: In<'institutions:create'>) {
  if (await institutionCodeTaken(ctx.db, input.code)) throw codeTaken(input.code);
  const id = ctx.ids();
  const row = {
    id,
    name: input.name,
    code: input.code,
    address: input.address ?? null,
    contactEmail: input.contactEmail ?? null,
  };
  await ctx.db
    .insertInto('institutions')
    .values({ ...row, createdAt: ctx.now, updatedAt: ctx.now })
    .execute();
  await ctx.audit({ entity: 'institutions', entityId: id, after: row });
  return (await findInstitution(ctx.db, ctx.actor, id))!;
}

/** SUPER_ADMIN edits any institution; INSTITUTION_ADMIN its own, except the code (other systems key on it). */
async function update(ctx: AuthedContext, input: In<'institutions:update'>) {
  const before = await findInstitution(ctx.db, ctx.actor, input.id);
  if (!before) throw notFound('Institution');
  if (input.code !== undefined && input.code !== before.code) {
    if (ctx.actor.role !== 'SUPER_ADMIN')
      throw forbidden('Only a super admin can change an institution code.');
    if (await institutionCodeTaken(ctx.db, input.code, before.id)) throw codeTaken(input.code);
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.code !== undefined ? { code: input.code } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.contactEmail !== undefined ? { contactEmail: input.contactEmail } : {}),
  };
  await ctx.db
    .updateTable('institutions')
    .set({ ...changes, updatedAt: ctx.now })
    .where('id', '=', before.id)
    .execute();
  const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof typeof before]]));
  await ctx.audit({ entity: 'institutions', entityId: before.id, before: previous, after: changes });
  return (await findInstitution(ctx.db, ctx.actor, before.id))!;
}

export const institutionsHandlers: HandlersFor<typeof institutionsContract> = {
  'institutions:list': (ctx, input) => listInstitutions(ctx.db, ctx.actor, input),
  'institutions:create': create,
  'institutions:update': update,
};
