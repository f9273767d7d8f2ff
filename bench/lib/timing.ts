import { summarize, type Summary } from './stats.ts';

// Wall-clock timing with performance.now(). Each sample is one whole operation as the app runs it;
// warm-up runs are discarded so JIT and SQLite page-cache effects do not land in the first samples.
// CPU time (this process, all threads) is kept beside wall time: on a shared machine a wall-clock
// outlier is often time the process spent waiting for a core, and the CPU figure says which.

export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export interface SampleOptions {
  runs: number;
  warmup?: number;
  /** Stop early once this much time went into timed runs (at least `minRuns` are always taken). */
  budgetMs?: number;
  minRuns?: number;
}

export async function sample(
  fn: () => Promise<unknown> | unknown,
  opts: SampleOptions,
): Promise<{ samples: number[]; cpu: number[]; summary: Summary }> {
  for (let i = 0; i < (opts.warmup ?? 0); i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  let spent = 0;
  for (let i = 0; i < opts.runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    samples.push(ms);
    cpu.push((c.user + c.system) / 1000);
    spent += ms;
    if (opts.budgetMs !== undefined && spent > opts.budgetMs && samples.length >= (opts.minRuns ?? 5)) break;
  }
  return { samples, cpu, summary: summarize(samples) };
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
