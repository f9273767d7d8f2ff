import { sql } from 'kysely';
import { fail, type Result } from '../../shared/result.ts';
import type { Db } from '../db/connect.ts';
import { dispatch, type OnlineRoute } from '../dispatch.ts';
import { BUSY_MESSAGE, MAX_LOCK_RETRIES, backoffDelay, isConnectionError, sleep } from './central.ts';

// Calls the contract marks `online` (password changes, one-time codes, invitations) run on central
// at once when this computer is synced: their result must exist centrally right away, and
// password_resets is not synced, so a local run would leave a code nobody else can use and a password
// central never learns. Same door, same service, same audit, in one central transaction; then the
// local cache is refreshed so it shows the result (the user's own new password hash included).

export const OFFLINE_MESSAGE = 'This needs a connection to the central database. Connect and try again.';

export interface OnlineTarget {
  /**
   * The central database; 'unreachable' when this computer is synced but has no usable connection
   * (the password was not kept, settings missing); null when it is standalone (the call runs locally).
   */
  central(): Db | 'unreachable' | null;
  /** After a successful write on central: bring the result into the local cache (a sync round). */
  refresh(): Promise<void>;
}

async function reachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db.kysely);
    return true;
  } catch (err) {
    if (isConnectionError(err)) return false;
    throw err;
  }
}

export function onlineRoute(target: OnlineTarget): OnlineRoute {
  return async (deps, name, input, session, options): Promise<Result<unknown> | null> => {
    const central = target.central();
    if (!central) return null;
    if (central === 'unreachable' || !(await reachable(central))) return fail('OFFLINE', OFFLINE_MESSAGE);
    // The central door: no outbox hooks (those are the laptop's), no further routing.
    const centralDeps = { ...deps, db: central, hooks: undefined, online: undefined };
    for (let attempt = 0; ; attempt++) {
      const r = await dispatch(centralDeps, name, input, session, options);
      if (r.ok) {
        if (deps.contract[name]?.write) {
          await target.refresh().catch((err: unknown) =>
            deps.log.warn('refresh after an online call failed', {
              call: name,
              error: err instanceof Error ? err.message : String(err),
            }),
          );
        }
        return r;
      }
      // Every central writer queues on the sync counter: a deadlock is routine, run it again.
      if (r.error.code === 'CONFLICT' && r.error.message === BUSY_MESSAGE && attempt < MAX_LOCK_RETRIES) {
        await sleep(backoffDelay(attempt));
        continue;
      }
      if ((r.error.code === 'INTERNAL' || r.error.code === 'OFFLINE') && !(await reachable(central))) {
        return fail('OFFLINE', OFFLINE_MESSAGE);
      }
      return r;
    }
  };
}
