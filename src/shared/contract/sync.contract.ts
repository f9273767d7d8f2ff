import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';

// The Sync screen and badge: the state of this laptop's sync, and the user's own queued mutations with
// what central said about them. Every role reviews its own outbox only. Confirming a discard is the
// UI's job; the call itself is audited.

export const SYNC_STATES = ['idle', 'syncing', 'offline', 'error'] as const;
export const OUTBOX_STATUSES = ['PENDING', 'APPLIED', 'REJECTED', 'CONFLICT', 'DISCARDED'] as const;

export const syncStatus = z.object({
  mode: z.enum(['standalone', 'synced']),
  state: z.enum(SYNC_STATES),
  /** Entries still waiting to reach central. */
  pending: z.number().int(),
  rejected: z.number().int(),
  conflicts: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Central change-log position this cache has caught up to. */
  cursor: z.number().int().nullable(),
});
export type SyncStatusDto = z.infer<typeof syncStatus>;

export const fieldConflict = z.object({
  table: z.string(),
  rowId: z.string(),
  column: z.string(),
  base: z.unknown(),
  mine: z.unknown(),
  central: z.unknown(),
});

export const outboxEntry = z.object({
  mutationId: z.string(),
  callName: z.string(),
  /** The original input of the call, as the user entered it. */
  input: z.unknown(),
  clientTime: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  pushedAt: z.string().nullable(),
  /** Why central refused it (REJECTED). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Fields where central kept its own value (CONFLICT): base, mine and central side by side. */
  conflicts: z.array(fieldConflict),
  /** The rows the call touched, with the values this laptop now holds (central's after a sync). */
  rows: z.array(
    z.object({
      table: z.string(),
      rowId: z.string(),
      op: z.enum(['INSERT', 'UPDATE', 'DELETE']),
      current: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type OutboxEntryDto = z.infer<typeof outboxEntry>;

const mutationId = z.string().trim().min(1, 'Required.').max(64, 'Too long.');

export const syncContract = {
  'sync:status': defineCall({
    summary: 'This laptop’s sync state: mode, last success, queued, rejected and conflicting changes.',
    input: z.strictObject({}),
    output: syncStatus,
    roles: ALL_ROLES,
    write: false,
  }),
  'sync:outbox': defineCall({
    summary: 'Your queued changes: pending, rejected and conflicting ones (or all), oldest first.',
    input: z.strictObject({
      status: z.enum(['OPEN', ...OUTBOX_STATUSES]).default('OPEN'),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ entries: z.array(outboxEntry) }),
    roles: ALL_ROLES,
    write: false,
  }),
  'sync:retry': defineCall({
    summary:
      'Send a rejected or conflicting change again, as it was entered, against central’s current values.',
    input: z.strictObject({ mutationId }),
    output: outboxEntry,
    roles: ALL_ROLES,
    write: true,
  }),
  'sync:discard': defineCall({
    summary: 'Give up a queued change: its rows are refreshed from central on the next sync.',
    input: z.strictObject({ mutationId }),
    output: outboxEntry,
    roles: ALL_ROLES,
    write: true,
  }),
};
