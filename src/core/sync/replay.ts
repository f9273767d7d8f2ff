import { sql, type Kysely } from 'kysely';
import { loadActor } from '../auth/actor.ts';
import type { Actor, ServiceContext, SessionState } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { insertAuditMany, type AuditRow } from '../audit/audit.repo.ts';
import { dispatch, type DispatchDeps, type ReplayMode, type WriteHooks } from '../dispatch.ts';
import { uuidv7, type IdGenerator } from '../ids.ts';
import {
  activeActor,
  BUSY_MESSAGE,
  CentralBusyError,
  MAX_LOCK_RETRIES,
  OfflineError,
  backoffDelay,
  central,
  isConnectionError,
  isLockError,
  sleep,
} from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { touchesOwnUser, type OutboxEntry } from './local-state.ts';
import { mergeFields, readCentralBase } from './merge.ts';
import {
  expectedRecords,
  isDuplicateKey,
  markAfter,
  PushedBefore,
  setLastPush,
  settleRecords,
  startBatch,
  writeRecords,
  type MutationDetail,
  type ReplayResult,
  type Settled,
} from './push-records.ts';
import { evaluateRiskPass, type RiskPass } from './replay-risk.ts';
import type { Row } from './tables.ts';

// Push by replay (decision 4): each outbox entry runs through the same dispatch door and the same
// service on central, as its user, with the laptop's time and ids. Entries are replayed in batches:
// ONE MySQL transaction per batch, each entry inside its own SAVEPOINT, so a rejected entry rolls back
// alone while the applied ones, their audit rows and their sync_mutations records commit together
// (one commit and one push-number lock per batch instead of per entry: 1,000 queued entries were
// 1,000 transactions and 7–30 s). A batch ends after BATCH_MAX_ENTRIES entries or BATCH_MAX_MS, so
// it holds the change-log counter (every central writer's queue, decision 1) only briefly. For the
// same reason the risk re-evaluation the entries ask for runs after the commit, once per student
// for the whole push (Replayer.runRiskPass).

/** Entries per central transaction, and how long one batch may hold the change-log counter. */
export const BATCH_MAX_ENTRIES = 250;
export const BATCH_MAX_MS = 300;

interface Pending {
  entry: OutboxEntry;
  before: Map<string, Row>;
  pushSeqWarning?: string;
  result?: Omit<ReplayResult, 'duplicate'>;
}

/** MySQL rolled the batch back (deadlock) or a lock wait timed out: the whole batch runs again. */
class BatchBusy extends Error {
  override name = 'BatchBusy';
}

/** A call failed after writing, in a batch run without savepoints: run the batch again with them. */
class NeedSavepoints extends Error {
  override name = 'NeedSavepoints';
}

function replayHooks(current: () => Pending): WriteHooks {
  return {
    async beforeHandler(trx) {
      const p = current();
      p.before = await readCentralBase(trx, p.entry.baseRows);
    },
    async beforeCommit(trx) {
      const p = current();
      const conflicts = await mergeFields(trx, p.entry.baseRows, p.before);
      const detail: MutationDetail = {};
      if (conflicts.length > 0) detail.conflicts = conflicts;
      if (p.pushSeqWarning) detail.pushSeqWarning = p.pushSeqWarning;
      p.result = { outcome: conflicts.length > 0 ? 'CONFLICT' : 'APPLIED', detail };
    },
  };
}

/** The recorded ids first, in the order the laptop generated them; fresh ones if the service wants more. */
function replayIds(ids: string[]): IdGenerator {
  let i = 0;
  return () => (i < ids.length ? ids[i++]! : uuidv7());
}

