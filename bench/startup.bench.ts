import { join } from 'node:path';
import { connect } from '../src/core/db/connect.ts';
import { isEntry, runScript } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { openRaw } from './lib/sqlite-raw.ts';
import { benchUsers } from './lib/sync-clients.ts';
import type { Bench, Measurement } from './lib/types.ts';

// App core start and memory (issue 9), each in fresh node processes:
// - cold start: connect + migrate check + the HOD's first dashboard (dashboards:admin, the office's
//   home screen) on the dataset, target ≤ 300 ms; module loading is reported apart (details.importMs:
//   under tsx it includes transpiling, which the bundled app does not do). Ceiling: a raw
//   better-sqlite3 open and one indexed count in a fresh process.
// - peak RSS of the main-process core: a day of screens (every read call that needs no input, as
//   each role, plus the risk, mentor-load and department reports), and the department office's
//   initial sync from central; target ≤ 300 MB each.

const CHILD = join(import.meta.dirname, 'lib', 'cold-start.child.ts');
const RSS = join(import.meta.dirname, 'lib', 'rss.child.ts');

export const startupBench: Bench = {
  name: 'startup',
  modes: ['quick', 'full'],
  async run(ctx) {
    const runs = ctx.mode === 'quick' ? 2 : 10;
    const file = await ctx.datasets.sqliteCopy(ctx.scale, join(ctx.tmp, 'startup.sqlite'));
    const db = openRaw(file, { readonly: true });
    const hod = (
      db
        .prepare(
          `select u.id from users u join roles r on r.id = u.roleId where r.name = 'DEPARTMENT_ADMIN' order by u.email limit 1`,
        )
        .get() as { id: string }
    ).id;
    db.close();
    const now = `${ctx.asOf}T09:00:00.000Z`;
    const core: number[] = [];
    const raw: number[] = [];
    const imports: number[] = [];
    const firstCall: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c = await runScript<Record<string, number>>(CHILD, ['core', file, hod, 'dashboards:admin', now]);
      core.push(c.startMs!);
      imports.push(Math.round(c.importMs!));
      firstCall.push(Math.round(c.firstCallMs!));
      raw.push((await runScript<Record<string, number>>(CHILD, ['raw', file, hod, '', now])).startMs!);
    }
    ctx.log(`startup: cold start ${core.map((x) => x.toFixed(0)).join(' ')} ms`);
    const day = await runScript<{ peakRssMB: number; calls: number; heapUsedMB: number }>(RSS, [
      'day',
      file,
      now,
    ]);
    const central = await ctx.datasets.central(ctx.scale);
    const probe = connect(central.url, { poolSize: 1 });
    const users = await benchUsers(probe).finally(() => probe.close());
    const sync = await runScript<{ peakRssMB: number; pulled: number }>(RSS, [
      'sync',
      join(ctx.tmp, 'rss-sync.sqlite'),
      central.url,
      users.departmentAdmin,
    ]);
    ctx.log(`startup: peak RSS day ${day.peakRssMB} MB, initial sync ${sync.peakRssMB} MB`);
    const out: Measurement[] = [
      {
        id: 'raw.open',
        title: 'raw: better-sqlite3 open + one query, fresh process',
        unit: 'ms',
        samples: raw,
      },
      {
        id: 'core.cold-start',
        title: 'cold start: open + migrate check + first dashboard',
        unit: 'ms',
        samples: core,
        ceiling: { id: 'raw.open' },
        target: { maxMedian: 300 },
        details: { importMs: imports, firstCallMs: firstCall, call: 'dashboards:admin as DEPARTMENT_ADMIN' },
      },
      {
        id: 'core.rss.day',
        title: `peak RSS, core through a day of screens + reports (${day.calls} calls)`,
        unit: 'MB',
        samples: [day.peakRssMB],
        target: { maxMedian: 300 },
        details: day,
      },
      {
        id: 'core.rss.initial-sync',
        title: `peak RSS, core during the office's initial sync (${sync.pulled} rows)`,
        unit: 'MB',
        samples: [sync.peakRssMB],
        target: { maxMedian: 300 },
        details: sync,
      },
    ];
    return out;
  },
};

if (isEntry(import.meta.url)) await standalone(startupBench);
