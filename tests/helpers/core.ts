import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import type { Dialect } from '../../src/core/db/connect.ts';
import type { CallName, CallInput, CallOutput } from '../../src/shared/contract/index.ts';
import type { Result } from '../../src/shared/result.ts';
import { freshDb, type TestDb } from './db.ts';

export interface TestCore {
  core: Core;
  db: TestDb;
  clock: ManualClock;
  /** A new window/session; signs in when credentials are given (throws if sign-in fails). */
  session(credentials?: { email: string; password: string }): Promise<string>;
  call<K extends CallName>(sessionId: string, name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  /** Like call, but throws unless ok, returning the data. */
  must<K extends CallName>(sessionId: string, name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  close(): Promise<void>;
}

/** A core over a fresh migrated database of the dialect, with a manual clock and output checks. */
export async function makeTestCore(dialect: Dialect): Promise<TestCore> {
  const db = await freshDb(dialect);
  const clock = new ManualClock();
  const core = createCore({ db, appVersion: 'test', platform: 'test', clock, validateOutput: true });
  const call = async <K extends CallName>(sessionId: string, name: K, input: CallInput<K>) =>
    (await core.dispatch(name, input, sessionId)) as Result<CallOutput<K>>;
  const must = async <K extends CallName>(sessionId: string, name: K, input: CallInput<K>) => {
    const r = await call(sessionId, name, input);
    if (!r.ok)
      throw new Error(
        `${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`,
      );
    return r.data;
  };
  return {
    core,
    db,
    clock,
    call,
    must,
    async session(credentials) {
      const id = core.openSession({ ip: '127.0.0.1', userAgent: 'vitest' });
      if (credentials) {
        await must(id, 'auth:login', { email: credentials.email, password: credentials.password });
      }
      return id;
    },
    close: () => db.drop(),
  };
}
