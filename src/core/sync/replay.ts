import { sql, type Kysely } from 'kysely';
import { loadActor } from '../auth/actor.ts';
import type { Actor, ServiceContext, SessionState } from '../context.ts';
import { evaluateStudents } from '../risk/engine.ts';
import type { Database } from '../db/schema.ts';
import { insertAuditMany, type AuditRow } from '../audit/audit.repo.ts';
import { contextOn, dispatch, type DispatchDeps, type ReplayMode, type WriteHooks } from '../dispatch.ts';
import { uuidv7, type IdGenerator } from '../ids.ts';
import type { AppErrorData } from '../../shared/result.ts';
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
  withLockRetry,
} from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { touchesOwnUser, type OutboxEntry } from './local-state.ts';
import { mergeFields, readCentralBase, type FieldConflict } from './merge.ts';
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

export type Outcome = 'APPLIED' | 'REJECTED' | 'CONFLICT';

export interface MutationDetail {
  error?: AppErrorData;
  conflicts?: FieldConflict[];
  /** Set when this client's push numbering went backwards (restored backup, copied database). */
  pushSeqWarning?: string;
}

export interface ReplayResult {
  outcome: Outcome;
  detail: MutationDetail;
  /** Central had it already (a push interrupted after commit): nothing was applied again. */
  duplicate: boolean;
}

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

/** The risk re-evaluation a batch's entries queued: the last asking call's context, each student once. */
interface RiskPass {
  ctx: ServiceContext;
  students: string[];
}

/** A call failed after writing, in a batch run without savepoints: run the batch again with them. */
class NeedSavepoints extends Error {
  override name = 'NeedSavepoints';
}

const toResult = (row: { outcome: Outcome; detail: string | null }): ReplayResult => ({
  outcome: row.outcome,
  detail: row.detail ? (JSON.parse(row.detail) as MutationDetail) : {},
  duplicate: true,
});

/** What central already recorded for these mutations (one query per thousand, not one per entry). */
export async function recordedMany(db: Kysely<Database>, ids: string[]): Promise<Map<string, ReplayResult>> {
  const out = new Map<string, ReplayResult>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .selectFrom('sync_mutations')
      .select(['mutationId', 'outcome', 'detail'])
      .where('mutationId', 'in', ids.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.mutationId, toResult(r));
  }
  return out;
}

/**
 * This client's push number, row-locked for the batch: pushes from one client (two sync rounds at
 * once) queue here, and the later one then sees what the earlier committed. It must come before the
 * batch's first consistent read: the read of sync_mutations that follows takes its snapshot after it.
 */
async function lastPush(trx: Kysely<Database>, clientId: string): Promise<PushMark> {
  const { rows } = await sql<{ lastPushSeq: number | string; lastPushAt: string | null }>`select
    lastPushSeq, lastPushAt from sync_clients where clientId = ${clientId} for update`.execute(trx);
  return { seq: Number(rows[0]?.lastPushSeq ?? 0), at: rows[0]?.lastPushAt ?? null };
}

/** sync_clients' record of a client's pushes: the highest push number central applied, and when. */
interface PushMark {
  seq: number;
  at: string | null;
}

/**
 * The usual batch: entries central has never seen, numbered above everything this client pushed
 * before. One conditional update row-locks the push mark (as lastPush does) and moves it past the
 * batch, proving both at once: no entry can be numbered at or below the mark, so none earns a
 * pushSeqWarning and none was applied by an earlier push (a push records its entries and moves the
 * mark in one transaction). The batch's sync_mutations insert is the backstop (mutationId is its
 * key; PushedBefore). One statement instead of lastPush + recordedMany + setLastPush, in every
 * laptop's round. Returns the mark before the batch and the one it plans to leave, or null when the
 * condition failed (a re-push after a crash, a restored backup, an unregistered client): the batch
 * then reads the mark and the records as before, the row already locked by this statement. The mark
 * before is not read: "just below the first entry" stands in for it, which is all expectedRecords
 * and markAfter ask of it once an entry has run.
 */
