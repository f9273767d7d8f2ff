import type { Datasets } from './datasets.ts';

// What a benchmark hands back to the runner, and what the runner gives every benchmark.

export type Mode = 'quick' | 'full';
export type Unit = 'ms' | 'MB';

/** Every bound present must hold for a pass; a measurement with no target is a reference figure. */
export interface Target {
  /** median ÷ (ceiling median × ceiling.factor) */
  maxRatio?: number;
  maxMedian?: number;
  maxP95?: number;
  maxErrors?: number;
}

export interface Measurement {
  /** Stable id, e.g. `sync.initial.mentor`; ceilings are referred to by it. */
  id: string;
  title: string;
  unit: Unit;
  samples: number[];
  /**
   * The raw measurement of the same run this one is compared with: another measurement's id, or
   * its own samples when the ceiling is only meaningful next to this row (a query's raw SQL).
   */
  ceiling?: { id: string; samples?: number[]; factor?: number; note?: string };
  target?: Target;
  errors?: number;
  /** Free-form facts: row counts, query plans, what the figure covers. */
  details?: Record<string, unknown>;
}

export interface BenchContext {
  mode: Mode;
  /** The scale the main figures use: `department` (full) or `small` (quick). */
  scale: 'small' | 'department';
  seed: number;
  asOf: string;
  /** mysql://user:pass@host:port (no database). */
  server: string;
  datasets: Datasets;
  /** A directory for this run's scratch files, removed at the end. */
  tmp: string;
  log(message: string): void;
}

export interface Bench {
  name: string;
  /** Which modes run it (large-scale growth is full only). */
  modes: readonly Mode[];
  run(ctx: BenchContext): Promise<Measurement[]>;
}
