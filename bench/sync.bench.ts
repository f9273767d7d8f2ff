import { officeDb } from '../src/core/db/office.tables.ts';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { createConnection } from 'mysql2';
import { createConnection as createPromiseConnection } from 'mysql2/promise';
import { loadActor } from '../src/core/auth/actor.ts';
import { createCore } from '../src/core/app.ts';
import { connect, type Db } from '../src/core/db/connect.ts';
import { ensureMysqlDatabase, migrateToLatest } from '../src/core/db/migrate.ts';
import { parseDbUrl } from '../src/core/db/url.ts';
import { generateDemo } from '../src/core/demo/generate.ts';
import { syncOnce } from '../src/core/sync/engine.ts';
import { createSyncedLocalCore, type SyncedLocalCore } from '../src/core/sync/local-core.ts';
import { syncScopeFor } from '../src/core/sync/scope.ts';
import { SYNCED_TABLE_NAMES } from '../src/core/sync/tables.ts';

// Sync figures (issue 5 "Performance"): initial snapshot vs a raw mysql2 → better-sqlite3 copy of the
// same rows, one change pushed by one laptop and pulled by another, and 1,000 queued mutations pushed.
// Run: npx tsx bench/sync.bench.ts [small|department]   (MariaDB at SMMS_TEST_MYSQL, default root@127.0.0.1)

const SERVER = process.env.SMMS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const SCALE = (process.argv[2] ?? 'small') as 'small' | 'department';
const dir = mkdtempSync(join(tmpdir(), 'smms-sync-bench-'));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (t0: number): number => Math.round((performance.now() - t0) * 10) / 10;

async function openLocal(name: string): Promise<{ db: Db; synced: SyncedLocalCore; file: string }> {
  const file = join(dir, `${name}-${randomBytes(3).toString('hex')}.sqlite`);
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  return { db, synced: await createSyncedLocalCore({ db, appVersion: 'bench' }), file };
}

/** The baseline: the same scoped rows, streamed by plain mysql2 into a prepared better-sqlite3 upsert. */
async function rawCopy(central: Db, userId: string): Promise<{ ms: number; rows: number }> {
  const target = await openLocal('raw');
  await target.db.close();
  const actor = await loadActor(central.kysely, userId);
  const scope = syncScopeFor(actor!);
  const u = parseDbUrl(central.url.kind === 'mysql' ? `${SERVER}/${central.url.database}` : '');
  if (u.kind !== 'mysql') throw new Error('mysql only');
  const conn = createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
    dateStrings: true,
    decimalNumbers: true,
    jsonStrings: true,
  });
  const sqlite = new SqliteDatabase(target.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  let rows = 0;
  const t0 = performance.now();
  for (const table of SYNCED_TABLE_NAMES) {
    const q = officeDb(central.kysely).selectFrom(table).selectAll().where(scope.where(table)).compile();
    const cols = (
      sqlite.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[]
    ).map((c) => c.name);
    const insert = sqlite.prepare(
      `insert or replace into "${table}" (${cols.map((c) => `"${c}"`).join(',')}) values (${cols.map(() => '?').join(',')})`,
    );
    sqlite.exec('begin');
    await new Promise<void>((resolve, reject) => {
      conn
        .query({ sql: q.sql, values: q.parameters as unknown[] })
        .stream()
        .on('data', (r: Record<string, unknown>) => {
          insert.run(cols.map((c) => r[c] ?? null));
          rows++;
        })
        .on('end', () => resolve())
        .on('error', reject);
    });
    sqlite.exec('commit');
  }
  const took = ms(t0);
  conn.end();
  sqlite.close();
  return { ms: took, rows };
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of SYNCED_TABLE_NAMES) {
    const r = await officeDb(db.kysely)
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

async function dropDatabase(
  url: { host: string; port: number; user: string; password: string },
  name: string,
) {
  const drop = await createPromiseConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
  });
  await drop.query(`DROP DATABASE \`${name}\``);
  await drop.end();
}

