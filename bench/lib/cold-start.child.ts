// A fresh process that starts the app core the way a shell does, for the cold-start figure. It has no
// static imports, so the time to load the core's modules is measured apart from the start itself.
//   node --import tsx bench/lib/cold-start.child.ts core|raw <sqlite file> <userId> <call> <now>

const [mode, file, userId, call, now] = process.argv.slice(2) as [string, string, string, string, string];

async function core(): Promise<Record<string, number>> {
  const i0 = performance.now();
  const { connect } = await import('../../src/core/db/connect.ts');
  const { migrateToLatest } = await import('../../src/core/db/migrate.ts');
  const { createCore } = await import('../../src/core/app.ts');
  const { ManualClock } = await import('../../src/core/clock.ts');
  const importMs = performance.now() - i0;
  // openLocalCore's steps, with the demo's clock so the dashboard covers the demo's "this month".
  const t0 = performance.now();
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  const c = createCore({ db, appVersion: 'bench', clock: new ManualClock(now) });
  const t1 = performance.now();
  const r = await c.dispatch(call, {}, c.openTrustedSession(userId));
  const t2 = performance.now();
  if (!r.ok) throw new Error(`${call}: ${r.error.message}`);
  await c.close();
  return { importMs, openMs: t1 - t0, firstCallMs: t2 - t1, startMs: t2 - t0 };
}

async function raw(): Promise<Record<string, number>> {
  const i0 = performance.now();
  const { default: SqliteDatabase } = await import('better-sqlite3');
  const importMs = performance.now() - i0;
  const t0 = performance.now();
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.prepare('select count(*) from student_profiles where riskLevel = ?').get('HIGH');
  const startMs = performance.now() - t0;
  db.close();
  return { importMs, startMs };
}

const result = mode === 'core' ? await core() : await raw();
process.stdout.write(`${JSON.stringify(result)}\n`);

export {};
