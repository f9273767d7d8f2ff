import type { z } from 'zod';
import type { UserDetail, usersContract } from '../../shared/contract/users.contract.ts';
import type { RoleName } from '../../shared/domain/enums.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { canGrantRole, canManageUser } from '../scope/index.ts';
import { DEPARTMENT_ROLES, resolvePlacement, type Placement } from './placement.ts';
import { createUser, emailConflict } from './users-create.ts';
import {
  currentAssignmentCount,
  emailTaken,
  findUserDetail,
  findUserTarget,
  listUsers,
  roleId,
  type UserTarget,
} from './users.repo.ts';
import {
  ensureMentorProfile,
  updateProfile,
  updateUserAccount,
  type ProfileChanges,
  profileValues,
  type UserAccountChanges,
} from './users-write.repo.ts';

type In<K extends keyof typeof usersContract> = z.output<(typeof usersContract)[K]['input']>;

const PROFILE_KEYS = ['firstName', 'lastName', 'phone', 'title', 'bio', 'avatarUrl'] as const;

/** The subset of `obj` named by `keys` that is not undefined (audit before/after of changed fields). */
function pick<T extends object>(obj: T, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (obj as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

async function detailOrNotFound(ctx: AuthedContext, id: string): Promise<UserDetail> {
  const user = await findUserDetail(ctx.db, ctx.actor, id);
  if (!user) throw notFound('User');
  return user;
}

/** A user the actor may manage, or the error an office user should see. */
export async function managedTarget(ctx: AuthedContext, id: string): Promise<UserTarget> {
  const target = await findUserTarget(ctx.db, ctx.actor, id);
  if (!target) throw notFound('User');
  if (!canManageUser(ctx.actor, target)) throw forbidden('You cannot manage this account.');
  return target;
}

/** Rules for a role change (ROLES.md: grant only what you may; INSTITUTION_ADMIN never its own role). */
async function checkRoleChange(ctx: AuthedContext, target: UserTarget, role: RoleName): Promise<void> {
  if (target.id === ctx.actor.userId) throw forbidden('You cannot change your own role.');
  if (!canGrantRole(ctx.actor, role)) throw forbidden('You cannot give this role.');
  if (role === 'STUDENT' || target.role === 'STUDENT') {
    throw conflict(
      'Student accounts keep their role: their records belong to the student. Create a new account instead.',
    );
  }
  if (target.role === 'MENTOR' && (await currentAssignmentCount(ctx.db, target.id)) > 0) {
    throw conflict('This mentor still has current mentees. End or reassign those assignments first.');
  }
}

async function newPlacement(
  ctx: AuthedContext,
  target: UserTarget,
  role: RoleName,
  departmentId: string | null | undefined,
): Promise<Placement | undefined> {
  if (departmentId === undefined || departmentId === target.departmentId) {
    if (DEPARTMENT_ROLES.includes(role) && !target.departmentId) {
      throw invalid('departmentId', 'Choose the department this account belongs to.');
    }
    return undefined;
  }
  if ((await currentAssignmentCount(ctx.db, target.id)) > 0) {
    throw conflict('This account has current mentor assignments. End or reassign them before moving it.');
  }
  return resolvePlacement(ctx, role, { departmentId, institutionId: target.institutionId });
}

async function accountChanges(
  ctx: AuthedContext,
  target: UserTarget,
  input: In<'users:update'>,
): Promise<UserAccountChanges> {
  const changes: UserAccountChanges = {};
  const role = input.role ?? target.role;
  if (input.role !== undefined && input.role !== target.role) {
    await checkRoleChange(ctx, target, input.role);
    changes.roleId = await roleId(ctx.db, input.role);
  }
  const placement = await newPlacement(ctx, target, role, input.departmentId);
  if (placement) Object.assign(changes, placement);
  if (input.email !== undefined && input.email !== target.email) {
    if (await emailTaken(ctx.db, input.email, target.id)) throw emailConflict();
    changes.email = input.email;
  }
  return changes;
}

async function update(ctx: AuthedContext, input: In<'users:update'>): Promise<UserDetail> {
  const target = await managedTarget(ctx, input.id);
  const before = await detailOrNotFound(ctx, target.id);
  const account = await accountChanges(ctx, target, input);
  const profile = pick(input, PROFILE_KEYS) as ProfileChanges;
  if (Object.keys(account).length > 0) await updateUserAccount(ctx.db, target.id, account, ctx.now);
  if (Object.keys(profile).length > 0) await updateProfile(ctx.db, target.id, profile, ctx.now);
  if (input.role === 'MENTOR' && target.role !== 'MENTOR')
    await ensureMentorProfile(ctx.db, target.id, {}, ctx.now);
  const after = await detailOrNotFound(ctx, target.id);
  const keys = [...Object.keys(profile), ...Object.keys(account).map((k) => (k === 'roleId' ? 'role' : k))];
  await ctx.audit({
    entity: 'users',
    entityId: target.id,
    before: pick(before, keys),
    after: pick(after, keys),
  });
  return after;
}

/**
 * ACTIVE/DISABLED. Nobody disables themselves (the office would lock itself out). Enabling an
 * invited-then-disabled account puts it back to INVITED: it still has no password to sign in with.
 */
async function setStatus(ctx: AuthedContext, input: In<'users:set-status'>): Promise<UserDetail> {
  const target = await managedTarget(ctx, input.id);
  if (target.id === ctx.actor.userId) throw forbidden('You cannot change the status of your own account.');
  if (input.status === 'ACTIVE' && target.status === 'INVITED') {
    throw new AppError(
      'CONFLICT',
      'This account has not chosen a password yet. Issue a one-time code so the user can activate it.',
    );
  }
  const status = input.status === 'ACTIVE' && !target.hasPassword ? 'INVITED' : input.status;
  if (status !== target.status) await updateUserAccount(ctx.db, target.id, { status }, ctx.now);
  await ctx.audit({
    entity: 'users',
    entityId: target.id,
    before: { status: target.status },
    after: { status },
  });
  return resultOf(ctx, () => detailOrNotFound(ctx, target.id));
}

/** ROLES.md: everybody edits its own profile; students "own contact details (phone, bio, avatar)". */
async function updateOwnProfile(
  ctx: AuthedContext,
  input: In<'users:update-own-profile'>,
): Promise<UserDetail> {
  if (ctx.actor.role === 'STUDENT' && input.title !== undefined) {
    throw invalid('title', 'Students can change their phone, bio and avatar only.');
  }
  const changes = pick(input, PROFILE_KEYS) as ProfileChanges;
  const keys = Object.keys(changes) as (keyof ProfileChanges)[];
  const before = await profileValues(ctx.db, ctx.actor.userId, keys);
  if (keys.length > 0) await updateProfile(ctx.db, ctx.actor.userId, changes, ctx.now);
  await ctx.audit({ entity: 'user_profiles', entityId: ctx.actor.userId, before, after: changes });
  return resultOf(ctx, () => detailOrNotFound(ctx, ctx.actor.userId));
}

export const usersHandlers: HandlersFor<typeof usersContract> = {
  'users:list': (ctx, input) => listUsers(ctx.db, ctx.actor, input),
  'users:get': (ctx, input) => detailOrNotFound(ctx, input.id),
  'users:create': createUser,
  'users:update': update,
  'users:set-status': setStatus,
  'users:update-own-profile': updateOwnProfile,
};
