import type { z } from 'zod';
import type { syncConnectionContract } from '../../shared/contract/sync-connection.contract.ts';
import type { AuthedContext, ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { ALREADY_SET_UP, isUnsetUp } from './connection-join.ts';
import type { SyncControl } from './connection-types.ts';

// The sync:* connection calls: thin, because the work belongs to the shell's SyncConnection (it owns
// the stores, the pool and the loop). Saving and forgetting a connection are audited here.

type In<K extends keyof typeof syncConnectionContract> = z.output<
  (typeof syncConnectionContract)[K]['input']
>;

function control(ctx: ServiceContext): SyncControl {
  if (!ctx.sync) {
    throw new AppError(
      'CONFLICT',
      'This copy of SMMS was started without connection settings (command line or test): use the desktop app.',
    );
  }
  return ctx.sync;
}

/** Where a connection points, for the audit log (never the password). */
const target = (i: In<'sync:set-connection'>) => ({
  host: i.host,
  port: i.port,
  database: i.database,
  user: i.user,
  ssl: i.ssl,
});

export const syncConnectionHandlers: HandlersFor<typeof syncConnectionContract> = {
  'sync:now': (ctx: AuthedContext) => control(ctx).syncNow(),
  'sync:get-connection': async (ctx: AuthedContext) =>
    ctx.sync
      ? ctx.sync.getConnection()
      : {
          connection: null,
          passwordSaved: false,
          passwordProtection: 'memory-only' as const,
          manageable: false,
        },
  'sync:test-connection': (ctx: AuthedContext, input: In<'sync:test-connection'>) =>
    control(ctx).testConnection(input),
  // PUBLIC like setup:*: allowed only while no account exists on this computer.
  'sync:test-join': async (ctx: ServiceContext, input: In<'sync:test-join'>) => {
    if (!(await isUnsetUp(ctx.db))) throw new AppError('CONFLICT', ALREADY_SET_UP);
    return control(ctx).testConnection(input);
  },
  'sync:join': async (ctx: ServiceContext, input: In<'sync:join'>) => {
    const result = await control(ctx).join(input, ctx.session);
    await ctx.audit({
      entity: 'central_connection',
      userId: result.user.id,
      before: null,
      after: { ...target(input.connection), plan: 'join', downloadedRows: result.sync.pulled },
    });
    return result;
  },
  'sync:set-connection': async (ctx: AuthedContext, input: In<'sync:set-connection'>) => {
    const before = await control(ctx).getConnection();
    const result = await control(ctx).setConnection(input, ctx.actor);
    await ctx.audit({
      entity: 'central_connection',
      before: before.connection,
      after: {
        ...target(input),
        plan: result.plan,
        uploadedRows: result.uploaded.reduce((n, t) => n + t.rows, 0),
      },
    });
    return result;
  },
  'sync:disconnect': async (ctx: AuthedContext) => {
    const before = await control(ctx).getConnection();
    const r = await control(ctx).disconnect();
    await ctx.audit({ entity: 'central_connection', before: before.connection, after: null });
    return { disconnected: true as const, pending: r.pending };
  },
};
