import type { z } from 'zod';
import { isOnlineCall, type CallDef } from '../shared/contract/define.ts';
import { fail, ok, type FieldIssue, type Result } from '../shared/result.ts';
import type { RoleName } from '../shared/domain/enums.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/connect.ts';
import type { Actor, AppEvent, AuditEntry, ServiceContext, SessionState } from './context.ts';
import { insertAudit, type AuditRow } from './audit/audit.repo.ts';
import { auditRowOf, type AuditOrigin } from './audit/audit-batch.ts';
import { AppError } from './errors.ts';
import type { IdGenerator } from './ids.ts';
import type { Logger } from './log.ts';
import { loadActor, idleTimeoutMinutes } from './auth/actor.ts';
import { dbErrorToAppError } from './db/db-errors.ts';
import type { SyncControl } from './sync/connection-types.ts';

// The one door (ARCHITECTURE.md "The contract"): name → parse input → actor from the session →
// role check → handler (in one transaction for writes) → Result. Never throws.

type AnyHandler = (ctx: ServiceContext, input: unknown) => Promise<unknown>;

/** What a write hook learns about the call it wraps (sync: outbox capture, replay bookkeeping). */
export interface WriteCallInfo {
  name: string;
  input: unknown;
  actor: Actor | null;
  now: string;
  /** Every id the handler generated, in order (sync replays them so central rows get the same ids). */
  generatedIds: string[];
}

/**
 * Hooks that run INSIDE a write call's transaction, so whatever they write commits with the call's
 * rows or not at all (the outbox entry on a synced laptop; sync_mutations during a replay).
 */
export interface WriteHooks {
  beforeHandler?(trx: ServiceContext['db'], call: WriteCallInfo): Promise<void>;
  beforeCommit?(trx: ServiceContext['db'], call: WriteCallInfo, result: unknown): Promise<void>;
}

/** Per-call overrides used by sync replay: the client's time and the client's generated ids. */
export interface CallOptions {
  now?: Date;
  ids?: IdGenerator;
  /** Receives the events the call published, once it has succeeded (after commit). */
  onEvents?: (events: AppEvent[]) => void;
}

export interface DispatchDeps {
  db: Db;
  contract: Record<string, CallDef>;
  handlers: Record<string, AnyHandler>;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  userAgent: string;
  /** Tests turn this on: every ok result is checked against the call's output schema. */
  validateOutput?: boolean;
  hooks?: WriteHooks;
  /**
   * Synced laptop: runs a call the contract marks `online` on central instead of the local cache.
   * Resolves null when this computer has no central (the call then runs locally as usual).
   */
  online?: OnlineRoute;
  /** The shell's central connection, for the sync:* connection calls. */
  sync?: SyncControl;
  /**
   * Runs a write call's work in a transaction. Default: one transaction of `db` per call. Sync replay
   * passes a SAVEPOINT inside its batch transaction, so many replayed calls share one commit while a
   * rejected one still rolls back alone.
   */
  transaction?: <T>(fn: (trx: ServiceContext['db']) => Promise<T>) => Promise<T>;
  /** Loads the session's actor (default: `loadActor` on `db`); sync replay reuses one per batch. */
  actorFor?: (userId: string) => Promise<Actor | null>;
  /**
   * Set by sync replay only (sync/replay.ts). A replayed call's result is discarded, so services
   * skip reading it back (ctx.replay, context.ts resultOf).
   */
  replay?: ReplayMode;
}

/** What a replay changes in the calls it dispatches: all of it work done once per batch. */
export interface ReplayMode {
  /** Risk re-evaluations are queued and run once per student per batch. */
  deferRisk: NonNullable<ServiceContext['deferRisk']>;
  /**
   * A write call's audit rows go here instead of into audit_logs one statement each; the replay
   * writes them, in order, with its batch (the call's transaction still decides whether they are
   * kept: replay.ts drops those of a call whose savepoint rolled back).
   */
  auditSink: (row: AuditRow) => void;
}

export type OnlineRoute = (
  deps: DispatchDeps,
  name: string,
  input: unknown,
  session: SessionState,
  options: CallOptions,
) => Promise<Result<unknown> | null>;

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.') || '(input)',
    message: i.message,
  }));
}

function roleAllowed(def: CallDef, role: RoleName): boolean {
  return def.roles === 'PUBLIC' || def.roles.includes(role);
}

/**
 * ctx.audit: rows carry the call's actor, name, ip, user agent and instant, in the call's transaction.
 * `sink` (sync replay) takes the rows instead, to write a batch's rows in one statement.
 */
function auditTo(
  db: ServiceContext['db'],
  c: AuditOrigin,
  sink?: (row: AuditRow) => void,
): ServiceContext['audit'] {
  const write = sink ? async (row: AuditRow) => sink(row) : (row: AuditRow) => insertAudit(db, row);
  return (e: AuditEntry) => write(auditRowOf(e, c));
}

/**
 * The same call's context on another transaction of the same database: sync replay runs a batch's
 * deferred risk pass after the batch committed, as the call that asked for it.
 */
