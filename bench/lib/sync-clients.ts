import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createConnection } from 'mysql2';
import { loadActor } from '../../src/core/auth/actor.ts';
import { systemClock, type Clock } from '../../src/core/clock.ts';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { createSyncedLocalCore, type SyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { syncScopeFor } from '../../src/core/sync/scope.ts';
import { loadColumns, pkOf, SYNCED_TABLE_NAMES } from '../../src/core/sync/tables.ts';
import { dropDerivedTriggers, insertSql, openRaw } from './sqlite-raw.ts';

// Laptops for the sync benchmarks: a migrated local SQLite file with the synced core on it (what
// openSyncedLocalCore builds in the app), and the raw ceiling of an initial sync: the same scoped,
// masked rows streamed by plain mysql2 into prepared better-sqlite3 inserts.

export const APP_VERSION = 'bench';

export interface Client {
  name: string;
  file: string;
  db: Db;
  synced: SyncedLocalCore;
  /** The laptop's time: its core's and its sync rounds' (pass it to syncOnce). */
  clock: Clock;
}

export async function openClient(dir: string, name: string, clock: Clock = systemClock): Promise<Client> {
  const file = join(dir, `${name}-${randomBytes(3).toString('hex')}.sqlite`);
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  return {
    name,
    file,
    db,
    synced: await createSyncedLocalCore({ db, appVersion: APP_VERSION, clock }),
    clock,
  };
}

/**
 * A clock that starts at 09:00 UTC on the dataset's day and runs at real speed, for benchmarks that
 * write. The demo's rows (last sessions, risk levels) are as of that day: on the wall clock, months
 * later, a mentor's first recorded session re-levelled a mentee whose level the generator computed
 * for that day (no attended session "in more than N weeks"), so what a wave cost depended on the date
 * the benchmark ran. The read benchmarks use the same day (ManualClock at the dataset's 09:00).
 */
export function datasetClock(asOf: string): Clock {
  const start = Date.parse(`${asOf}T09:00:00.000Z`);
  const t0 = performance.now();
  return { now: () => new Date(start + Math.round(performance.now() - t0)) };
}

export interface BenchUsers {
  superAdmin: string;
  departmentAdmin: string;
  /** The mentor with the most current mentees in the first department (worst case). */
  mentor: string;
  mentorMentees: number;
}

export async function benchUsers(central: Db): Promise<BenchUsers> {
  const byRole = async (role: string): Promise<string> =>
    (
      await central.kysely
        .selectFrom('users')
        .innerJoin('roles', 'roles.id', 'users.roleId')
        .select('users.id')
        .where('roles.name', '=', role)
        .where('users.status', '=', 'ACTIVE')
        .orderBy('users.email')
        .executeTakeFirstOrThrow()
    ).id;
  const departmentAdmin = await byRole('DEPARTMENT_ADMIN');
  const dept = await central.kysely
    .selectFrom('users')
    .select('departmentId')
    .where('id', '=', departmentAdmin)
    .executeTakeFirstOrThrow();
  const m = await central.kysely
    .selectFrom('mentor_assignments')
    .select(['mentorId', sql<number>`count(*)`.as('n')])
    .where('departmentId', '=', dept.departmentId!)
    .where('status', 'in', ['ACTIVE', 'PAUSED'])
    .groupBy('mentorId')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('mentorId')
    .executeTakeFirstOrThrow();
  return {
    superAdmin: await byRole('SUPER_ADMIN'),
    departmentAdmin,
    mentor: m.mentorId,
    mentorMentees: Number(m.n),
  };
}

/** Rows per synced table in a local cache. */
export function localCounts(file: string): Record<string, number> {
  const db = openRaw(file, { readonly: true });
  try {
    return Object.fromEntries(
      SYNCED_TABLE_NAMES.map((t) => [
        t,
        (db.prepare(`select count(*) as n from "${t}"`).get() as { n: number }).n,
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * The ceiling of an initial sync: per table, one streamed mysql2 query with the user's scope predicate
 * and column masks, written through one prepared upsert (the issue's ceiling) in one transaction. Timed from the first
 * query to the last commit; the target file is created and migrated before the clock starts.
 */
export async function rawScopedCopy(
  central: Db,
  userId: string,
  dir: string,
): Promise<{ ms: number; rows: number; file: string }> {
  const target = await openClient(dir, 'raw');
  const columns = await loadColumns(target.db.kysely);
  await target.db.close();
  const actor = await loadActor(central.kysely, userId);
  if (!actor) throw new Error(`no user ${userId}`);
  const scope = syncScopeFor(actor);
  const u = central.url;
  if (u.kind !== 'mysql') throw new Error('central must be MySQL');
  const conn = createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: true,
    jsonStrings: true,
  });
  const sqlite = openRaw(target.file, { foreignKeys: false });
  dropDerivedTriggers(sqlite);
  let rows = 0;
  const t0 = performance.now();
  for (const table of SYNCED_TABLE_NAMES) {
    const cols = columns[table];
    const select = sql.join(
      cols.map((c) => sql`${scope.mask(table, c) ?? sql.ref(`${table}.${c}`)} as ${sql.id(c)}`),
    );
    const q = sql`select ${select} from ${sql.table(table)} where ${scope.where(table)}`.compile(
      central.kysely,
    );
    // The issue's ceiling: a prepared upsert (what a sync must do: the row may already be cached).
    const insert = sqlite.prepare(insertSql(table, cols, 'upsert', pkOf(table)));
    sqlite.exec('begin');
    await new Promise<void>((resolve, reject) => {
      conn
        .query({ sql: q.sql, values: q.parameters as unknown[] })
        .stream()
        .on('data', (r: Record<string, unknown>) => {
          insert.run(cols.map((c) => normalise(r[c])));
          rows++;
        })
        .on('end', () => resolve())
        .on('error', reject);
    });
    sqlite.exec('commit');
  }
  const ms = performance.now() - t0;
  conn.end();
  sqlite.close();
  return { ms, rows, file: target.file };
}

/** mysql2 with dateStrings gives 'YYYY-MM-DD HH:MM:SS.mmm'; the cache stores ISO with Z, as the app does. */
function normalise(v: unknown): unknown {
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(v))
    return `${v.replace(' ', 'T')}${v.includes('.') ? '' : '.000'}Z`;
  return v ?? null;
}
