import { randomUUID } from 'node:crypto';
import { CONTRACT } from '../shared/contract/index.ts';
import type { Result } from '../shared/result.ts';
import { systemClock, type Clock } from './clock.ts';
import { connect, type Db } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { SessionState } from './context.ts';
import {
  dispatch,
  type CallOptions,
  type DispatchDeps,
  type OnlineRoute,
  type WriteHooks,
} from './dispatch.ts';
import type { SyncControl } from './sync/connection-types.ts';
import { HANDLERS } from './handlers.ts';
import { subscribeReportProgress } from './reports/progress.ts';
import { defaultIds, type IdGenerator } from './ids.ts';
import { silentLogger, type Logger } from './log.ts';

export interface CoreOptions {
  db: Db;
  appVersion: string;
  platform?: string;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
  /** Tests: check every ok result against the call's output schema. */
  validateOutput?: boolean;
  /** Sync: outbox capture on a synced laptop, idempotency records during a central replay. */
  hooks?: WriteHooks;
  /** Synced laptop: where calls marked `online` in the contract run (sync/online-calls.ts). */
  online?: OnlineRoute;
  /** The shell's central connection (sync:get-connection, sync:now...). */
  sync?: SyncControl;
}

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string;
}

export type CoreEvent =
  | { type: 'session:expired'; sessionId: string }
  | { type: 'notifications:changed'; userId: string }
  | { type: 'sync:status'; status: unknown }
  | { type: 'task:progress'; taskId: string; done: number; total: number; label: string };

/** The application core the shells (Electron, browser shell, CLI) wrap. */
export interface Core {
  readonly db: Db;
  openSession(meta?: SessionMeta): string;
  closeSession(sessionId: string): void;
  /** Never throws: every failure comes back as `{ ok: false, error }`. */
  dispatch(name: string, input: unknown, sessionId: string, options?: CallOptions): Promise<Result<unknown>>;
  /**
   * A session already signed in as this user, without a password. Only for sync replay (the user
   * proved their password on the laptop) and trusted tooling; shells never expose it.
   */
  openTrustedSession(userId: string, meta?: SessionMeta): string;
  onEvent(listener: (e: CoreEvent) => void): () => void;
  emit(event: CoreEvent): void;
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const sessions = new Map<string, SessionState>();
  const listeners = new Set<(e: CoreEvent) => void>();
  const userAgent = `SMMS/${options.appVersion} (${options.platform ?? process.platform})`;
  const deps: DispatchDeps = {
    db: options.db,
    contract: CONTRACT,
    handlers: HANDLERS as unknown as DispatchDeps['handlers'],
    clock,
    ids: options.ids ?? defaultIds,
    log: options.log ?? silentLogger,
    userAgent,
    validateOutput: options.validateOutput ?? false,
    hooks: options.hooks,
    online: options.online,
    sync: options.sync,
  };
  const open = (meta: SessionMeta, userId: string | null): string => {
    const id = randomUUID();
    sessions.set(id, {
      id,
      userId,
      lastActivityMs: clock.now().getTime(),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent ? `${userAgent} ${meta.userAgent}`.slice(0, 500) : userAgent,
    });
    return id;
  };

  // Long calls (reports, imports) publish progress by taskId; the shells hear it as core events.
  const offProgress = subscribeReportProgress((e) => {
    for (const l of listeners) l({ type: 'task:progress', ...e });
  });

  return {
    db: options.db,
    openSession: (meta = {}) => open(meta, null),
    openTrustedSession: (userId, meta = {}) => open(meta, userId),
    closeSession(id) {
      sessions.delete(id);
    },
    async dispatch(name, input, sessionId, callOptions) {
      const session = sessions.get(sessionId);
      if (!session) {
        return {
          ok: false,
          error: {
            code: 'UNAUTHENTICATED',
            message: 'This window is no longer connected. Reload and sign in.',
          },
        };
      }
      const wasSignedIn = session.userId !== null;
      const result = await dispatch(deps, name, input, session, {
        ...callOptions,
        onEvents: (events) => {
          callOptions?.onEvents?.(events);
          for (const e of events) for (const l of listeners) l(e);
        },
      });
      if (wasSignedIn && session.userId === null && name !== 'auth:logout') {
        for (const l of listeners) l({ type: 'session:expired', sessionId });
      }
      return result;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const l of listeners) l(event);
    },
    close: () => {
      offProgress();
      return options.db.close();
    },
  };
}

/** Opens (and migrates) a database and builds the core on it: what every shell does at start. */
export async function openLocalCore(opts: {
  dbUrl: string;
  appVersion: string;
  platform?: string;
  log?: Logger;
}): Promise<Core> {
  const db = connect(opts.dbUrl);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return createCore({ db, appVersion: opts.appVersion, platform: opts.platform, log: opts.log });
}
