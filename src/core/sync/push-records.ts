import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppErrorData } from '../../shared/result.ts';
import type { EngineContext } from './engine-context.ts';
import type { OutboxEntry } from './local-state.ts';
import type { FieldConflict } from './merge.ts';

// Central's record of a client's pushes, kept by each replayed batch in its own transaction
// (replay.ts): the push mark in sync_clients (the highest push number applied, and when) and one
// sync_mutations row per entry, keyed by mutationId, so an entry pushed again after a crash comes
// back as a duplicate with its first outcome instead of running twice.

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
export class PushedBefore extends Error {
  override name = 'PushedBefore';
}

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ER_DUP_ENTRY';

export async function setLastPush(trx: Kysely<Database>, clientId: string, mark: PushMark): Promise<void> {
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
export async function startBatch(
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

export interface Settled {
  entry: OutboxEntry;
  result: Omit<ReplayResult, 'duplicate'>;
}

/**
 * The sync_mutations rows a batch expects to leave: every planned entry APPLIED, with the warning
 * its place in the push order earns (the entries run in this order, so Replayer's #batch hands each
 * its own).
 */
export function expectedRecords(before: PushMark, planned: readonly OutboxEntry[]): Settled[] {
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
export async function settleRecords(
  trx: Kysely<Database>,
  expected: Settled[],
  settled: Settled[],
): Promise<void> {
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
export async function writeRecords(
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
export function markAfter(before: PushMark, applied: readonly OutboxEntry[], at: string): PushMark {
  if (applied.length === 0) return before;
  return { seq: Math.max(before.seq, ...applied.map((e) => e.seq)), at };
}
