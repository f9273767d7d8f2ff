import { createConnection, type Connection } from 'mysql2/promise';
import { connect, type Db } from '../src/core/db/connect.ts';
import { syncOnce } from '../src/core/sync/engine.ts';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { openRaw } from './lib/sqlite-raw.ts';
import {
  APP_VERSION,
  benchUsers,
  datasetClock,
  openClient,
  type BenchUsers,
  type Client,
} from './lib/sync-clients.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';

// Sync rounds on central's own clone of the dataset (issue 9):
// - one change round trip: the busiest mentor's laptop (A) records a session offline, then A syncs
//   (push + pull) and the department office's laptop (B) syncs (pull); timed from A's sync start to
//   B's sync end, and B must hold the new session. Target: median ≤ 50 ms. Reference ceiling: the same
//   hop with plain mysql2 (commit one row on one connection, read it on another, upsert it into SQLite).
// - 1,000 queued mutations (sessions recorded and profile edits, as a mentor back from weeks offline)
//   pushed in one syncOnce: target ≤ 2 s; every one must come back APPLIED. Reference ceiling: 1,000
//   plain mysql2 write transactions of one captured row each.

async function mysqlConn(db: Db): Promise<Connection> {
  const u = db.url;
  if (u.kind !== 'mysql') throw new Error('mysql only');
  return createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
  });
}

interface Mentee {
  assignmentId: string;
}

async function activeAssignments(central: Db, mentorId: string): Promise<Mentee[]> {
  const rows = await central.kysely
    .selectFrom('mentor_assignments')
    .select('id')
    .where('mentorId', '=', mentorId)
    .where('status', '=', 'ACTIVE')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ assignmentId: r.id }));
}

/** One offline write on the mentor's laptop; returns the id of the session it created, if any. */
async function offlineWrite(
  a: Client,
  mentorId: string,
  mentees: Mentee[],
  i: number,
): Promise<string | null> {
  const session = a.synced.core.openTrustedSession(mentorId);
  const recordSession = i % 2 === 0;
  const r = recordSession
    ? await a.synced.core.dispatch(
        'sessions:record',
        {
          assignmentId: mentees[i % mentees.length]!.assignmentId,
          sessionDate: new Date(a.clock.now().getTime() - 3_600_000 - i * 1000).toISOString(),
          topic: `Bench check-in ${i}`,
          mode: 'IN_PERSON',
          summary: `Talked through the week's coursework (${i}).`,
        },
        session,
      )
    : await a.synced.core.dispatch(
        'users:update-own-profile',
        { bio: `Office hours moved (${i}).` },
        session,
      );
  a.synced.core.closeSession(session);
  if (!r.ok) throw new Error(`offline write ${i}: ${r.error.code} ${r.error.message}`);
  return recordSession ? (r.data as { id: string }).id : null;
}

/** Raw ceilings write to the super admin's profile: a row neither laptop's own edits touch. */
async function roundTrips(
  ctx: BenchContext,
  central: Db,
  a: Client,
  b: Client,
  users: BenchUsers,
  mentees: Mentee[],
): Promise<Measurement[]> {
  const { mentor: mentorId, departmentAdmin: adminId, superAdmin: rawRow } = users;
  const runs = ctx.mode === 'quick' ? 10 : 40;
  const trip: number[] = [];
  const pushMs: number[] = [];
  const pullMs: number[] = [];
  const raw: number[] = [];
  let errors = 0;
  const bRaw = openRaw(b.file, { readonly: true });
  const connA = await mysqlConn(central);
  const connB = await mysqlConn(central);
  const rawTarget = openRaw(`${ctx.tmp}/raw-trip.sqlite`);
  rawTarget.exec(
    'create table if not exists user_profiles_copy (userId text primary key, bio text, updatedAt text)',
  );
  const upsert = rawTarget.prepare(
    'insert into user_profiles_copy values (?, ?, ?) on conflict(userId) do update set bio = excluded.bio, updatedAt = excluded.updatedAt',
  );
  try {
    for (let i = 0; i < runs; i++) {
      const id = await offlineWrite(a, mentorId, mentees, i * 2);
      const t0 = performance.now();
      await syncOnce({ local: a.db, central, userId: mentorId, appVersion: APP_VERSION, clock: a.clock });
      const t1 = performance.now();
      await syncOnce({ local: b.db, central, userId: adminId, appVersion: APP_VERSION, clock: b.clock });
      const t2 = performance.now();
      trip.push(t2 - t0);
      pushMs.push(t1 - t0);
      pullMs.push(t2 - t1);
      if (!bRaw.prepare('select 1 from session_records where id = ?').get(id)) errors++;
      // The same hop with no application code: commit one captured row, read it elsewhere, store it.
      const r0 = performance.now();
      const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
      await connA.query('UPDATE user_profiles SET bio = ?, updatedAt = ? WHERE userId = ?', [
        `raw ${i}`,
        now,
        rawRow,
      ]);
      const [rows] = await connB.query('SELECT userId, bio, updatedAt FROM user_profiles WHERE userId = ?', [
        rawRow,
      ]);
      const row = (rows as { userId: string; bio: string; updatedAt: Date }[])[0]!;
      upsert.run(row.userId, row.bio, String(row.updatedAt));
      raw.push(performance.now() - r0);
    }
  } finally {
    bRaw.close();
    rawTarget.close();
    await connA.end();
    await connB.end();
  }
  return [
    {
      id: 'raw.round-trip',
      title: 'raw: mysql2 commit one row, read it on another connection, SQLite upsert',
      unit: 'ms',
      samples: raw,
    },
    {
      id: 'sync.round-trip',
      title: 'one change: mentor A pushes, office B pulls',
      unit: 'ms',
      samples: trip,
      ceiling: { id: 'raw.round-trip' },
      target: { maxMedian: 50, maxErrors: 0 },
      errors,
      details: {
        pushMedianMs: med(pushMs),
        pullMedianMs: med(pullMs),
        note: 'errors = rounds after which B did not hold the new session',
      },
    },
  ];
}

