import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { OutboxEntryDto, SyncStatusDto, syncContract } from '../../shared/contract/sync.contract.ts';
import { SYNC_STATES } from '../../shared/contract/sync.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { uuidv7 } from '../ids.ts';
import {
  addRefetch,
  asLocal,
  countOutbox,
  getCursor,
  getState,
  toEntry,
  type OutboxEntry,
} from './local-state.ts';
import type { MutationDetail } from './push-records.ts';
import { localRowsByIds } from './rows.ts';
import { isSyncedTable, type Row } from './tables.ts';

// Review of the user's own outbox (SYNC.md: "the user sees the rejected mutation, with its original
// input, on the Sync screen to redo or discard. Nothing vanishes silently").

type In<K extends keyof typeof syncContract> = z.output<(typeof syncContract)[K]['input']>;
type SyncState = (typeof SYNC_STATES)[number];

const OPEN = ['PENDING', 'REJECTED', 'CONFLICT'] as const;

async function status(ctx: AuthedContext): Promise<SyncStatusDto> {
  const none = { pending: 0, rejected: 0, conflicts: 0, lastSuccessAt: null, lastAttemptAt: null };
  if (ctx.dialect !== 'sqlite')
    return { mode: 'standalone', state: 'idle', ...none, lastError: null, cursor: null };
  const synced = (await getState(ctx.db, 'mode')) === 'synced';
  const counts = await countOutbox(ctx.db, ctx.actor.userId);
  const state = (await getState(ctx.db, 'state')) ?? 'idle';
  return {
    mode: synced ? 'synced' : 'standalone',
    state: (SYNC_STATES as readonly string[]).includes(state) ? (state as SyncState) : 'idle',
    pending: counts.PENDING,
    rejected: counts.REJECTED,
    conflicts: counts.CONFLICT,
    lastSuccessAt: await getState(ctx.db, 'lastSuccessAt'),
    lastAttemptAt: await getState(ctx.db, 'lastAttemptAt'),
    lastError: await getState(ctx.db, 'lastError'),
    cursor: await getCursor(ctx.db),
  };
}

/** A touched row as the laptop holds it now; password hashes never cross the contract. */
async function currentRow(db: Kysely<Database>, table: string, rowId: string): Promise<Row | null> {
  if (!isSyncedTable(table)) return null;
  const [row] = await localRowsByIds(db, table, [rowId]);
  if (!row) return null;
  const { passwordHash: _hidden, ...rest } = row;
  return table === 'users' ? rest : row;
}

async function toDto(db: Kysely<Database>, e: OutboxEntry): Promise<OutboxEntryDto> {
  const detail = (e.detail ?? {}) as MutationDetail;
  const rows = [];
  for (const t of e.touched) rows.push({ ...t, current: await currentRow(db, t.table, t.rowId) });
  return {
    mutationId: e.mutationId,
    callName: e.callName,
    input: e.input,
    clientTime: e.clientTime,
    status: e.status,
    attempts: e.attempts,
    pushedAt: e.pushedAt,
    error: detail.error ? { code: detail.error.code, message: detail.error.message } : null,
    conflicts: detail.conflicts ?? [],
    rows,
  };
}

async function outbox(ctx: AuthedContext, input: In<'sync:outbox'>): Promise<{ entries: OutboxEntryDto[] }> {
  if (ctx.dialect !== 'sqlite') return { entries: [] };
  let q = ctx.db.selectFrom('sync_outbox').selectAll().where('userId', '=', ctx.actor.userId);
  q = input.status === 'OPEN' ? q.where('status', 'in', OPEN) : q.where('status', '=', input.status);
  const rows = await q.orderBy('seq').limit(input.limit).execute();
  const entries = [];
  for (const r of rows) entries.push(await toDto(ctx.db, toEntry(r)));
  return { entries };
}

async function ownEntry(ctx: AuthedContext, mutationId: string): Promise<OutboxEntry> {
  if (ctx.dialect !== 'sqlite') throw notFound('The queued change');
  const row = await ctx.db
    .selectFrom('sync_outbox')
    .selectAll()
    .where('mutationId', '=', mutationId)
    .where('userId', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound('The queued change');
  return toEntry(row);
}

/** Bases the retried entry on the values this laptop shows now (central's, after the last pull). */
async function rebase(db: Kysely<Database>, e: OutboxEntry): Promise<OutboxEntry['baseRows']> {
  const out: OutboxEntry['baseRows'] = [];
  for (const b of e.baseRows) {
    const now = isSyncedTable(b.table) ? (await localRowsByIds(db, b.table, [b.rowId]))[0] : undefined;
    const columns = Object.fromEntries(
      Object.entries(b.columns).map(([c, v]) => [c, { base: now ? now[c] : v.base, value: v.value }]),
    );
    out.push({ ...b, columns });
  }
  return out;
}

async function retry(ctx: AuthedContext, input: In<'sync:retry'>): Promise<OutboxEntryDto> {
  const e = await ownEntry(ctx, input.mutationId);
  if (e.status !== 'REJECTED' && e.status !== 'CONFLICT') {
    throw new AppError('CONFLICT', 'Only a rejected or conflicting change can be sent again.');
  }
  const mutationId = uuidv7();
  await ctx.db
    .insertInto('sync_outbox')
    .values({
      mutationId,
      callName: e.callName,
      input: JSON.stringify(e.input),
      generatedIds: JSON.stringify(e.generatedIds),
      baseValues: JSON.stringify(await rebase(ctx.db, e)),
      touchedRows: JSON.stringify(e.touched),
      clientTime: ctx.now,
      userId: e.userId,
      status: 'PENDING',
      detail: JSON.stringify({ retryOf: e.mutationId }),
    })
    .execute();
  await ctx.db
    .updateTable('sync_outbox')
    .set({ status: 'DISCARDED', detail: JSON.stringify({ ...(e.detail as object), retriedAs: mutationId }) })
    .where('seq', '=', e.seq)
    .execute();
  await ctx.audit({
    entity: 'sync_outbox',
    entityId: e.mutationId,
    before: { status: e.status },
    after: { retriedAs: mutationId },
  });
  return toDto(ctx.db, await ownEntry(ctx, mutationId));
}

async function discard(ctx: AuthedContext, input: In<'sync:discard'>): Promise<OutboxEntryDto> {
  const e = await ownEntry(ctx, input.mutationId);
  if (e.status === 'APPLIED' || e.status === 'DISCARDED') {
    throw new AppError('CONFLICT', 'This change has already been settled and cannot be discarded.');
  }
  await ctx.db.updateTable('sync_outbox').set({ status: 'DISCARDED' }).where('seq', '=', e.seq).execute();
  // The optimistic rows of a change that never reached central (or lost there) go back to central's.
  if (e.status === 'PENDING') await addRefetch(asLocal(ctx.db), e.touched, ctx.now);
  await ctx.audit({
    entity: 'sync_outbox',
    entityId: e.mutationId,
    before: { status: e.status, callName: e.callName, input: e.input },
    after: { status: 'DISCARDED' },
  });
  return toDto(ctx.db, await ownEntry(ctx, e.mutationId));
}

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync:status': status,
  'sync:outbox': outbox,
  'sync:retry': retry,
  'sync:discard': discard,
};
