import { connect } from '../src/core/db/connect.ts';
import { syncOnce } from '../src/core/sync/engine.ts';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { APP_VERSION, benchUsers, localCounts, openClient, rawScopedCopy } from './lib/sync-clients.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';

// Initial sync (issue 9): a new laptop's first syncOnce as DEPARTMENT_ADMIN and as MENTOR, against the
// raw copy of the same scoped rows measured alternately in the same run (target ≤ 1.5×). The sync
// runs as the app runs it: synced core on a migrated empty SQLite file, central pool of 2.
// Both copies must end with the same rows per table, or the run counts an error.

async function measureRole(
  ctx: BenchContext,
  centralUrl: string,
  role: 'department-admin' | 'mentor',
  userId: string,
  runs: number,
): Promise<Measurement[]> {
  const central = connect(centralUrl, { poolSize: 2 });
  const raw: number[] = [];
  const synced: number[] = [];
  let errors = 0;
  let rows = 0;
  const mismatches: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await rawScopedCopy(central, userId, ctx.tmp);
      raw.push(r.ms);
      const client = await openClient(ctx.tmp, role);
      const t0 = performance.now();
      const report = await syncOnce({ local: client.db, central, userId, appVersion: APP_VERSION });
      synced.push(performance.now() - t0);
      await client.db.close();
      const a = localCounts(r.file);
      const b = localCounts(client.file);
      const diff = Object.keys(a).filter((t) => a[t] !== b[t]);
      if (diff.length > 0) {
        errors++;
        mismatches.push(...diff.map((t) => `${t}: raw ${a[t]} vs sync ${b[t]}`));
      }
      rows = r.rows;
      ctx.log(
        `initial sync ${role}: ${rows} rows, raw ${r.ms.toFixed(0)} ms, sync ${synced.at(-1)!.toFixed(0)} ms (pulled ${report.pulled})`,
      );
    }
  } finally {
    await central.close();
  }
  const label = role === 'mentor' ? 'MENTOR' : 'DEPARTMENT_ADMIN';
  const n = rows.toLocaleString('en-US');
  return [
    {
      id: `raw.copy.${role}`,
      title: `raw: MariaDB → SQLite copy, ${label} scope (${n} rows)`,
      unit: 'ms',
      samples: raw,
      details: { rows },
    },
    {
      id: `sync.initial.${role}`,
      title: `initial sync ${ctx.scale}, ${label} (${n} rows)`,
      unit: 'ms',
      samples: synced,
      ceiling: { id: `raw.copy.${role}` },
      target: { maxRatio: 1.5, maxErrors: 0 },
      errors,
      details: { rows, ...(mismatches.length ? { mismatches } : {}) },
    },
  ];
}

export const initialSyncBench: Bench = {
  name: 'initial-sync',
  modes: ['quick', 'full'],
  async run(ctx) {
    const central = await ctx.datasets.central(ctx.scale);
    const probe = connect(central.url, { poolSize: 1 });
    const users = await benchUsers(probe).finally(() => probe.close());
    const adminRuns = ctx.mode === 'quick' ? 3 : 3;
    const mentorRuns = ctx.mode === 'quick' ? 3 : 5;
    return [
      ...(await measureRole(ctx, central.url, 'department-admin', users.departmentAdmin, adminRuns)),
      ...(await measureRole(ctx, central.url, 'mentor', users.mentor, mentorRuns)),
    ];
  },
};

if (isEntry(import.meta.url)) await standalone(initialSyncBench);
