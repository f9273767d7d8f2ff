import { join } from 'node:path';
import { connect } from '../src/core/db/connect.ts';
import type { ScaleName } from '../src/core/demo/generate.ts';
import { syncOnce } from '../src/core/sync/engine.ts';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { capturedCore } from './lib/captured-core.ts';
import { benchUsers, localCounts, openClient } from './lib/sync-clients.ts';
import { withWarmPool, type PoolReport } from './lib/buffer-pool.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';
import { measureCase, people, type Case } from './queries.bench.ts';

// Growth from the department demo (1 department) to the large one (10 departments, ~5 million rows),
// full mode only (issue 9): how initial sync and queries cost more as central grows. Each large figure
// is compared with the same figure at department scale, taken in this run, times the growth of what
// that user can see: a department's office and the first department's busiest mentor see the same
// rows at both scales (factor ≈ 1: their cost must not grow with the other nine departments), the
// super admin sees everything (factor ≈ 10:
// cost may grow with the rows, not faster). Target: ratio ≤ 1.5 (≈ linear in the rows in scope).
// Initial syncs read the cached MariaDB datasets (the sync_clients rows they register are removed
// afterwards) on a server whose buffer pool holds both, read into it first (lib/buffer-pool.ts: the
// default 128 MB pool made these figures the disk's); queries run on copies of the cached SQLite files.

const APP = 'bench-scale';

type SyncRole = 'departmentAdmin' | 'mentor' | 'superAdmin';
const LABEL: Record<SyncRole, string> = {
  departmentAdmin: 'DEPARTMENT_ADMIN',
  mentor: 'MENTOR',
  superAdmin: 'SUPER_ADMIN',
};

async function initialSync(
  ctx: BenchContext,
  scale: ScaleName,
  role: SyncRole,
): Promise<{ ms: number; rows: number }> {
  const ds = await ctx.datasets.mysql(scale);
  const central = connect(ds.url, { poolSize: 2 });
  try {
    const users = await benchUsers(central);
    const client = await openClient(ctx.tmp, `${scale}-${role}`);
    const t0 = performance.now();
    await syncOnce({ local: client.db, central, userId: users[role], appVersion: APP });
    const ms = performance.now() - t0;
    await client.db.close();
    const rows = Object.values(localCounts(client.file)).reduce((a, b) => a + b, 0);
    ctx.log(`scale: initial sync ${scale} ${role}: ${rows} rows in ${(ms / 1000).toFixed(1)} s`);
    return { ms, rows };
  } finally {
    await central.kysely.deleteFrom('sync_clients').where('appVersion', '=', APP).execute();
    await central.close();
  }
}

/** The role's initial sync at both scales, the large one compared with the department one. */
async function syncPair(ctx: BenchContext, role: SyncRole, pool: PoolReport): Promise<Measurement[]> {
  const dept = await initialSync(ctx, 'department', role);
  const large = await initialSync(ctx, 'large', role);
  const label = LABEL[role];
  return [
    {
      id: `scale.sync.${role}.department`,
      title: `initial sync ${label}, department (${dept.rows.toLocaleString('en-US')} rows)`,
      unit: 'ms',
      samples: [dept.ms],
      details: { ...dept, pool },
    },
    {
      id: `scale.sync.${role}.large`,
      title: `initial sync ${label}, large (${large.rows.toLocaleString('en-US')} rows)`,
      unit: 'ms',
      samples: [large.ms],
      ceiling: {
        id: `scale.sync.${role}.department`,
        factor: Math.round((large.rows / dept.rows) * 100) / 100,
        note: 'department figure × growth of the rows in scope',
      },
      target: { maxRatio: 1.5 },
      details: { ...large, pool },
    },
  ];
}

const CASES: Case[] = [
  { role: 'SUPER_ADMIN', call: 'dashboards:admin', input: {} },
  { role: 'SUPER_ADMIN', call: 'users:list', input: {} },
  { role: 'SUPER_ADMIN', call: 'audit:list', input: {} },
  { role: 'DEPARTMENT_ADMIN', call: 'dashboards:admin', input: {} },
  { role: 'DEPARTMENT_ADMIN', call: 'dashboards:department', input: {} },
  { role: 'DEPARTMENT_ADMIN', call: 'students:list', input: {} },
  { role: 'DEPARTMENT_ADMIN', call: 'sessions:list', input: {} },
  { role: 'DEPARTMENT_ADMIN', call: 'alerts:list', input: {} },
  { role: 'MENTOR', call: 'dashboards:mentor', input: {} },
  { role: 'MENTOR', call: 'sessions:list', input: {} },
  { role: 'STUDENT', call: 'dashboards:student', input: {} },
];

async function queries(
  ctx: BenchContext,
  scale: ScaleName,
): Promise<{ measurements: Measurement[]; users: number }> {
  const file = await ctx.datasets.sqliteCopy(scale, join(ctx.tmp, `scale-${scale}.sqlite`));
  const c = await capturedCore(file, `${ctx.asOf}T09:00:00.000Z`);
  try {
    const who = people(c);
    const users = (c.raw.prepare('select count(*) as n from users').get() as { n: number }).n;
    const out: Measurement[] = [];
    for (const k of CASES)
      out.push(
        await measureCase(ctx, c, who, k, { idPrefix: `scale.${scale}.query`, titleSuffix: ` (${scale})` }),
      );
    return { measurements: out, users };
  } finally {
    await c.close();
  }
}

export const largeScaleBench: Bench = {
  name: 'large-scale',
  modes: ['full'],
  async run(ctx) {
    const out: Measurement[] = [];
    const databases = [
      (await ctx.datasets.mysql('department')).database,
      (await ctx.datasets.mysql('large')).database,
    ];
    await withWarmPool(ctx.server, databases, ctx.log, async (pool) => {
      for (const role of ['departmentAdmin', 'mentor', 'superAdmin'] as const)
        out.push(...(await syncPair(ctx, role, pool)));
    });
    const d = await queries(ctx, 'department');
    const l = await queries(ctx, 'large');
    const growth = Math.round((l.users / d.users) * 100) / 100;
    // The department figures are this comparison's reference; their own targets are the queries bench's.
    out.push(...d.measurements.map(({ target: _target, ...m }) => m));
    for (const m of l.measurements) {
      const sa = m.id.includes('.super_admin.');
      out.push({
        ...m,
        ceiling: {
          id: m.id.replace('scale.large.', 'scale.department.'),
          factor: sa ? growth : 1,
          note: sa ? 'department figure × growth in users' : 'department figure (same scope)',
        },
        target: { maxRatio: 1.5 },
      });
    }
    return out;
  },
};

if (isEntry(import.meta.url)) await standalone(largeScaleBench);
