import { importBench } from '../import.bench.ts';
import { initialSyncBench } from '../initial-sync.bench.ts';
import { largeScaleBench } from '../large-scale.bench.ts';
import { queriesBench } from '../queries.bench.ts';
import { rawBench } from '../raw.bench.ts';
import { recordBooksBench } from '../record-books.bench.ts';
import { reportTimingBench } from '../report-timing.bench.ts';
import { startupBench } from '../startup.bench.ts';
import { syncConcurrencyBench } from '../sync-concurrency.bench.ts';
import { syncRoundsBench } from '../sync-rounds.bench.ts';
import type { Bench } from './types.ts';

// Every benchmark the runner knows, in the order they run (raw ceilings first).
export const BENCHES: readonly Bench[] = [
  rawBench,
  initialSyncBench,
  syncRoundsBench,
  syncConcurrencyBench,
  queriesBench,
  importBench,
  reportTimingBench,
  recordBooksBench,
  startupBench,
  largeScaleBench,
];
