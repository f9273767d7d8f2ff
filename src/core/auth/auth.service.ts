import type { authContract } from '../../shared/contract/auth.contract.ts';
import type { CurrentUser } from '../../shared/domain/user.ts';
import type { ServiceContext } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { idleTimeoutMinutes } from './actor.ts';
import {
  findLoginUser,
  findResetByHash,
  recentSignInEvents,
  setPasswordHash,
  type LoginUserRow,
} from './auth.repo.ts';
import { hashPassword, needsRehash, verifyPassword } from './password.ts';
import { passwordProblem } from './policy.ts';
import { hashResetToken } from './reset-token.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

// Compared against when the email is unknown, so a wrong email costs the same time as a wrong
// password and response timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
const timingDummy = (): Promise<string> => (dummyHash ??= hashPassword('timing-equaliser'));

const SIGN_IN_EVENTS = ['auth:login', 'auth:login-failed', 'auth:reset-password'] as const;
const WRONG_CREDENTIALS = 'The email or password is not correct.';

/** Minutes left on a lockout (5 failures in a row, the last within 15 minutes), or 0. */
async function lockoutMinutesLeft(ctx: ServiceContext, userId: string): Promise<number> {
  const events = await recentSignInEvents(ctx.db, userId, SIGN_IN_EVENTS, MAX_FAILED_LOGINS);
  if (events.length < MAX_FAILED_LOGINS || events.some((e) => e.action !== 'auth:login-failed')) return 0;
  const lockedUntil = new Date(events[0]!.createdAt).getTime() + LOCKOUT_MS;
  const left = lockedUntil - ctx.clock.now().getTime();
  return left > 0 ? Math.ceil(left / 60_000) : 0;
}

function refuse(code: 'UNAUTHENTICATED' | 'FORBIDDEN' | 'RATE_LIMITED', message: string): AppError {
  return new AppError(code, message, undefined, true);
}

function statusRefusal(user: LoginUserRow): AppError | null {
  if (user.status === 'DISABLED') {
    return refuse('FORBIDDEN', 'This account has been disabled. Please contact your department office.');
  }
  if (user.status === 'INVITED') {
    return refuse(
      'FORBIDDEN',
      'This account is not activated yet. Ask your department office for a one-time code, then choose a password with "Use a reset code".',
    );
  }
  return null;
}

const publicUser = (u: LoginUserRow): CurrentUser => ({
  id: u.id,
  email: u.email,
  role: u.role,
  firstName: u.firstName,
  lastName: u.lastName,
  institutionId: u.institutionId,
  departmentId: u.departmentId,
});