async function claimPushMark(
  trx: Kysely<Database>,
  clientId: string,
  entries: readonly OutboxEntry[],
  at: string,
): Promise<{ before: PushMark; planned: PushMark } | null> {
  const seqs = entries.map((e) => e.seq);
  const first = Math.min(...seqs);
  const last = Math.max(...seqs);
  const r = await sql`update sync_clients set lastPushSeq = ${last}, lastPushAt = ${at}
    where clientId = ${clientId} and lastPushSeq < ${first}`.execute(trx);
  if (Number(r.numAffectedRows ?? 0) !== 1) return null;
  return { before: { seq: first - 1, at: null }, planned: { seq: last, at } };
}

/** An entry of a batch that claimed the push mark was already recorded: run the batch the careful way. */
class PushedBefore extends Error {
  override name = 'PushedBefore';
}

const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ER_DUP_ENTRY';

async function setLastPush(trx: Kysely<Database>, clientId: string, mark: PushMark): Promise<void> {
  await sql`update sync_clients set lastPushSeq = ${mark.seq}, lastPushAt = ${mark.at}
    where clientId = ${clientId}`.execute(trx);
}

/** Where a batch starts: the push mark before it and the one it plans to leave, and its entries' fate. */
interface BatchStart {
  before: PushMark;
  planned: PushMark;
  /** The entries central has not recorded yet, in order: the ones the batch runs. */
  toRun: OutboxEntry[];
  /** What central recorded for the others (empty for a claimed batch). */
  seen: Map<string, ReplayResult>;
  /** The mark was claimed (claimPushMark): a recorded entry then means PushedBefore, not a duplicate. */
  claimed: boolean;
}

/**
 * Moves the push mark past the batch before its calls run, and says which entries to run. The
 * usual batch claims the mark in one statement; a careful one (after PushedBefore), or one whose
 * claim failed, reads the mark and the records and moves the mark past the entries still to run.
 */
async function startBatch(
  trx: Kysely<Database>,
  clientId: string,
  head: readonly OutboxEntry[],
  at: string,
  careful: boolean,
): Promise<BatchStart> {
  const claim = careful ? null : await claimPushMark(trx, clientId, head, at);
  if (claim) return { ...claim, toRun: [...head], seen: new Map(), claimed: true };
  const before = await lastPush(trx, clientId);
  const seen = await recordedMany(
    trx,
    head.map((e) => e.mutationId),
  );
  const toRun = head.filter((e) => !seen.has(e.mutationId));
  const planned = markAfter(before, toRun, at);
  if (planned !== before) await setLastPush(trx, clientId, planned);
  return { before, planned, toRun, seen, claimed: false };
}

interface Settled {
  entry: OutboxEntry;
  result: Omit<ReplayResult, 'duplicate'>;
}

/**
 * The sync_mutations rows a batch expects to leave: every planned entry APPLIED, with the warning
 * its place in the push order earns (the entries run in this order, so #batch hands each its own).
 */
function expectedRecords(before: PushMark, planned: readonly OutboxEntry[]): Settled[] {
  let last = before.seq;
  return planned.map((entry) => {
    const warning = last >= entry.seq ? `push #${entry.seq} arrived after #${last}` : undefined;
    last = Math.max(last, entry.seq);
    return { entry, result: { outcome: 'APPLIED', detail: warning ? { pushSeqWarning: warning } : {} } };
  });
}

/**
 * Brings the rows written by expectedRecords to what the batch did: an entry rejected or in
 * conflict gets its outcome (one statement per distinct outcome), and an entry the batch did not
 * reach (cut short by BATCH_MAX_MS) loses its row, so the next batch replays it.
 */