const med = (xs: number[]): number =>
  Math.round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]! * 10) / 10;

async function push1000(
  ctx: BenchContext,
  central: Db,
  a: Client,
  users: BenchUsers,
  mentees: Mentee[],
): Promise<Measurement[]> {
  const { mentor: mentorId, superAdmin: rawRow } = users;
  // Quick mode queues 100 (same calls, same push) and scales the target with the count.
  const count = ctx.mode === 'quick' ? 100 : 1000;
  const runs = ctx.mode === 'quick' ? 1 : 3;
  const pushed: number[] = [];
  /** CPU of this process (the laptop side: local SQLite, replay's service code, mysql2) per push. */
  const cpuMs: number[] = [];
  const raw: number[] = [];
  let errors = 0;
  const reports: unknown[] = [];
  const conn = await mysqlConn(central);
  try {
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < count; i++) await offlineWrite(a, mentorId, mentees, 100_000 * (r + 1) + i);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const report = await syncOnce({
        local: a.db,
        central,
        userId: mentorId,
        appVersion: APP_VERSION,
        clock: a.clock,
      });
      pushed.push(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      cpuMs.push(Math.round((cpu.user + cpu.system) / 1000));
      errors += count - report.applied;
      reports.push({
        pushed: report.pushed,
        applied: report.applied,
        rejected: report.rejected,
        conflicts: report.conflicts,
        lockRetries: report.lockRetries,
        pulled: report.pulled,
        pushMs: report.pushMs,
      });
      ctx.log(
        `push ${count}: ${pushed.at(-1)!.toFixed(0)} ms wall, ${cpuMs.at(-1)} ms CPU ${JSON.stringify(reports.at(-1))}`,
      );
      const r0 = performance.now();
      for (let i = 0; i < count; i++) {
        await conn.beginTransaction();
        await conn.query('UPDATE user_profiles SET bio = ? WHERE userId = ?', [`raw ${r}/${i}`, rawRow]);
        await conn.commit();
      }
      raw.push(performance.now() - r0);
    }
  } finally {
    await conn.end();
  }
  const n = count.toLocaleString('en-US');
  return [
    {
      id: 'raw.write-many',
      title: `raw: ${n} mysql2 write transactions (one captured row each)`,
      unit: 'ms',
      samples: raw,
    },
    {
      id: 'sync.push-many',
      title: `${n} queued mutations pushed (one syncOnce)`,
      unit: 'ms',
      samples: pushed,
      ceiling: { id: 'raw.write-many' },
      target: { maxMedian: 2 * count, maxErrors: 0 },
      errors,
      details: {
        reports,
        cpuMs,
        pushMs: reports.map((r) => (r as { pushMs: number }).pushMs),
        mix: 'half sessions:record, half users:update-own-profile',
        note: 'errors = mutations not APPLIED',
      },
    },
  ];
}

export const syncRoundsBench: Bench = {
  name: 'sync-rounds',
  modes: ['quick', 'full'],
  async run(ctx) {
    const ds = await ctx.datasets.central(ctx.scale);
    const central = connect(ds.url, { poolSize: 2 });
    const clients: Client[] = [];
    try {
      const users = await benchUsers(central);
      const mentees = await activeAssignments(central, users.mentor);
      // Both laptops on the dataset's day (sync-clients.ts datasetClock).
      const clock = datasetClock(ctx.asOf);
      const a = await openClient(ctx.tmp, 'mentor-a', clock);
      const b = await openClient(ctx.tmp, 'office-b', clock);
      clients.push(a, b);
      await syncOnce({ local: a.db, central, userId: users.mentor, appVersion: APP_VERSION, clock });
      await syncOnce({ local: b.db, central, userId: users.departmentAdmin, appVersion: APP_VERSION, clock });
      ctx.log('sync rounds: laptops A (mentor) and B (department office) synced');
      return [
        ...(await roundTrips(ctx, central, a, b, users, mentees)),
        ...(await push1000(ctx, central, a, users, mentees)),
      ];
    } finally {
      for (const c of clients) await c.db.close();
      await central.close();
    }
  },
};

if (isEntry(import.meta.url)) await standalone(syncRoundsBench);
