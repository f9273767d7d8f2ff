import type { z } from 'zod';
import type { MentorRow, mentorsContract } from '../../shared/contract/mentors.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { canManageUser } from '../scope/index.ts';
import { findUserTarget } from '../users/users.repo.ts';
import { findMentor, listMentors } from './mentors.repo.ts';

type UpdateInput = z.output<(typeof mentorsContract)['mentors:update-profile']['input']>;

const PROFILE_KEYS = [
  'designation',
  'specialization',
  'maxMentees',
  'capacityDefault',
  'availabilityStatus',
] as const;

async function get(ctx: AuthedContext, id: string): Promise<MentorRow> {
  const mentor = await findMentor(ctx.db, ctx.actor, id);
  if (!mentor) throw notFound('Mentor');
  return mentor;
}

/**
 * Admins in scope edit every field (DEPARTMENT_ADMIN: its department's mentors). A mentor may set
 * only its own availabilityStatus; capacity is the department's decision (it gates assignments).
 */
async function checkRights(ctx: AuthedContext, mentor: MentorRow, input: UpdateInput): Promise<void> {
  if (ctx.actor.role === 'MENTOR') {
    if (mentor.id !== ctx.actor.userId) throw forbidden('You can only change your own availability.');
    const others = PROFILE_KEYS.filter((k) => k !== 'availabilityStatus' && input[k] !== undefined);
    if (others.length > 0)
      throw forbidden('Your department office sets designation, specialization and capacity.');
    return;
  }
  const target = await findUserTarget(ctx.db, ctx.actor, mentor.id);
  if (!target || !canManageUser(ctx.actor, target))
    throw forbidden('You cannot change this mentor’s profile.');
}

async function updateProfile(ctx: AuthedContext, input: UpdateInput): Promise<MentorRow> {
  const before = await get(ctx, input.id);
  await checkRights(ctx, before, input);
  const changes: Record<string, unknown> = {};
  for (const k of PROFILE_KEYS) if (input[k] !== undefined) changes[k] = input[k];
  await ctx.db
    .updateTable('mentor_profiles')
    .set({ ...changes, updatedAt: ctx.now })
    .where('userId', '=', before.id)
    .execute();
  const previous = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof MentorRow]]));
  await ctx.audit({ entity: 'mentor_profiles', entityId: before.id, before: previous, after: changes });
  return resultOf(ctx, () => get(ctx, before.id));
}

export const mentorsHandlers: HandlersFor<typeof mentorsContract> = {
  'mentors:list': (ctx, input) => listMentors(ctx.db, ctx.actor, input),
  'mentors:update-profile': updateProfile,
};