async function settleRecords(trx: Kysely<Database>, expected: Settled[], settled: Settled[]): Promise<void> {
  const unrun = new Map(expected.map((s) => [s.entry.mutationId, s]));
  const changed = new Map<string, { outcome: Outcome; detail: string; ids: string[] }>();
  for (const s of settled) {
    const want = unrun.get(s.entry.mutationId);
    unrun.delete(s.entry.mutationId);
    const detail = JSON.stringify(s.result.detail);
    if (want && want.result.outcome === s.result.outcome && JSON.stringify(want.result.detail) === detail)
      continue;
    const key = `${s.result.outcome}\u0000${detail}`;
    const group = changed.get(key) ?? { outcome: s.result.outcome, detail, ids: [] };
    group.ids.push(s.entry.mutationId);
    changed.set(key, group);
  }
  for (const g of changed.values()) {
    await trx
      .updateTable('sync_mutations')
      .set({ outcome: g.outcome, detail: g.detail })
      .where('mutationId', 'in', g.ids)
      .execute();
  }
  if (unrun.size > 0)
    await trx
      .deleteFrom('sync_mutations')
      .where('mutationId', 'in', [...unrun.keys()])
      .execute();
}

/** The batch's sync_mutations rows, in one statement. */
async function writeRecords(
  trx: Kysely<Database>,
  ctx: EngineContext,
  settled: Settled[],
  at: string,
): Promise<void> {
  if (settled.length === 0) return;
  await trx
    .insertInto('sync_mutations')
    .values(
      settled.map(({ entry, result }) => ({
        mutationId: entry.mutationId,
        clientId: ctx.clientId,
        userId: entry.userId,
        pushSeq: entry.seq,
        callName: entry.callName,
        receivedAt: at,
        outcome: result.outcome,
        detail: JSON.stringify(result.detail),
      })),
    )
    .execute();
}

/** The push mark a batch leaves: the highest number it applied (never lower than before), and now. */
function markAfter(before: PushMark, applied: readonly OutboxEntry[], at: string): PushMark {
  if (applied.length === 0) return before;
  return { seq: Math.max(before.seq, ...applied.map((e) => e.seq)), at };
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
    if (pass) await this.#riskPass(pass);
  }

  /**
   * The evaluations the push's entries queued, run once their batches have committed, on the final
   * state, with the context (user, time) of the last entry that asked: same rules, same rows as
   * running them entry by entry, minus an alert raised by one entry and closed by the next. Inside
   * the batch's transaction its reads (then seven statements for one student; now one,
   * risk/facts.repo.ts loadEvaluation) ran while the batch held the change-log counter every central
   * writer queues on (decision 1): 200 laptops syncing at once each waited for the others' risk reads.
   * Here it is a transaction of its own that takes the counter only when a level or an alert changes.
   * The students' profile rows are locked first, so two laptops' passes over one student run one
   * after the other and the later one reads what both left: the last write wins and is the right one. The laptop's own optimistic risk rows are re-read on the next pull (push.ts
   * ackMany), as after any replay. If the pass fails, the replays stay committed (the laptop must
   * still mark them): risk is derived, and the student's next change or a department re-run brings it
   * up to date; the failure is logged.
   */
  async #riskPass(pass: RiskPass): Promise<void> {
    const centralDb = this.#ctx.central.kysely;
    try {
      await hit(this.#ctx.faults, 'push:risk-pass');
      await withLockRetry(() =>
        centralDb.transaction().execute(async (trx) => {
          await trx
            .selectFrom('student_profiles')
            .select('userId')
            .where('userId', 'in', pass.students)
            .forUpdate()
            .execute();
          await evaluateStudents(contextOn(pass.ctx, trx), pass.students);
        }),
      );
    } catch (err) {
      this.#ctx.log.warn('sync: risk re-evaluation after a replayed batch failed', {
        students: pass.students.length,
        error: err instanceof Error ? err.message : String(err),
      });
    }
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
