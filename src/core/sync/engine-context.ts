import type { Clock } from '../clock.ts';
import type { Db } from '../db/connect.ts';
import type { DispatchDeps } from '../dispatch.ts';
import type { Logger } from '../log.ts';
import type { Faults } from './faults.ts';
import type { ColumnMap } from './tables.ts';

/** Progress of long sync work (initial snapshot, resync), for the Sync badge's progress bar. */
export interface SyncProgress {
  phase: 'push' | 'snapshot' | 'pull';
  done: number;
  /** 0 while not known yet (an initial sync counts its rows while it already downloads). */
  total: number;
  label: string;
}

/** The calls a replay may run: the app's contract and handlers (tests may pass their own). */
export interface ReplayCalls {
  contract: DispatchDeps['contract'];
  handlers: DispatchDeps['handlers'];
}

/** Everything one sync round needs. */
export interface EngineContext {
  local: Db;
  central: Db;
  clientId: string;
  userId: string;
  appVersion: string;
  clock: Clock;
  log: Logger;
  columns: ColumnMap;
  calls: ReplayCalls;
  batchSize: number;
  faults?: Faults;
  onProgress?: (p: SyncProgress) => void;
}