export function contextOn(ctx: ServiceContext, db: ServiceContext['db']): ServiceContext {
  const { deferRisk: _deferred, ...rest } = ctx;
  return { ...rest, db, audit: auditTo(db, ctx) };
}

/** Resolves the session's actor and enforces the idle timeout. */
async function resolveActor(deps: DispatchDeps, session: SessionState): Promise<Actor | null> {
  if (!session.userId) return null;
  const actor = await (deps.actorFor ?? ((id: string) => loadActor(deps.db.kysely, id)))(session.userId);
  const nowMs = deps.clock.now().getTime();
  if (!actor) {
    session.userId = null;
    throw new AppError('UNAUTHENTICATED', 'Your account is no longer active. Sign in again.');
  }
  if (nowMs - session.lastActivityMs > idleTimeoutMinutes(actor.role) * 60_000) {
    session.userId = null;
    throw new AppError(
      'UNAUTHENTICATED',
      `The app locked itself after ${idleTimeoutMinutes(actor.role)} minutes without activity. Sign in again to continue.`,
    );
  }
  session.lastActivityMs = nowMs;
  return actor;
}

async function run(
  deps: DispatchDeps,
  def: CallDef,
  handler: AnyHandler,
  name: string,
  input: unknown,
  session: SessionState,
  actor: Actor | null,
  options: CallOptions,
): Promise<unknown> {
  const now = (options.now ?? deps.clock.now()).toISOString();
  const baseIds = options.ids ?? deps.ids;
  const generatedIds: string[] = [];
  const ids: IdGenerator = () => {
    const id = baseIds();
    generatedIds.push(id);
    return id;
  };
  const published: AppEvent[] = [];
  const makeCtx = (db: ServiceContext['db']): ServiceContext => ({
    publish: (event: AppEvent) => void published.push(event),
    db,
    dialect: deps.db.dialect,
    actor,
    clock: deps.clock,
    ids,
    now,
    callName: name,
    session,
    log: deps.log,
    sync: deps.sync,
    ...(deps.replay ? { deferRisk: deps.replay.deferRisk, replay: true as const } : {}),
    audit: auditTo(db, { actor, callName: name, session, now }, deps.replay?.auditSink),
  });
  if (!def.write) {
    const result = await handler(makeCtx(deps.db.kysely), input);
    options.onEvents?.(published);
    return result;
  }

  // A failure marked `commit` keeps its writes (audit of a failed login) and is rethrown after commit.
  let committedFailure: AppError | undefined;
  const info: WriteCallInfo = { name, input, actor, now, generatedIds };
  const inTransaction =
    deps.transaction ??
    (<T>(fn: (trx: ServiceContext['db']) => Promise<T>) => deps.db.kysely.transaction().execute(fn));
  const data = await inTransaction(async (trx) => {
    try {
      await deps.hooks?.beforeHandler?.(trx, info);
      const result = await handler(makeCtx(trx), input);
      await deps.hooks?.beforeCommit?.(trx, info, result);
      return result;
    } catch (err) {
      if (err instanceof AppError && err.commit) {
        committedFailure = err;
        return undefined;
      }
      throw err;
    }
  });
  if (committedFailure) throw committedFailure;
  if (published.length > 0) options.onEvents?.(published);
  return data;
}

export async function dispatch(
  deps: DispatchDeps,
  name: string,
  input: unknown,
  session: SessionState,
  options: CallOptions = {},
): Promise<Result<unknown>> {
  const def = Object.hasOwn(deps.contract, name) ? deps.contract[name] : undefined;
  const handler = Object.hasOwn(deps.handlers, name) ? deps.handlers[name] : undefined;
  if (!def || !handler) return fail('NOT_FOUND', `Unknown request "${String(name).slice(0, 60)}".`);

  try {
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail('VALIDATION', 'Some fields need attention.', zodIssues(parsed.error));
    }
    // An expired session may still make PUBLIC calls (auth:me, auth:login) as an anonymous caller.
    const actor =
      def.roles === 'PUBLIC'
        ? await resolveActor(deps, session).catch((e: unknown) => {
            if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return null;
            throw e;
          })
        : await resolveActor(deps, session);
    if (def.roles !== 'PUBLIC') {
      if (!actor) return fail('UNAUTHENTICATED', 'Please sign in first.');
      if (!roleAllowed(def, actor.role)) {
        return fail('FORBIDDEN', 'Your role does not allow this action.');
      }
    }
    // Checked locally first (a refusal needs no network), then again on central by the same door.
    if (deps.online && isOnlineCall(def, parsed.data)) {
      const routed = await deps.online(deps, name, parsed.data, session, options);
      if (routed) return routed;
    }
    const data = await run(deps, def, handler, name, parsed.data, session, actor, options);
    if (deps.validateOutput) def.output.parse(data);
    return ok(data);
  } catch (err) {
    if (err instanceof AppError) return fail(err.code, err.message, err.issues);
    const mapped = dbErrorToAppError(err);
    if (mapped) return fail(mapped.code, mapped.message, mapped.issues);
    deps.log.error('call failed', {
      call: name,
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
    return fail('INTERNAL', 'Something went wrong and nothing was saved. The problem has been logged.');
  }
}
