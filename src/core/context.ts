import type { Kysely } from 'kysely';
import type { RoleName } from '../shared/domain/enums.ts';
import type { Clock } from './clock.ts';
import type { Dialect } from './db/connect.ts';
import type { Database } from './db/schema.ts';
import type { IdGenerator } from './ids.ts';
import type { Logger } from './log.ts';
import type { SyncControl } from './sync/connection-types.ts';

/** Who is calling, loaded fresh from the users table on every call (never taken from input). */
export interface Actor {
  userId: string;
  email: string;
  role: RoleName;
  institutionId: string | null;
  departmentId: string | null;
}

export interface AuditEntry {
  /** Defaults to the call name. */
  action?: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the actor; set for events about another user (e.g. a failed login). */
  userId?: string | null;
}

/** Login state of one window / browser tab / CLI run, kept in the main process only. */
export interface SessionState {
  readonly id: string;
  userId: string | null;
  lastActivityMs: number;
  ip: string | null;
  userAgent: string;
}

/**
 * What every service function receives. For write calls `db` is the call's transaction: the row,
 * its audit entry (and on a synced client its outbox entry) commit together or not at all.
 */
export interface ServiceContext {
  db: Kysely<Database>;
  dialect: Dialect;
  /** null only inside PUBLIC calls made before login. */
  actor: Actor | null;
  clock: Clock;
  ids: IdGenerator;
  /** The call's timestamp (ISO UTC): every row a call writes carries the same instant. */
  now: string;
  callName: string;
  session: SessionState;
  log: Logger;
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Announce a change to the shells (bell counts, badges). Delivered only after the call's
   * transaction commits, so no window refreshes to see a change that was rolled back.
   */
  publish(event: AppEvent): void;
  /** This computer's central connection, when the shell manages one (sync:* connection calls). */
  sync?: SyncControl;
  /**
   * Sync replay only: a call's risk re-evaluation is queued here instead of run at once, and the
   * batch evaluates each queued student once before it commits (risk/engine.ts evaluateStudentRisk).
   */
  deferRisk?: (ctx: ServiceContext, studentIds: readonly string[]) => void;
  /**
   * Sync replay only: central records the call's outcome and throws its result away (the laptop
   * already showed the user its own), so reading the result back after the writes is skipped
   * (resultOf).
   */
  replay?: true;
}

/**
 * A write call's result, read back after its writes: `read()` normally; skipped when a sync replay
 * will discard it (one statement less per replayed call: 1,000 queued sessions are 1,000 reads of a
 * session that nobody sees). The replay never looks at the value, so nothing reads the `undefined`.
 */
export function resultOf<T>(ctx: ServiceContext, read: () => Promise<T>): Promise<T> {
  return ctx.replay ? Promise.resolve(undefined as T) : read();
}

/** Events services publish; the core forwards them to the shells after commit. */
export type AppEvent = { type: 'notifications:changed'; userId: string };

/** A context whose actor is known: what non-PUBLIC handlers get. */
export interface AuthedContext extends ServiceContext {
  actor: Actor;
}