async function login(ctx: ServiceContext, input: { email: string; password: string }) {
  const user = await findLoginUser(ctx.db, { email: input.email });
  if (!user) {
    await verifyPassword(input.password, await timingDummy());
    await ctx.audit({
      action: 'auth:login-failed',
      entity: 'auth',
      userId: null,
      after: { email: input.email },
    });
    throw refuse('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  const audit = (action: string, after?: unknown) =>
    ctx.audit({ action, entity: 'users', entityId: user.id, userId: user.id, after });

  const locked = await lockoutMinutesLeft(ctx, user.id);
  if (locked > 0) {
    await audit('auth:login-locked');
    throw refuse(
      'RATE_LIMITED',
      `Too many failed attempts. This account is locked; try again in ${locked} minute${locked === 1 ? '' : 's'}.`,
    );
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await audit('auth:login-failed');
    const nowLocked = (await lockoutMinutesLeft(ctx, user.id)) > 0;
    throw nowLocked
      ? refuse('RATE_LIMITED', 'Too many failed attempts. This account is locked for 15 minutes.')
      : refuse('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }
  // Status is revealed only to someone who knows the password.
  const refusal = statusRefusal(user);
  if (refusal) {
    await audit('auth:login-refused', { status: user.status });
    throw refusal;
  }
  const update: { lastLoginAt: string; passwordHash?: string } = { lastLoginAt: ctx.now };
  if (needsRehash(user.passwordHash)) update.passwordHash = await hashPassword(input.password);
  await ctx.db.updateTable('users').set(update).where('id', '=', user.id).execute();
  await audit('auth:login');
  ctx.session.userId = user.id;
  ctx.session.lastActivityMs = ctx.clock.now().getTime();
  return { user: publicUser(user), idleTimeoutMinutes: idleTimeoutMinutes(user.role) };
}

async function logout(ctx: ServiceContext) {
  const userId = ctx.session.userId;
  if (!userId) return { signedOut: false };
  ctx.session.userId = null;
  await ctx.audit({ action: 'auth:logout', entity: 'users', entityId: userId, userId });
  return { signedOut: true };
}

async function me(ctx: ServiceContext) {
  if (!ctx.actor) return { user: null, idleTimeoutMinutes: null };
  const user = await findLoginUser(ctx.db, { id: ctx.actor.userId });
  if (!user) return { user: null, idleTimeoutMinutes: null };
  return { user: publicUser(user), idleTimeoutMinutes: idleTimeoutMinutes(user.role) };
}

async function changePassword(ctx: ServiceContext, input: { currentPassword: string; newPassword: string }) {
  const user = await findLoginUser(ctx.db, { id: ctx.actor!.userId });
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw invalid('currentPassword', 'Your current password is not correct.');
  }
  const problem = passwordProblem(input.newPassword, user.role, user.email);
  if (problem) throw invalid('newPassword', problem);
  if (input.newPassword === input.currentPassword) {
    throw invalid('newPassword', 'Choose a password different from the current one.');
  }
  await setPasswordHash(ctx.db, user.id, await hashPassword(input.newPassword), ctx.now, false);
  await ctx.audit({ entity: 'users', entityId: user.id, after: { passwordChanged: true } });
  return { changed: true as const };
}

async function resetPassword(
  ctx: ServiceContext,
  input: { email: string; token: string; newPassword: string },
) {
  const badCode = () =>
    refuse(
      'UNAUTHENTICATED',
      'This code is not valid for this email. Check it, or ask your department office for a new one.',
    );
  const user = await findLoginUser(ctx.db, { email: input.email });
  if (!user) throw badCode();
  const reset = await findResetByHash(ctx.db, user.id, hashResetToken(input.token));
  const audit = (action: string, after?: unknown) =>
    ctx.audit({ action, entity: 'users', entityId: user.id, userId: user.id, after });
  if (!reset) {
    await audit('auth:reset-password-failed', { reason: 'unknown code' });
    throw badCode();
  }
  if (reset.usedAt)
    throw new AppError(
      'CONFLICT',
      'This code has already been used. Ask your department office for a new one.',
    );
  if (new Date(reset.expiresAt).getTime() <= ctx.clock.now().getTime()) {
    throw new AppError(
      'CONFLICT',
      'This code has expired (codes last 24 hours). Ask your department office for a new one.',
    );
  }
  if (user.status === 'DISABLED') {
    throw new AppError('FORBIDDEN', 'This account has been disabled. Please contact your department office.');
  }
  const problem = passwordProblem(input.newPassword, user.role, user.email);
  if (problem) throw invalid('newPassword', problem);
  await setPasswordHash(
    ctx.db,
    user.id,
    await hashPassword(input.newPassword),
    ctx.now,
    user.status === 'INVITED',
  );
  await ctx.db.updateTable('password_resets').set({ usedAt: ctx.now }).where('id', '=', reset.id).execute();
  await audit('auth:reset-password', { activated: user.status === 'INVITED' });
  return { reset: true as const };
}

export const authHandlers: HandlersFor<typeof authContract> = {
  'auth:login': login,
  'auth:logout': logout,
  'auth:me': me,
  'auth:change-password': changePassword,
  'auth:reset-password': resetPassword,
};
