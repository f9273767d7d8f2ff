import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { currentUser } from '../domain/user.ts';
import { email, password } from '../domain/fields.ts';

// The central connection of this computer and the "Sync now" button (SYNC.md "Modes", "Credentials
// and transport"). Configuring the connection is a system setting (ROLES.md: SUPER_ADMIN, the
// install's admin); every signed-in user may see where the computer syncs (never the password) and
// sync it now. These calls work on the computer itself, not on shared data: they are not queued, and
// they are not wrapped in one local transaction (they talk to central and may take a while), so they
// are declared read-only and write their own audit rows.

const SYSTEM_ADMIN = ['SUPER_ADMIN'] as const;

export const connectionFields = z.strictObject({
  host: z
    .string()
    .trim()
    .min(1, 'Enter the server name or address.')
    .max(255, 'That name is too long.')
    .regex(/^[A-Za-z0-9._:[\]-]+$/, 'Use a host name or IP address, without spaces or slashes.'),
  port: z
    .number({ error: 'Enter a port number.' })
    .int('Enter a whole number.')
    .min(1, 'Ports go from 1 to 65535.')
    .max(65535, 'Ports go from 1 to 65535.'),
  database: z
    .string()
    .trim()
    .min(1, 'Enter the database name.')
    .max(64, 'Database names have at most 64 characters.')
    .regex(/^[A-Za-z0-9_$-]+$/, 'Letters, digits, _ and - only.'),
  user: z.string().trim().min(1, 'Enter the account name.').max(80, 'That account name is too long.'),
  /** Absent: keep the password saved on this computer. */
  password: z.string().max(200, 'That password is too long.').optional(),
  ssl: z.boolean().default(false),
});
export type ConnectionFields = z.infer<typeof connectionFields>;

export const connectionView = z.object({
  /** null: standalone, no central configured. */
  connection: z
    .object({
      host: z.string(),
      port: z.number().int(),
      database: z.string(),
      user: z.string(),
      ssl: z.boolean(),
    })
    .nullable(),
  passwordSaved: z.boolean(),
  /** How the saved password is kept on this computer. */
  passwordProtection: z.enum(['os-encrypted', 'memory-only', 'plain-file']),
  /** false when this copy of the app was started without connection management (CLI, tests). */
  manageable: z.boolean(),
});
export type ConnectionViewDto = z.infer<typeof connectionView>;

export const connectionCheck = z.object({
  name: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  detail: z.string(),
});

/** What saving would do with this computer's data. */
export const CONNECT_PLANS = ['upload', 'reconnect', 'join', 'refuse'] as const;

export const connectionTest = z.object({
  ok: z.boolean(),
  checks: z.array(connectionCheck),
  /** What central holds now (null when it could not be read). */
  central: z
    .object({
      institutions: z.array(z.object({ id: z.string(), name: z.string(), code: z.string() })),
      users: z.number().int(),
    })
    .nullable(),
  plan: z.enum(CONNECT_PLANS).nullable(),
  /** The plan in words, for the admin to read before saving. */
  planMessage: z.string(),
});
export type ConnectionTestDto = z.infer<typeof connectionTest>;

/** A fresh install joining central: the server, and the person's own account on it. */
export const joinInput = z.strictObject({
  connection: connectionFields,
  email,
  /** The person's own SMMS password: checked on central, never stored on this computer. */
  password,
  /**
   * A not-yet-activated account's one-time code from the department office: central first sets
   * `password` as the new password (auth:reset-password, its policy and audit), then signs in.
   */
  inviteCode: z.string().trim().min(1, 'Enter the code.').max(64, 'That code is too long.').optional(),
});
export type JoinInput = z.infer<typeof joinInput>;

export const syncSummary = z.object({
  pushed: z.number().int(),
  applied: z.number().int(),
  rejected: z.number().int(),
  conflicts: z.number().int(),
  pulled: z.number().int(),
  evicted: z.number().int(),
  cursor: z.number().int(),
  snapshot: z.boolean(),
  durationMs: z.number().int(),
  finishedAt: z.string(),
});
export type SyncSummaryDto = z.infer<typeof syncSummary>;

export const syncConnectionContract = {
  'sync:now': defineCall({
    summary: 'Sync this computer now (send queued changes, then receive); progress arrives as sync events.',
    input: z.strictObject({}),
    output: syncSummary,
    roles: ALL_ROLES,
    write: false,
  }),
  'sync:get-connection': defineCall({
    summary: 'Where this computer syncs: server, port, database and account (never the password).',
    input: z.strictObject({}),
    output: connectionView,
    roles: ALL_ROLES,
    write: false,
  }),
  'sync:test-connection': defineCall({
    summary:
      'Try a central connection: reachable, schema version, the account’s rights, and what saving it would do.',
    input: connectionFields,
    output: connectionTest,
    roles: SYSTEM_ADMIN,
    write: false,
  }),
  'sync:set-connection': defineCall({
    summary:
      'Connect this computer to central (uploading a standalone database to an empty central first) and sync.',
    input: connectionFields,
    output: z.object({
      plan: z.enum(CONNECT_PLANS),
      uploaded: z.array(z.object({ table: z.string(), rows: z.number().int() })),
      sync: syncSummary.nullable(),
      message: z.string(),
    }),
    roles: SYSTEM_ADMIN,
    write: false,
  }),
  // The two calls of the first-run screen's "Join" choice: before any local user exists, so PUBLIC
  // like setup:*; the handlers refuse them once this computer is set up (CONFLICT).
  'sync:test-join': defineCall({
    summary: 'First run: try a central connection before joining it (same checks as sync:test-connection).',
    input: connectionFields,
    output: connectionTest,
    roles: 'PUBLIC',
    write: false,
  }),
  'sync:join': defineCall({
    summary:
      'First run: join an existing central database as yourself (checked on central), download your records and sign in.',
    input: joinInput,
    output: z.object({
      user: currentUser,
      idleTimeoutMinutes: z.number().int().positive(),
      institution: z.object({ name: z.string(), code: z.string() }),
      sync: syncSummary,
      message: z.string(),
    }),
    roles: 'PUBLIC',
    write: false,
  }),
  'sync:disconnect': defineCall({
    summary:
      'Stop syncing this computer: the connection and its password are forgotten; queued changes stay queued.',
    input: z.strictObject({}),
    output: z.object({ disconnected: z.literal(true), pending: z.number().int() }),
    roles: SYSTEM_ADMIN,
    write: false,
  }),
};
