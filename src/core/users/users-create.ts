import type { z } from 'zod';
import type { usersContract } from '../../shared/contract/users.contract.ts';
import type { AuthedContext } from '../context.ts';
import { AppError, forbidden, invalid } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/policy.ts';
import { generateResetToken, hashResetToken, RESET_TOKEN_TTL_MS } from '../auth/reset-token.ts';
import { canGrantRole } from '../scope/index.ts';
import { resolvePlacement } from './placement.ts';
import { emailTaken, findUserDetail, NO_PASSWORD_PREFIX, roleId, rollNumberTaken } from './users.repo.ts';
import {
  ensureMentorProfile,
  insertStudentProfile,
  insertUser,
  replaceResetCode,
} from './users-write.repo.ts';

type CreateInput = z.output<(typeof usersContract)['users:create']['input']>;
type CreateOutput = z.input<(typeof usersContract)['users:create']['output']>;

export const emailConflict = (): AppError =>
  new AppError('CONFLICT', 'Another account already uses this email address.', [
    { path: 'email', message: 'This email is already in use.' },
  ]);

function checkRoleProfiles(input: CreateInput): void {
  if (input.role === 'STUDENT' && !input.student) {
    throw invalid('student.rollNumber', 'A student account needs a roll number.');
  }
  if (input.role !== 'STUDENT' && input.student) {
    throw invalid('student', 'Only student accounts have student details.');
  }
  if (input.role !== 'MENTOR' && input.mentor) {
    throw invalid('mentor', 'Only mentor accounts have mentor details.');
  }
}

/**
 * An invited account gets a placeholder instead of a hash (no password can match it) and a
 * one-time code the office hands over; the user chooses a password with it (auth:reset-password),
 * which also activates the account.
 */
export async function issueCode(
  ctx: AuthedContext,
  userId: string,
): Promise<{ code: string; expiresAt: string }> {
  const code = generateResetToken();
  const expiresAt = new Date(Date.parse(ctx.now) + RESET_TOKEN_TTL_MS).toISOString();
  await replaceResetCode(ctx.db, {
    id: ctx.ids(),
    userId,
    tokenHash: hashResetToken(code),
    expiresAt,
    createdAt: ctx.now,
  });
  return { code, expiresAt };
}

/** What an invited account stores instead of a hash (users:create and roster imports). */
export const invitedPasswordHash = (placeholder: () => string): string =>
  `${NO_PASSWORD_PREFIX}${placeholder()}`;

async function initialHash(input: CreateInput, placeholder: () => string): Promise<string> {
  if (input.initialPassword === undefined) return invitedPasswordHash(placeholder);
  const problem = passwordProblem(input.initialPassword, input.role, input.email);
  if (problem) throw invalid('initialPassword', problem);
  return hashPassword(input.initialPassword);
}

export async function createUser(ctx: AuthedContext, input: CreateInput): Promise<CreateOutput> {
  if (!canGrantRole(ctx.actor, input.role)) {
    throw forbidden('You cannot create accounts with this role.');
  }
  checkRoleProfiles(input);
  const placement = await resolvePlacement(ctx, input.role, input);
  if (await emailTaken(ctx.db, input.email)) throw emailConflict();
  if (input.student && (await rollNumberTaken(ctx.db, input.student.rollNumber))) {
    throw new AppError('CONFLICT', `Roll number ${input.student.rollNumber} belongs to another student.`, [
      { path: 'student.rollNumber', message: 'This roll number is already in use.' },
    ]);
  }
  const id = ctx.ids();
  const status = input.initialPassword === undefined ? 'INVITED' : 'ACTIVE';
  await insertUser(
    ctx.db,
    {
      id,
      email: input.email,
      roleId: await roleId(ctx.db, input.role),
      ...placement,
      passwordHash: await initialHash(input, ctx.ids),
      status,
      firstName: input.firstName,
      lastName: input.lastName,
      title: input.title ?? null,
      phone: input.phone ?? null,
    },
    ctx.now,
  );
  if (input.student) await insertStudentProfile(ctx.db, id, input.student, ctx.now);
  if (input.role === 'MENTOR') await ensureMentorProfile(ctx.db, id, input.mentor ?? {}, ctx.now);
  const code = status === 'INVITED' ? await issueCode(ctx, id) : null;
  await ctx.audit({
    entity: 'users',
    entityId: id,
    after: {
      email: input.email,
      role: input.role,
      status,
      ...placement,
      firstName: input.firstName,
      lastName: input.lastName,
      student: input.student ?? null,
      mentor: input.mentor ?? null,
      resetCodeIssued: code !== null,
    },
  });
  const user = await findUserDetail(ctx.db, ctx.actor, id);
  if (!user) throw new Error('created user is outside the creator scope');
  return { user, resetCode: code?.code ?? null, resetExpiresAt: code?.expiresAt ?? null };
}
