// A fresh process that carries the main-process core through a working day at the dataset's scale,
// for the peak-RSS figure (process.resourceUsage().maxRSS covers the whole life of the process).
//   node --import tsx bench/lib/rss.child.ts day <sqlite file> <now>
//   node --import tsx bench/lib/rss.child.ts sync <empty sqlite file> <central url> <userId>

const [mode, ...args] = process.argv.slice(2) as [string, ...string[]];

async function day(file: string, now: string): Promise<Record<string, unknown>> {
  const { connect } = await import('../../src/core/db/connect.ts');
  const { migrateToLatest } = await import('../../src/core/db/migrate.ts');
  const { createCore } = await import('../../src/core/app.ts');
  const { ManualClock } = await import('../../src/core/clock.ts');
  const { CONTRACT } = await import('../../src/shared/contract/index.ts');
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  const core = createCore({ db, appVersion: 'bench', clock: new ManualClock(now) });
  const users = await db.kysely
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'roles.name as role'])
    .where('users.status', '=', 'ACTIVE')
    .orderBy('users.email')
    .execute();
  const first = (role: string): string => users.find((u) => u.role === role)!.id;
  // Every read call that needs no input, as each role that may make it, then the department's
  // heaviest reports: what an office PC's main process holds during a day of screens.
  let calls = 0;
  for (const role of ['SUPER_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR', 'STUDENT']) {
    const session = core.openTrustedSession(first(role));
    for (const [name, c] of Object.entries(CONTRACT)) {
      const def = c as {
        write: boolean;
        roles: readonly string[] | string;
        input: { safeParse(v: unknown): { success: boolean } };
      };
      if (def.write || !Array.isArray(def.roles) || !def.roles.includes(role) || name.startsWith('reports:'))
        continue;
      if (!def.input.safeParse({}).success) continue;
      await core.dispatch(name, {}, session);
      calls++;
    }
  }
  const hod = core.openTrustedSession(first('DEPARTMENT_ADMIN'));
  for (const call of ['reports:risk', 'reports:mentor-load', 'reports:department']) {
    const r = await core.dispatch(call, {}, hod);
    if (!r.ok) throw new Error(`${call}: ${r.error.message}`);
    calls++;
  }
  await core.close();
  return {
    calls,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

async function sync(file: string, centralUrl: string, userId: string): Promise<Record<string, unknown>> {
  const { connect } = await import('../../src/core/db/connect.ts');
  const { migrateToLatest } = await import('../../src/core/db/migrate.ts');
  const { createSyncedLocalCore } = await import('../../src/core/sync/local-core.ts');
  const { syncOnce } = await import('../../src/core/sync/engine.ts');
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  await createSyncedLocalCore({ db, appVersion: 'bench' });
  const central = connect(centralUrl, { poolSize: 2 });
  const report = await syncOnce({ local: db, central, userId, appVersion: 'bench' });
  await Promise.all([db.close(), central.close()]);
  return {
    pulled: report.pulled,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

const result = mode === 'day' ? await day(args[0]!, args[1]!) : await sync(args[0]!, args[1]!, args[2]!);
process.stdout.write(`${JSON.stringify(result)}\n`);

export {};
