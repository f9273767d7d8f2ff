import { sql, type Kysely } from 'kysely';
import type { SessionState } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { dispatch, type DispatchDeps, type WriteHooks } from '../dispatch.ts';
import { uuidv7, type IdGenerator } from '../ids.ts';
import type { AppErrorData } from '../../shared/result.ts';
import {
  BUSY_MESSAGE,
  CentralBusyError,
  MAX_LOCK_RETRIES,
  OfflineError,
  backoffDelay,
  isConnectionError,
  sleep,
  withLockRetry,
} from './central.ts';
import type { EngineContext } from './engine-context.ts';
import type { OutboxEntry } from './local-state.ts';
import { mergeFields, readCentralBase, type FieldConflict } from './merge.ts';
import type { Row } from './tables.ts';

// Push by replay (decision 4): each outbox entry runs through the same dispatch door and the same
// service on central, as its user, with the laptop's time and ids. Hooks inside the replay's MySQL
// transaction do the field merge and write the sync_mutations idempotency row, so the rows, their
// audit entry and the record that they were applied commit together.

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

interface Pending {
  entry: OutboxEntry;
  before: Map<string, Row>;
  pushSeqWarning?: string;
  result?: ReplayResult;
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

async function recorded(db: Kysely<Database>, mutationId: string): Promise<ReplayResult | null> {
  const row = await db
    .selectFrom('sync_mutations')
    .select(['outcome', 'detail'])
    .where('mutationId', '=', mutationId)
    .executeTakeFirst();
  return row ? toResult(row) : null;
}

async function lastPushSeq(trx: Kysely<Database>, clientId: string): Promise<number> {
  const { rows } = await sql<{ lastPushSeq: number | string }>`select lastPushSeq from sync_clients
    where clientId = ${clientId} for update`.execute(trx);
  return Number(rows[0]?.lastPushSeq ?? 0);
}

async function writeRecord(
  trx: Kysely<Database>,
  ctx: EngineContext,
  entry: OutboxEntry,
  result: Omit<ReplayResult, 'duplicate'>,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await trx
    .insertInto('sync_mutations')
    .values({
      mutationId: entry.mutationId,
      clientId: ctx.clientId,
      userId: entry.userId,
      pushSeq: entry.seq,
      callName: entry.callName,
      receivedAt: at,
      outcome: result.outcome,
      detail: JSON.stringify(result.detail),
    })
    .execute();
  await sql`update sync_clients set lastPushSeq = greatest(lastPushSeq, ${entry.seq}), lastPushAt = ${at}
    where clientId = ${ctx.clientId}`.execute(trx);
}

function replayHooks(ctx: EngineContext, current: () => Pending): WriteHooks {
  return {
    async beforeHandler(trx) {
      const p = current();
      const last = await lastPushSeq(trx, ctx.clientId);
      if (last >= p.entry.seq) p.pushSeqWarning = `push #${p.entry.seq} arrived after #${last}`;
      p.before = await readCentralBase(trx, p.entry.baseRows);
    },
    async beforeCommit(trx) {
      const p = current();
      const conflicts = await mergeFields(trx, p.entry.baseRows, p.before);
      const detail: MutationDetail = {};
      if (conflicts.length > 0) detail.conflicts = conflicts;
      if (p.pushSeqWarning) detail.pushSeqWarning = p.pushSeqWarning;
      const result = { outcome: conflicts.length > 0 ? ('CONFLICT' as const) : ('APPLIED' as const), detail };
      await writeRecord(trx, ctx, p.entry, result);
      p.result = { ...result, duplicate: false };
    },
  };
}

/** The recorded ids first, in the order the laptop generated them; fresh ones if the service wants more. */
function replayIds(ids: string[]): IdGenerator {
  let i = 0;
  return () => (i < ids.length ? ids[i++]! : uuidv7());
}

/** Replays outbox entries one at a time against central (not re-entrant: one Replayer per push). */
export class Replayer {
  readonly #ctx: EngineContext;
  readonly #deps: DispatchDeps;
  #pending: Pending | null = null;
  /** Replays MySQL rolled back for a deadlock or lock wait and that ran again. */
  lockRetries = 0;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
    this.#deps = {
      db: ctx.central,
      contract: ctx.calls.contract,
      handlers: ctx.calls.handlers,
      clock: ctx.clock,
      ids: uuidv7,
      log: ctx.log,
      userAgent: `SMMS/${ctx.appVersion} (sync replay)`,
      hooks: replayHooks(ctx, () => {
        if (!this.#pending) throw new Error('replay hook outside a replay');
        return this.#pending;
      }),
    };
  }

  /** Replays one entry; `known` is central's record of it when the caller already looked it up. */
  async replay(entry: OutboxEntry, known?: ReplayResult | null): Promise<ReplayResult> {
    const seen =
      known !== undefined
        ? known
        : await withLockRetry(() => recorded(this.#ctx.central.kysely, entry.mutationId));
    if (seen) return seen;
    for (let attempt = 0; ; attempt++) {
      const session: SessionState = {
        id: `replay-${entry.mutationId}`,
        userId: entry.userId,
        lastActivityMs: this.#ctx.clock.now().getTime(),
        ip: null,
        userAgent: `SMMS/${this.#ctx.appVersion} (sync replay from ${this.#ctx.clientId})`,
      };
      this.#pending = { entry, before: new Map() };
      const r = await dispatch(this.#deps, entry.callName, entry.input, session, {
        now: new Date(entry.clientTime),
        ids: replayIds(entry.generatedIds),
      });
      const done = this.#pending.result;
      this.#pending = null;
      if (r.ok && done) return done;
      if (r.ok) throw new Error(`replay of ${entry.callName} committed without its sync record`);
      if (r.error.code === 'OFFLINE') throw new OfflineError(r.error.message);
      if (r.error.code === 'CONFLICT' && r.error.message === BUSY_MESSAGE) {
        if (attempt >= MAX_LOCK_RETRIES) throw new CentralBusyError('The central database stayed busy.');
        this.lockRetries++;
        await sleep(backoffDelay(attempt));
        continue;
      }
      return this.#rejected(entry, r.error);
    }
  }

  async #rejected(entry: OutboxEntry, error: AppErrorData): Promise<ReplayResult> {
    const kysely = this.#ctx.central.kysely;
    if (error.code === 'INTERNAL') {
      // An unexpected failure is often the connection itself: only a live server earns a REJECTED.
      await sql`select 1`.execute(kysely).catch((err: unknown) => {
        throw isConnectionError(err) ? new OfflineError('The central database cannot be reached.') : err;
      });
    }
    return withLockRetry(async () => {
      const race = await recorded(kysely, entry.mutationId);
      if (race) return race;
      const result = { outcome: 'REJECTED' as const, detail: { error } };
      await kysely.transaction().execute((trx) => writeRecord(trx, this.#ctx, entry, result));
      return { ...result, duplicate: false };
    });
  }
}