/** Replays outbox entries against central, a batch per transaction (not re-entrant: one per push). */
export class Replayer {
  readonly #ctx: EngineContext;
  #pending: Pending | null = null;
  /** A savepoint could not be rolled back: the batch transaction is no longer whole. */
  #broken: unknown = null;
  /** Without savepoints: the failure of a call that had started writing. */
  #dirty: unknown = null;
  readonly #actors = new Map<string, Promise<Actor | null>>();
  /** Batches MySQL rolled back for a deadlock or lock wait and that ran again. */
  lockRetries = 0;
  /** The pushing user as central saw them when the last batch began (null before any batch). */
  actor: Actor | null = null;
  /** Risk re-evaluation queued by committed batches, not yet run (runRiskPass). */
  #risk: RiskPass | null = null;
  /** Audit rows of the call running now, and of the batch's calls whose work was kept. */
  #callAudits: AuditRow[] = [];
  #batchAudits: AuditRow[] = [];

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  /**
   * Replays a prefix of `entries` (at least one) in ONE central transaction and returns the outcome
   * of each entry of that prefix, in order, once it has committed.
   */
  async replayBatch(entries: OutboxEntry[]): Promise<ReplayResult[]> {
    // Savepoints cost two round trips per entry and are needed only when a call fails after it
    // wrote: the batch first runs without them, and runs again with them if that happens.
    let savepoints = false;
    // After PushedBefore the batch reads the mark and the records before it runs (see claimPushMark).
    let careful = false;
    for (let attempt = 0; ; attempt++) {
      try {
        const { results, risk } = await central(() =>
          this.#ctx.central.kysely
            .transaction()
            .execute((trx) => this.#batch(trx, entries, savepoints, careful)),
        );
        if (risk) this.#queueRisk(risk);
        return results;
      } catch (err) {
        if (err instanceof NeedSavepoints && !savepoints) {
          savepoints = true;
          attempt--;
          continue;
        }
        if (err instanceof PushedBefore && !careful) {
          careful = true;
          attempt--;
          continue;
        }
        if (!(err instanceof BatchBusy) && !isLockError(err)) throw err;
        if (attempt >= MAX_LOCK_RETRIES) throw new CentralBusyError('The central database stayed busy.');
        this.lockRetries++;
        await sleep(backoffDelay(attempt));
      }
    }
  }

  async #batch(
    trx: Kysely<Database>,
    entries: OutboxEntry[],
    savepoints: boolean,
    careful: boolean,
  ): Promise<{ results: ReplayResult[]; risk: RiskPass | null }> {
    const ctx = this.#ctx;
    this.#batchAudits = [];
    // The push mark is written before the calls run, for the entries the batch means to apply: the
    // calls' first captured write takes the change-log counter (decision 1) and every statement after
    // it is time all other central writers wait, so bookkeeping that can come first does. A batch cut
    // short by BATCH_MAX_MS corrects the mark after its last entry.
    // So are the sync_mutations rows: written as APPLIED now and corrected after the calls for the
    // rare entry that is rejected, conflicts or is not reached. Written after the calls, they were one
    // more round trip inside every laptop's hold of the counter.
    const at = ctx.clock.now().toISOString();
    const head = entries.slice(0, BATCH_MAX_ENTRIES);
    const { before, planned, toRun, seen, claimed } = await startBatch(trx, ctx.clientId, head, at, careful);
    const expected = expectedRecords(before, toRun);
    await writeRecords(trx, ctx, expected, at).catch((err: unknown) => {
      throw claimed && isDuplicateKey(err) ? new PushedBefore('already recorded', { cause: err }) : err;
    });
    const warnings = new Map(expected.map((e) => [e.entry.mutationId, e.result.detail.pushSeqWarning]));
    // Risk re-evaluation of the batch's students, once each, after the last entry (see below).
    let riskCtx: ServiceContext | null = null;
    const riskStudents = new Set<string>();
    const deps = this.#deps(trx, savepoints, (ctx, ids) => {
      riskCtx = ctx;
      for (const id of ids) riskStudents.add(id);
    });
    // A disabled account stops here, before its entries could all come back REJECTED; the read is
    // the one the batch's calls use (deps.actorFor), and the sync round's scope check (engine.ts).
    this.actor = activeActor(await deps.actorFor!(ctx.userId));
    const started = performance.now();
    const results: ReplayResult[] = [];
    const settled: Settled[] = [];
    for (const entry of entries) {
      if (results.length >= BATCH_MAX_ENTRIES) break;
      if (results.length > 0 && performance.now() - started > BATCH_MAX_MS) break;
      await hit(ctx.faults, 'push:before-replay');
      const known = seen.get(entry.mutationId);
      if (known) {
        results.push(known);
        continue;
      }
      const warning = warnings.get(entry.mutationId);
      const result = await this.#one(trx, deps, entry, warning);
      // The entry may have changed its own user's row (role, department, status): reload the actor.
      if (touchesOwnUser(entry)) this.#actors.clear();
      settled.push({ entry, result });
      results.push({ ...result, duplicate: false });
    }
    // The calls' audit rows in one statement instead of one each (a quarter of a queued session's
    // statements), in the order the calls wrote them.
    await insertAuditMany(trx, this.#batchAudits);
    await settleRecords(trx, expected, settled);
    const done = markAfter(
      before,
      settled.map((s) => s.entry),
      at,
    );
    if (done.seq !== planned.seq || done.at !== planned.at) await setLastPush(trx, ctx.clientId, done);
    const evalCtx = riskCtx as ServiceContext | null;
    const risk = evalCtx && riskStudents.size > 0 ? { ctx: evalCtx, students: [...riskStudents] } : null;
    return { results, risk };
  }

  /** A committed batch's students join the push's risk pass; the last asking call's context wins. */
  #queueRisk(risk: RiskPass): void {
    const students = new Set([...(this.#risk?.students ?? []), ...risk.students]);
    this.#risk = { ctx: risk.ctx, students: [...students] };
  }

  /**
   * Runs the risk pass the push's committed batches queued (push.ts calls it once the push ends,
   * also when it ends early): a mentor back with 1,000 sessions of 25 mentees in six batches had the
   * same 25 students evaluated six times, ≈ 80 ms each.
   */
  async runRiskPass(): Promise<void> {
    const pass = this.#risk;
    this.#risk = null;
    if (pass) await evaluateRiskPass(this.#ctx, pass);
  }

  #deps(trx: Kysely<Database>, savepoints: boolean, deferRisk: ReplayMode['deferRisk']): DispatchDeps {
    const ctx = this.#ctx;
    // One actor lookup per batch: every entry of a push is the same user's.
    this.#actors.clear();
    const actorFor = (userId: string): Promise<Actor | null> => {
      let a = this.#actors.get(userId);
      if (!a) this.#actors.set(userId, (a = loadActor(trx, userId)));
      return a;
    };
    return {
      actorFor,
      db: { ...ctx.central, kysely: trx },
      contract: ctx.calls.contract,
      handlers: ctx.calls.handlers,
      clock: ctx.clock,
      ids: uuidv7,
      log: ctx.log,
      userAgent: `SMMS/${ctx.appVersion} (sync replay)`,
      hooks: replayHooks(() => {
        if (!this.#pending) throw new Error('replay hook outside a replay');
        return this.#pending;
      }),
      transaction: savepoints ? this.#savepoint(trx) : this.#plain(trx),
      replay: { deferRisk, auditSink: (row) => void this.#callAudits.push(row) },
    };
  }

  /** The call's work stays in the batch: so do its audit rows (a rolled-back call's are dropped). */
  #keepCallAudits(): void {
    this.#batchAudits.push(...this.#callAudits);
    this.#callAudits = [];
  }

  /** No savepoint: a call that fails after it started writing sends the batch back for savepoints. */
  #plain(trx: Kysely<Database>): DispatchDeps['transaction'] {
    return async (fn) => {
      this.#callAudits = [];
      try {
        const out = await fn(trx);
        this.#keepCallAudits();
        return out;
      } catch (err) {
        this.#dirty = err;
        throw err;
      }
    };
  }

  /** Each call in its own savepoint of the batch: a rejected call takes back only its own writes. */
  #savepoint(trx: Kysely<Database>): DispatchDeps['transaction'] {
    return async (fn) => {
      this.#callAudits = [];
      await sql`savepoint sync_replay`.execute(trx);
      try {
        const out = await fn(trx);
        await sql`release savepoint sync_replay`.execute(trx);
        this.#keepCallAudits();
        return out;
      } catch (err) {
        // After a deadlock MySQL has rolled back the whole transaction and the savepoint is gone:
        // the batch must not go on (its next statements would run outside any transaction).
        await sql`rollback to savepoint sync_replay`.execute(trx).catch((e: unknown) => {
          this.#broken = isLockError(err) ? err : e;
        });
        throw err;
      }
    };
  }

  async #one(
    trx: Kysely<Database>,
    deps: DispatchDeps,
    entry: OutboxEntry,
    pushSeqWarning: string | undefined,
  ): Promise<Omit<ReplayResult, 'duplicate'>> {
    const ctx = this.#ctx;
    const session: SessionState = {
      id: `replay-${entry.mutationId}`,
      userId: entry.userId,
      lastActivityMs: ctx.clock.now().getTime(),
      ip: null,
      userAgent: `SMMS/${ctx.appVersion} (sync replay from ${ctx.clientId})`,
    };
    const pending: Pending = { entry, before: new Map(), pushSeqWarning };
    this.#pending = pending;
    this.#broken = null;
    this.#dirty = null;
    const r = await dispatch(deps, entry.callName, entry.input, session, {
      now: new Date(entry.clientTime),
      ids: replayIds(entry.generatedIds),
    }).finally(() => {
      this.#pending = null;
    });
    if (this.#broken !== null) {
      const cause = this.#broken;
      if (isLockError(cause)) throw new BatchBusy('deadlock', { cause });
      throw isConnectionError(cause) ? new OfflineError('The central database cannot be reached.') : cause;
    }
    if (this.#dirty !== null) {
      const cause = this.#dirty;
      if (isLockError(cause)) throw new BatchBusy('deadlock', { cause });
      if (isConnectionError(cause)) throw new OfflineError('The central database cannot be reached.');
      throw new NeedSavepoints('a replayed call failed after writing', { cause });
    }
    if (r.ok && pending.result) return pending.result;
    if (r.ok) throw new Error(`replay of ${entry.callName} committed without its sync record`);
    if (r.error.code === 'OFFLINE') throw new OfflineError(r.error.message);
    if (r.error.code === 'CONFLICT' && r.error.message === BUSY_MESSAGE) throw new BatchBusy(r.error.message);
    if (r.error.code === 'INTERNAL') {
      // An unexpected failure is often the connection itself: only a live server earns a REJECTED.
      await sql`select 1`.execute(trx).catch((err: unknown) => {
        throw isConnectionError(err) ? new OfflineError('The central database cannot be reached.') : err;
      });
    }
    return { outcome: 'REJECTED', detail: { error: r.error } };
  }
}
