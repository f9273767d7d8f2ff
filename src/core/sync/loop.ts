import type { Db } from '../db/connect.ts';
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import { silentLogger, type Logger } from '../log.ts';
import { CentralBusyError, SyncAuthError, isConnectionError } from './central.ts';
import { CentralSchemaError } from './central-schema.ts';
import type { SyncProgress } from './engine-context.ts';
import type { SyncReport } from './engine.ts';
import { clearState, countOutbox, getState, setState } from './local-state.ts';

// The sync loop of the main process (plain Node; the Electron shell only forwards its events). It
// syncs on start, shortly after local writes (debounced), every few minutes and on demand; never two
// rounds at once. An unreachable central is a normal state ("offline"), retried with exponential
// back-off, never an error dialog.

export type SyncLoopState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatusEvent {
  state: SyncLoopState;
  progress?: SyncProgress;
  /** Outbox entries still waiting for central. */
  pending: number;
  lastSuccessAt: string | null;
  lastError?: string;
  lastReport?: SyncReport;
}

export interface SyncLoopOptions {
  /** One sync round (push + pull); the loop adds scheduling, back-off and status. */
  run(onProgress: (p: SyncProgress) => void): Promise<SyncReport>;
  local: Db;
  userId: string;
  onStatus(status: SyncStatusEvent): void;
  intervalMs?: number;
  debounceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  clock?: Clock;
  log?: Logger;
}

export class SyncLoop {
  readonly #o: Required<Omit<SyncLoopOptions, 'log' | 'clock'>> & { log: Logger; clock: Clock };
  #timer: NodeJS.Timeout | null = null;
  #dueAt = Infinity;
  #running: Promise<SyncReport | null> | null = null;
  #again = false;
  #stopped = true;
  #backoffMs = 0;
  #status: SyncStatusEvent = { state: 'idle', pending: 0, lastSuccessAt: null };

  constructor(options: SyncLoopOptions) {
    this.#o = {
      intervalMs: 5 * 60_000,
      debounceMs: 3000,
      minBackoffMs: 5000,
      maxBackoffMs: 5 * 60_000,
      clock: systemClock,
      log: silentLogger,
      ...options,
    };
  }

  get status(): SyncStatusEvent {
    return this.#status;
  }

  /** Starts the loop: a round right away, then on the schedule. */
  async start(): Promise<void> {
    this.#stopped = false;
    const last = await getState(this.#o.local.kysely, 'lastSuccessAt');
    // A 'syncing' left behind by a crash is not true any more.
    await setState(this.#o.local.kysely, 'state', 'idle');
    this.#status = { ...this.#status, lastSuccessAt: last };
    this.#schedule(0);
  }

  /** Stops scheduling and waits for a round in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimer();
    await this.#running;
  }

  /** A local write was queued: sync soon, after the user's burst of edits settles. */
  notifyLocalWrite(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(this.#o.debounceMs, true);
  }

  /** Sync now (the Sync button), even during back-off; resolves with the round's report (null: failed). */
  async syncNow(): Promise<SyncReport | null> {
    if (this.#running) await this.#running;
    return this.#round();
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#dueAt = Infinity;
  }

  /** Runs a round in `ms`; `debounce` pushes an already-due write round back, others only pull earlier. */
  #schedule(ms: number, debounce = false): void {
    if (this.#stopped) return;
    const due = Date.now() + ms;
    if (!debounce && due >= this.#dueAt) return;
    this.#clearTimer();
    this.#dueAt = due;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#dueAt = Infinity;
      void this.#round();
    }, ms);
    this.#timer.unref();
  }

  async #round(): Promise<SyncReport | null> {
    if (this.#running) return this.#running;
    this.#clearTimer();
    this.#running = this.#attempt();
    try {
      return await this.#running;
    } finally {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.#schedule(this.#o.debounceMs, true);
      }
    }
  }

  async #attempt(): Promise<SyncReport | null> {
    const db = this.#o.local.kysely;
    const at = this.#o.clock.now().toISOString();
    await setState(db, 'lastAttemptAt', at);
    await this.#publish({ state: 'syncing', progress: undefined });
    try {
      const report = await this.#o.run((progress) => void this.#publish({ state: 'syncing', progress }));
      this.#backoffMs = 0;
      await setState(db, 'lastSuccessAt', at);
      await clearState(db, 'lastError');
      await this.#publish({
        state: 'idle',
        progress: undefined,
        lastSuccessAt: at,
        lastError: undefined,
        lastReport: report,
      });
      this.#schedule(this.#o.intervalMs);
      return report;
    } catch (err) {
      await this.#failed(err);
      return null;
    }
  }

  async #failed(err: unknown): Promise<void> {
    const offline = isConnectionError(err);
    this.#backoffMs = Math.min(this.#o.maxBackoffMs, Math.max(this.#o.minBackoffMs, this.#backoffMs * 2));
    const message = offline
      ? 'The central database cannot be reached; changes are kept on this computer.'
      : err instanceof SyncAuthError || err instanceof CentralBusyError || err instanceof CentralSchemaError
        ? err.message
        : `Sync failed: ${err instanceof Error ? err.message : String(err)}`;
    if (!offline) this.#o.log.error('sync failed', { error: err instanceof Error ? err.stack : String(err) });
    await setState(this.#o.local.kysely, 'lastError', message);
    await this.#publish({ state: offline ? 'offline' : 'error', progress: undefined, lastError: message });
    this.#schedule(this.#backoffMs);
  }

  async #publish(change: Partial<SyncStatusEvent>): Promise<void> {
    const counts = await countOutbox(this.#o.local.kysely, this.#o.userId);
    this.#status = { ...this.#status, ...change, pending: counts.PENDING };
    if (change.state) await setState(this.#o.local.kysely, 'state', change.state);
    this.#o.onStatus(this.#status);
  }
}