async function main(): Promise<void> {
  // SMMS_BENCH_KEEP=1 keeps (and on the next run reuses) the demo database: generating it takes minutes.
  const keep = process.env.SMMS_BENCH_KEEP === '1';
  const name = keep ? `smms_bench_keep_${SCALE}` : `smms_bench_${randomBytes(4).toString('hex')}`;
  const url = parseDbUrl(`${SERVER}/${name}`);
  if (url.kind !== 'mysql') throw new Error('SMMS_TEST_MYSQL must be a mysql:// URL');
  const created = await ensureMysqlDatabase(url);
  const central = connect(url, { poolSize: 8 });
  const t0 = performance.now();
  if (created) {
    await migrateToLatest(central);
    await generateDemo(central, { scale: SCALE });
    console.error(`demo ${SCALE} generated in ${ms(t0)} ms`);
  }
  const demo = { counts: await tableCounts(central) };
  const admin = await central.kysely
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.name', '=', 'DEPARTMENT_ADMIN')
    .orderBy('users.email')
    .executeTakeFirstOrThrow();
  const sup = await central.kysely
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.name', '=', 'SUPER_ADMIN')
    .executeTakeFirstOrThrow();
  const results: Record<string, unknown> = {
    scale: SCALE,
    at: new Date().toISOString(),
    demoCounts: demo.counts,
  };

  const snap: number[] = [];
  const raw: number[] = [];
  let snapRows = 0;
  let rawRows = 0;
  for (let i = 0; i < 3; i++) {
    const r = await rawCopy(central, admin.id);
    raw.push(r.ms);
    rawRows = r.rows;
    const c = await openLocal('snap');
    const t = performance.now();
    const rep = await syncOnce({ local: c.db, central, userId: admin.id, appVersion: 'bench' });
    snap.push(ms(t));
    snapRows = rep.pulled;
    await c.db.close();
  }
  results.initialSnapshot = {
    role: 'DEPARTMENT_ADMIN',
    rows: snapRows,
    rawRows,
    snapshotMs: snap,
    rawCopyMs: raw,
    ratio: median(snap) / median(raw),
  };
  console.error(
    `snapshot ${snapRows} rows: median ${median(snap)} ms; raw copy ${rawRows} rows: median ${median(raw)} ms; ratio ${(median(snap) / median(raw)).toFixed(2)}`,
  );

  const a = await openLocal('a');
  const b = await openLocal('b');
  await syncOnce({ local: a.db, central, userId: admin.id, appVersion: 'bench' });
  await syncOnce({ local: b.db, central, userId: sup.id, appVersion: 'bench' });
  const students = (await a.db.kysely.selectFrom('student_profiles').select('userId').execute()).map(
    (r) => r.userId,
  );
  const trip: number[] = [];
  for (let i = 0; i < 30; i++) {
    const session = a.synced.core.openTrustedSession(admin.id);
    const r = await a.synced.core.dispatch(
      'users:update',
      { id: students[i % students.length]!, bio: `round trip ${i}` },
      session,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const t = performance.now();
    await syncOnce({ local: a.db, central, userId: admin.id, appVersion: 'bench' });
    await syncOnce({ local: b.db, central, userId: sup.id, appVersion: 'bench' });
    trip.push(ms(t));
  }
  results.roundTrip = { medianMs: median(trip), samplesMs: trip };
  console.error(`one change pushed by A and pulled by B: median ${median(trip)} ms`);

  const session = a.synced.core.openTrustedSession(admin.id);
  for (let i = 0; i < 1000; i++) {
    const r = await a.synced.core.dispatch(
      'users:update',
      { id: students[i % students.length]!, bio: `offline ${i}` },
      session,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const t = performance.now();
  const rep = await syncOnce({ local: a.db, central, userId: admin.id, appVersion: 'bench' });
  const pushMs = ms(t);
  // The floor: the same 1,000 calls dispatched straight on central, one transaction each, no sync.
  const direct = createCore({ db: central, appVersion: 'bench' });
  const ds = direct.openTrustedSession(admin.id);
  const t2 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const r = await direct.dispatch(
      'users:update',
      { id: students[i % students.length]!, bio: `direct ${i}` },
      ds,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  const directMs = ms(t2);
  results.push1000 = {
    totalMs: pushMs,
    directDispatchMs: directMs,
    pushed: rep.pushed,
    applied: rep.applied,
    pulled: rep.pulled,
  };
  console.error(`the same 1,000 calls dispatched directly on central (no sync): ${directMs} ms`);
  console.error(
    `1,000 queued mutations: sync ${pushMs} ms (pushed ${rep.pushed}, applied ${rep.applied}, pulled ${rep.pulled})`,
  );

  await Promise.all([a.db.close(), b.db.close(), central.close()]);
  if (!keep) await dropDatabase(url, name);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/sync-${SCALE}.json`, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    JSON.stringify(
      {
        initialSnapshot: results.initialSnapshot,
        roundTripMedianMs: median(trip),
        push1000: results.push1000,
      },
      (k, v) => (k.endsWith('Ms') && Array.isArray(v) ? undefined : v),
      2,
    ),
  );
}

await main();
