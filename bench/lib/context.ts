import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AS_OF } from '../../src/core/demo/calendar.ts';
import { Datasets } from './datasets.ts';
import { evaluate } from './evaluate.ts';
import { serverUrl } from './mysql-admin.ts';
import { renderTable } from './table.ts';
import type { Bench, BenchContext, Mode } from './types.ts';

// The context every benchmark runs in, built the same way by the runner and by a bench file run alone.

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

export function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export async function makeContext(mode: Mode): Promise<{ ctx: BenchContext; close(): Promise<void> }> {
  const seed = Number(option('seed') ?? 1);
  const asOf = option('as-of') ?? DEFAULT_AS_OF;
  const server = serverUrl();
  const started = performance.now();
  const log = (m: string): void => {
    process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${m}\n`);
  };
  const datasets = new Datasets(server, seed, asOf, log);
  await datasets.dropStaleClones();
  const tmp = mkdtempSync(join(tmpdir(), 'smms-bench-run-'));
  const ctx: BenchContext = {
    mode,
    scale: mode === 'quick' ? 'small' : 'department',
    seed,
    asOf,
    server,
    datasets,
    tmp,
    log,
  };
  return {
    ctx,
    async close() {
      await datasets.dropClones();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** `npx tsx bench/<name>.bench.ts [--quick] [--out rows.json]`: run one benchmark, print its table. */
export async function standalone(bench: Bench): Promise<void> {
  const { ctx, close } = await makeContext(flag('quick') ? 'quick' : 'full');
  try {
    const rows = evaluate(await bench.run(ctx));
    process.stdout.write(`${renderTable(rows)}\n`);
    const out = option('out');
    if (out) writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
    if (rows.some((r) => r.pass === false)) process.exitCode = 1;
  } finally {
    await close();
  }
}
