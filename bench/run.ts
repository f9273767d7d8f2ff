import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flag, makeContext, option } from './lib/context.ts';
import { evaluate, type ResultRow } from './lib/evaluate.ts';
import { machineInfo } from './lib/machine.ts';
import { adminConnection } from './lib/mysql-admin.ts';
import { renderReadme, renderTable } from './lib/table.ts';
import type { Bench, BenchContext, Measurement, Mode } from './lib/types.ts';
import { BENCHES } from './lib/registry.ts';
import { largeScaleBench } from './large-scale.bench.ts';

// `npm run bench` (full) and `npm run bench -- --quick` (the same code paths on the small demo, within
// three minutes once the datasets are cached). In full mode every benchmark runs in its own node
// process, so one benchmark's heap and caches never slow the next; quick mode runs them in this
// process to save the start-up of each. The datasets (and the MariaDB clone the sync benchmarks
// share) are prepared first. Prints the table and writes bench/results/latest.json.
//   --only a,b        run only these benchmarks (then the results go to bench/results/partial.json)
//   --isolate / --in-process      override where the benchmarks run
//   --markdown        print the README tables of bench/results/latest.json and exit
//   --seed N --as-of YYYY-MM-DD   pick another demo dataset

const SELF = import.meta.filename;
const RESULTS = join(import.meta.dirname, 'results');

interface BenchOutcome {
  name: string;
  ms: number;
  measurements: Measurement[];
  error?: string;
}

function runChild(bench: Bench, mode: Mode, env: NodeJS.ProcessEnv): Promise<BenchOutcome> {
  const t0 = performance.now();
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        SELF,
        '--bench',
        bench.name,
        ...(mode === 'quick' ? ['--quick'] : []),
        ...passThrough(),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28, env },
      (err, stdout) => {
        const ms = performance.now() - t0;
        const last = stdout.trim().split('\n').at(-1) ?? '';
        if (err) {
          done({ name: bench.name, ms, measurements: [], error: err.message.split('\n')[0] });
          return;
        }
        done({ name: bench.name, ms, measurements: JSON.parse(last) as Measurement[] });
      },
    );
    child.stderr?.pipe(process.stderr);
  });
}

function passThrough(): string[] {
  const out: string[] = [];
  for (const name of ['seed', 'as-of']) {
    const v = option(name);
    if (v !== undefined) out.push(`--${name}`, v);
  }
  return out;
}

async function runHere(bench: Bench, ctx: BenchContext): Promise<BenchOutcome> {
  const t0 = performance.now();
  try {
    const measurements = await bench.run(ctx);
    return { name: bench.name, ms: performance.now() - t0, measurements };
  } catch (err) {
    ctx.log(`${bench.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    const error = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return { name: bench.name, ms: performance.now() - t0, measurements: [], error };
  }
}

/** Child side: run one benchmark and print its measurements as the last stdout line. */
async function childMain(name: string, mode: Mode): Promise<void> {
  const bench = BENCHES.find((b) => b.name === name);
  if (!bench) throw new Error(`unknown benchmark ${name}`);
  const { ctx, close } = await makeContext(mode);
  try {
    const measurements = await bench.run(ctx);
    process.stdout.write(`\n${JSON.stringify(measurements)}\n`);
  } finally {
    await close();
  }
}

async function mysqlVersion(server: string): Promise<string> {
  const conn = await adminConnection(server);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return (rows as { v: string }[])[0]!.v;
  } finally {
    await conn.end();
  }
}

async function main(): Promise<void> {
  const mode: Mode = flag('quick') ? 'quick' : 'full';
  const only = option('only')?.split(',');
  const selected = BENCHES.filter((b) => b.modes.includes(mode) && (!only || only.includes(b.name)));
  const started = performance.now();
  const { ctx, close } = await makeContext(mode);
  const outcomes: BenchOutcome[] = [];
  const prepared: Record<string, unknown> = {};
  try {
    // Datasets first, so their generation (only when not cached) is timed apart from the benchmarks.
    // The large dataset (minutes to generate into MariaDB) only when a selected benchmark reads it.
    const wantsLarge = selected.some((b) => b.name === largeScaleBench.name);
    const scales =
      mode === 'quick'
        ? (['small'] as const)
        : wantsLarge
          ? (['department', 'large'] as const)
          : (['department'] as const);
    for (const scale of scales) {
      const s = await ctx.datasets.sqlite(scale);
      const m = await ctx.datasets.mysql(scale);
      prepared[scale] = {
        rows: s.rows,
        sqliteGeneratedMs: s.generatedMs,
        mysqlGeneratedMs: m.generatedMs,
        cachedThisRun: s.cached && m.cached,
      };
    }
    const central = await ctx.datasets.central(ctx.scale);
    const env = { ...process.env, [`SMMS_BENCH_CENTRAL_${ctx.scale.toUpperCase()}`]: central.database };
    const isolate = flag('isolate') || (mode === 'full' && !flag('in-process'));
    for (const bench of selected) {
      ctx.log(`== ${bench.name}`);
      const o = isolate ? await runChild(bench, mode, env) : await runHere(bench, ctx);
      ctx.log(`== ${bench.name}: ${(o.ms / 1000).toFixed(1)} s${o.error ? ` FAILED: ${o.error}` : ''}`);
      outcomes.push(o);
    }
  } finally {
    await close();
  }
  const rows = evaluate(outcomes.flatMap((o) => o.measurements));
  const broken = outcomes.filter((o) => o.error);
  const totalMs = performance.now() - started;
  process.stdout.write(
    `\nSMMS benchmarks (${mode}, ${ctx.scale} scale), ${(totalMs / 1000).toFixed(0)} s\n\n${renderTable(rows)}\n`,
  );
  for (const b of broken) process.stdout.write(`\nBENCHMARK FAILED TO RUN: ${b.name}: ${b.error}\n`);
  printMisses(rows);
  const machine = {
    ...machineInfo(),
    mysqlServer: await mysqlVersion(ctx.server).catch(() => 'unreachable'),
  };
  const report = {
    mode,
    scale: ctx.scale,
    seed: ctx.seed,
    asOf: ctx.asOf,
    machine,
    totalSeconds: Math.round(totalMs / 1000),
    datasets: prepared,
    benchmarks: outcomes.map((o) => ({
      name: o.name,
      seconds: Math.round(o.ms / 100) / 10,
      ...(o.error ? { error: o.error } : {}),
    })),
    passed: rows.filter((r) => r.pass === true).length,
    failed: rows.filter((r) => r.pass === false).length + broken.length,
    results: rows,
  };
  mkdirSync(RESULTS, { recursive: true });
  const out = join(RESULTS, only ? 'partial.json' : 'latest.json');
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nWrote ${out}\n`);
  if (report.failed > 0) process.exitCode = 1;
}

function printMisses(rows: readonly ResultRow[]): void {
  const missed = rows.filter((r) => r.pass === false);
  if (missed.length === 0) return;
  process.stdout.write(`\nMissed targets (${missed.length}):\n`);
  for (const r of missed) process.stdout.write(`  ${r.title}: ${r.failures.join('; ')}\n`);
}

const benchName = option('bench');
if (flag('markdown')) {
  const report = JSON.parse(readFileSync(join(RESULTS, 'latest.json'), 'utf8')) as { results: ResultRow[] };
  process.stdout.write(`${renderReadme(report.results)}\n`);
} else if (benchName) await childMain(benchName, flag('quick') ? 'quick' : 'full');
else await main();
