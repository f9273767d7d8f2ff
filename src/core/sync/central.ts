import { sql, type Kysely } from 'kysely';
import type { Actor } from '../context.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { loadActor } from '../auth/actor.ts';
import { verifyPassword } from '../auth/password.ts';
import { dbErrorToAppError } from '../db/db-errors.ts';

// Talking to central MySQL: error classes the sync engine acts on, deadlock retry, client
// registration and sign-in for the CLI. No sync server: these run over the app's own mysql2 pool.

/** Central cannot be reached (or the connection dropped): a normal state, retried with back-off. */
export class OfflineError extends Error {
  override name = 'OfflineError';
}

/** The signed-in user cannot sync (wrong password, account disabled or gone). */
export class SyncAuthError extends Error {
  override name = 'SyncAuthError';
}

/** Central is busy (deadlocks or lock waits that outlasted the retries): try again later. */
export class CentralBusyError extends Error {
  override name = 'CentralBusyError';
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
]);

export function isConnectionError(err: unknown): boolean {
  if (err instanceof OfflineError) return true;
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; fatal?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
  // Node reports a refused dual-stack connect (localhost) as an AggregateError of per-address errors.
  if (Array.isArray(e.errors) && e.errors.some(isConnectionError)) return true;
  if (e.fatal === true) return true;
  return typeof e.message === 'string' && /Pool is closed|connection is in closed state/i.test(e.message);
}

/** MySQL 1213 (deadlock: the transaction was rolled back) and 1205 (lock wait timeout). */
export function isLockError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; errno?: unknown };
  return (
    e.code === 'ER_LOCK_DEADLOCK' || e.code === 'ER_LOCK_WAIT_TIMEOUT' || e.errno === 1213 || e.errno === 1205
  );
}

/**
 * The message dispatch returns when a call died on a deadlock or lock wait: dispatch maps those
 * errors to CONFLICT with this text, and replay must tell it apart from a business CONFLICT.
 */
export const BUSY_MESSAGE = dbErrorToAppError({ code: 'ER_LOCK_DEADLOCK' })?.message ?? '';

export const MAX_LOCK_RETRIES = 6;

export const backoffDelay = (attempt: number): number =>
  Math.min(1000, 15 * 2 ** attempt) * (0.5 + Math.random());

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs a central write transaction, again when MySQL rolled it back for a deadlock or lock wait.
 * Every writer to a synced table queues on the sync_counter row (decision 1), so this is routine.
 */
export async function withLockRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (isConnectionError(err))
        throw new OfflineError('The central database cannot be reached.', { cause: err });
      if (!isLockError(err)) throw err;
      if (attempt >= MAX_LOCK_RETRIES)
        throw new CentralBusyError('The central database stayed busy.', { cause: err });
      await sleep(backoffDelay(attempt));
    }
  }
}

/** Re-throws connection failures as OfflineError, so callers need one check. */
export async function central<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isConnectionError(err) && !(err instanceof OfflineError)) {
      throw new OfflineError('The central database cannot be reached.', { cause: err });
    }
    throw err;
  }
}

/** The syncing user's actor as central sees it now (role, department, status). */
export async function centralActor(db: Db, userId: string): Promise<Actor> {
  return activeActor(await central(() => loadActor(db.kysely, userId)));
}

/** A disabled or removed account cannot sync: its round stops before anything is replayed or pulled. */
export function activeActor(actor: Actor | null): Actor {
  if (!actor)
    throw new SyncAuthError('This account is disabled or no longer exists on the central database.');
  return actor;
}

/** Checks email + password against central (CLI sync; the app signs in locally first). */
export async function authenticateCentral(db: Db, email: string, password: string): Promise<Actor> {
  const row = await central(() =>
    db.kysely
      .selectFrom('users')
      .select(['id', 'passwordHash'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst(),
  );
  if (!row || !(await verifyPassword(password, row.passwordHash))) {
    throw new SyncAuthError('The email or password is not correct.');
  }
  return centralActor(db, row.id);
}

/** users.roleId must mean the same role on both sides, or every pulled user would change role. */
export async function checkRoles(local: Kysely<Database>, centralDb: Kysely<Database>): Promise<void> {
  const read = async (db: Kysely<Database>) =>
    JSON.stringify(await db.selectFrom('roles').select(['id', 'name']).orderBy('id').execute());
  const [a, b] = await Promise.all([read(local), central(() => read(centralDb))]);
  if (a !== b) throw new Error('The roles on this laptop and on the central database differ; sync refused.');
}

export async function registerClient(
  db: Db,
  c: { clientId: string; userId: string; appVersion: string },
): Promise<void> {
  await withLockRetry(() =>
    db.kysely
      .insertInto('sync_clients')
      .values({ clientId: c.clientId, userId: c.userId, appVersion: c.appVersion })
      .onDuplicateKeyUpdate({ userId: c.userId, appVersion: c.appVersion })
      .execute(),
  );
}

/** Records a finished pull for admins who look for laptops that are behind. */
export async function notePull(db: Db, clientId: string, cursor: number, at: string): Promise<void> {
  await withLockRetry(() =>
    db.kysely
      .updateTable('sync_clients')
      .set({ cursor, lastPullAt: at })
      .where('clientId', '=', clientId)
      .execute(),
  );
}

/** The counter's committed value: every change with seq ≤ it is visible to a later read. */
export async function counterValue(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ v: number | string }>`select v from sync_counter where id = 1`.execute(db);
  return Number(rows[0]?.v ?? 0);
}
