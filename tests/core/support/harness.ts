import { sql, type Kysely } from 'kysely';
import { createCore, type Core } from '../../../src/core/app.ts';
import type { Database } from '../../../src/core/db/schema.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import type { Dialect } from '../../../src/core/db/connect.ts';
import type { Logger } from '../../../src/core/log.ts';
import type { CallInput, CallName, CallOutput } from '../../../src/shared/contract/index.ts';
import type { Result } from '../../../src/shared/result.ts';
import { freshDb, type TestDb } from '../../helpers/db.ts';
import { actorOf, makeWorld, type World } from './world.ts';
import type { RoleName } from '../../../src/shared/domain/enums.ts';

// A core over a fresh database with the world loaded, a manual clock, output validation on, and
// a logger that records errors (an INTERNAL result always logs one, so tests can assert none).
// Sessions are opened already signed in (openTrustedSession): these tests are about what a
// signed-in actor may do; sign-in itself is covered by auth.test.ts and auth-lifecycle.test.ts.

export interface Harness {
  core: Core;
  db: TestDb;
  clock: ManualClock;
  world: World;
  errors: { message: string; data?: Record<string, unknown> }[];
  /** A fresh signed-in session for a user id (or an anonymous one for null). */
  sessionFor(userId: string | null): string;
  /** A fresh signed-in session for the cast member of `role`. */
  as(role: RoleName): string;
  call<K extends CallName>(session: string, name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  must<K extends CallName>(session: string, name: K, input: CallInput<K>): Promise<CallOutput<K>>;
  close(): Promise<void>;
}

export async function makeHarness(dialect: Dialect): Promise<Harness> {
  const db = await freshDb(dialect);
  const clock = new ManualClock();
  const errors: Harness['errors'] = [];
  const log: Logger = {
    info: () => {},
    warn: () => {},
    error: (message, data) => errors.push({ message, data }),
  };
  const core = createCore({ db, appVersion: 'test', platform: 'test', clock, log, validateOutput: true });
  const world = await makeWorld(db.kysely);
  const sessionFor = (userId: string | null): string =>
    userId === null
      ? core.openSession({ ip: '127.0.0.1' })
      : core.openTrustedSession(userId, { ip: '127.0.0.1' });
  const call = async <K extends CallName>(s: string, name: K, input: CallInput<K>) =>
    (await core.dispatch(name, input, s)) as Result<CallOutput<K>>;
  return {
    core,
    db,
    clock,
    world,
    errors,
    sessionFor,
    as: (role) => sessionFor(actorOf(world, role).id),
    call,
    async must(s, name, input) {
      const r = await call(s, name, input);
      if (!r.ok)
        throw new Error(
          `${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`,
        );
      return r.data;
    },
    close: () => db.drop(),
  };
}

/** Deep scan: throws if any key is passwordHash or any string looks like a stored hash. */
export function assertNoSecrets(value: unknown, path = '$'): void {
  if (typeof value === 'string') {
    if (value.startsWith('scrypt$') || value.startsWith('!invited$')) {
      throw new Error(`password hash material at ${path}`);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (k.toLowerCase() === 'passwordhash' || k === 'tokenHash')
      throw new Error(`secret key ${k} at ${path}`);
    assertNoSecrets(v, `${path}.${k}`);
  }
}

const WRITABLE_TABLES = [
  'institutions',
  'departments',
  'users',
  'user_profiles',
  'mentor_profiles',
  'student_profiles',
  'mentor_assignments',
  'session_records',
  'session_feedback',
  'goals',
  'goal_updates',
  'notifications',
  'alerts',
  'attachments',
  'audit_logs',
  'password_resets',
] as const;
const WITH_UPDATED_AT = new Set([
  'institutions',
  'departments',
  'users',
  'user_profiles',
  'mentor_profiles',
  'student_profiles',
  'mentor_assignments',
  'session_records',
  'session_feedback',
  'goals',
]);

/**
 * Row count of every table a call could write, plus the newest updatedAt where there is one: with
 * the clock moved between calls, any insert, delete or update shows up as a difference.
 */
export async function fingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const parts = WRITABLE_TABLES.flatMap((t) => {
    const count = sql`(select count(*) from ${sql.table(t)}) as ${sql.ref(t)}`;
    if (!WITH_UPDATED_AT.has(t)) return [count];
    return [
      count,
      sql`(select max(${sql.ref('updatedAt')}) from ${sql.table(t)}) as ${sql.ref(`${t}__max`)}`,
    ];
  });
  const r = await sql<Record<string, unknown>>`select ${sql.join(parts)}`.execute(db);
  const row = r.rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, String(v)]));
}
