import { sql, type Kysely } from 'kysely';
import { CONTRACT } from '../../shared/contract/index.ts';
import type { CurrentUser } from '../../shared/domain/user.ts';
import type { Clock } from '../clock.ts';
import type { SessionState } from '../context.ts';
import { connect, type Db } from '../db/connect.ts';
import { DEFERRED_INDEXES_KEY, restoreDeferredIndexes } from '../db/deferred-indexes.ts';
import type { DbUrl } from '../db/url.ts';
import type { Database } from '../db/schema.ts';
import type { DispatchDeps } from '../dispatch.ts';
import { AppError } from '../errors.ts';
import { HANDLERS } from '../handlers.ts';
import { defaultIds } from '../ids.ts';
import type { Logger } from '../log.ts';
import { isConnectionError } from './central.ts';
import { planConnect } from './connection-upload.ts';
import { asLocal, clearState, getState } from './local-state.ts';
import type { SyncStatusEvent } from './loop.ts';
import { onlineRoute } from './online-calls.ts';
import { SYNCED_TABLE_NAMES } from './tables.ts';

// A fresh install joining an existing central database (sync:join, SYNC.md "Modes"): the person
// proves who they are on central through the real sign-in (lockout, disabled and invited accounts,
// audit on central), and the install becomes central's cache for them. A join that does not finish
// (central gone mid-download, the app closed) is undone, so the first-run screen comes back instead
// of a half-filled cache nobody can use.

/** Whether this install is still unused: no account exists locally, so it may join. */
export async function isUnsetUp(local: Kysely<Database>): Promise<boolean> {
  const row = await local
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

type SignedIn = { user: CurrentUser; idleTimeoutMinutes: number };

export const offline = (): AppError =>
  new AppError('OFFLINE', 'The central database cannot be reached. Check the connection and try again.');

export const ALREADY_SET_UP =
  'This computer is already set up. Sign in instead; an administrator can connect it to a central database on the Sync page.';

/**
 * Signs in on central with the same door and handler as any sign-in, in a throwaway session: the
 * window's own session is signed in only once the join has finished.
 */
export async function signInOnCentral(
  central: Db,
  credentials: { email: string; password: string },
  session: SessionState,
  o: { clock: Clock; log: Logger },
): Promise<SignedIn> {
  return (await callOnCentral(central, 'auth:login', credentials, session, o)) as SignedIn;
}

/** One public call made on central through the same door as any (login, a reset code). */
async function callOnCentral(
  central: Db,
  name: 'auth:login' | 'auth:reset-password',
  input: unknown,
  session: SessionState,
  o: { clock: Clock; log: Logger },
): Promise<unknown> {
  const deps: DispatchDeps = {
    db: central,
    contract: CONTRACT,
    handlers: HANDLERS as unknown as DispatchDeps['handlers'],
    clock: o.clock,
    ids: defaultIds,
    log: o.log,
    userAgent: session.userAgent,
  };
  const probe: SessionState = { ...session, userId: null };
  // onlineRoute adds what a central call needs: deadlock retries and OFFLINE when central is gone.
  const route = onlineRoute({ central: () => central, refresh: () => Promise.resolve() });
  const r = await route(deps, name, input, probe, {});
  if (!r) throw new Error('unreachable: the route always has a central here');
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.issues);
  return r.data;
}

/**
 * Empties the cache a join was filling and forgets that it was synced; keeps clientId (central
 * knows this computer by it). Only for an install that had no data before the join.
 */
export async function undoJoin(local: Db): Promise<void> {
  await local.kysely.transaction().execute(async (trx) => {
    for (const table of SYNCED_TABLE_NAMES) await sql`delete from ${sql.table(table)}`.execute(trx);
    await trx.deleteFrom('sync_outbox').execute();
    await asLocal(trx).deleteFrom('sync_refetch').execute();
    // Kept: the record of indexes a stopped download had set aside, rebuilt below on empty tables.
    await trx.deleteFrom('sync_state').where('key', 'not in', ['clientId', DEFERRED_INDEXES_KEY]).execute();
  });
  await restoreDeferredIndexes(local.kysely);
}

/** A join that was still downloading when the app stopped: undone at the next start. */
export async function unfinishedJoin(local: Db): Promise<boolean> {
  return (await getState(local.kysely, 'joinStartedAt')) !== null;
}

/**
 * Before anything is written: central can be joined (planConnect says 'join') and the person's
 * email and password are right there. Errors are the ones the screen shows.
 */
export async function checkJoin(
  local: Db,
  url: DbUrl,
  credentials: { email: string; password: string; inviteCode?: string | undefined },
  session: SessionState,
  o: { clock: Clock; log: Logger },
): Promise<{ signedIn: SignedIn; institution: { name: string; code: string } }> {
  const central = connect(url, { poolSize: 1 });
  try {
    const p = await planConnect(local, central);
    if (p.plan !== 'join') throw new AppError('CONFLICT', p.message);
    // A new account's first sign-in: its code activates it on central with the chosen password.
    if (credentials.inviteCode) {
      await callOnCentral(
        central,
        'auth:reset-password',
        { email: credentials.email, token: credentials.inviteCode, newPassword: credentials.password },
        session,
        o,
      ).catch((err: unknown) => {
        // The reset call's field names, as the join form names them.
        if (!(err instanceof AppError) || !err.issues) throw err;
        const rename: Record<string, string> = { newPassword: 'password', token: 'inviteCode' };
        throw new AppError(
          err.code,
          err.message,
          err.issues.map((i) => ({ ...i, path: rename[i.path] ?? i.path })),
        );
      });
    }
    const signedIn = await signInOnCentral(
      central,
      { email: credentials.email, password: credentials.password },
      session,
      o,
    );
    const inst = p.contents?.institutions.find((i) => i.id === signedIn.user.institutionId);
    return { signedIn, institution: { name: inst?.name ?? 'the central database', code: inst?.code ?? '' } };
  } catch (err) {
    if (isConnectionError(err)) throw offline();
    throw err;
  } finally {
    await central.close();
  }
}

/** The first download failed: the join was undone, and this says why. */
export function downloadFailed(status: SyncStatusEvent | undefined): AppError {
  return status?.state === 'offline'
    ? new AppError(
        'OFFLINE',
        'The central database stopped answering during the download. Nothing was kept; try again.',
      )
    : new AppError(
        'CONFLICT',
        `The download did not finish (${status?.lastError ?? 'unknown error'}). Nothing was kept; try again.`,
      );
}

export const finishJoin = (local: Db): Promise<void> => clearState(local.kysely, 'joinStartedAt');
