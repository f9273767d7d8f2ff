import { sql } from 'kysely';
import type { setupContract } from '../../shared/contract/setup.contract.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { idleTimeoutMinutes } from '../auth/actor.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/policy.ts';
import type { z } from 'zod';

type InitializeInput = z.output<(typeof setupContract)['setup:initialize']['input']>;

async function userCount(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function status(ctx: ServiceContext) {
  return { needsSetup: (await userCount(ctx)) === 0 };
}

/**
 * The first administrator is a SUPER_ADMIN: on a standalone office install the person who sets it
 * up owns the system. It runs only while the database has no users at all, checked inside the
 * transaction so two windows cannot both initialise.
 */
async function initialize(ctx: ServiceContext, input: InitializeInput) {
  if ((await userCount(ctx)) > 0) {
    throw new AppError('CONFLICT', 'This database is already set up. Sign in instead.');
  }
  const problem = passwordProblem(input.admin.password, 'SUPER_ADMIN', input.admin.email);
  if (problem) throw invalid('admin.password', problem);

  const role = await ctx.db
    .selectFrom('roles')
    .select('id')
    .where('name', '=', 'SUPER_ADMIN')
    .executeTakeFirstOrThrow();
  const institutionId = ctx.ids();
  const departmentId = ctx.ids();
  const userId = ctx.ids();
  const stamp = { createdAt: ctx.now, updatedAt: ctx.now };
  await ctx.db
    .insertInto('institutions')
    .values({ id: institutionId, ...input.institution, address: null, contactEmail: null, ...stamp })
    .execute();
  await ctx.db
    .insertInto('departments')
    .values({ id: departmentId, institutionId, ...input.department, ...stamp })
    .execute();
  await ctx.db
    .insertInto('users')
    .values({
      id: userId,
      institutionId,
      departmentId,
      roleId: role.id,
      email: input.admin.email,
      passwordHash: await hashPassword(input.admin.password),
      status: 'ACTIVE',
      lastLoginAt: ctx.now,
      ...stamp,
    })
    .execute();
  await ctx.db
    .insertInto('user_profiles')
    .values({
      userId,
      firstName: input.admin.firstName,
      lastName: input.admin.lastName,
      phone: null,
      avatarUrl: null,
      title: null,
      bio: null,
      ...stamp,
    })
    .execute();
  await ctx.audit({
    entity: 'institutions',
    entityId: institutionId,
    userId,
    after: { institution: input.institution, department: input.department, admin: input.admin.email },
  });
  ctx.session.userId = userId;
  ctx.session.lastActivityMs = ctx.clock.now().getTime();
  return {
    user: {
      id: userId,
      email: input.admin.email,
      role: 'SUPER_ADMIN' as const,
      firstName: input.admin.firstName,
      lastName: input.admin.lastName,
      institutionId,
      departmentId,
    },
    idleTimeoutMinutes: idleTimeoutMinutes('SUPER_ADMIN'),
  };
}

export const setupHandlers: HandlersFor<typeof setupContract> = {
  'setup:status': status,
  'setup:initialize': initialize,
};
