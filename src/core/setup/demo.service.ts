import type { Kysely } from 'kysely';
import type { DemoAccountDto, demoContract } from '../../shared/contract/demo.contract.ts';
import type { ServiceContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { parseDbUrl } from '../db/url.ts';
import { DemoRefusedError, generateDemo } from '../demo/generate.ts';
import { AppError } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { isSyncedMode } from '../sync/local-state.ts';

/**
 * The generator commits each department in its own transaction; inside a call it must use the
 * call's one transaction instead, so a failed load leaves the database empty (and first-run setup
 * still possible) and the audit row commits with the data.
 */
function withinCallTransaction(trx: Kysely<Database>): Kysely<Database> {
  return new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({ execute: <T>(work: (t: Kysely<Database>) => Promise<T>) => work(target) });
      }
      const value: unknown = Reflect.get(target, prop);
      // Kysely keeps its state in private fields, which only the real object can read.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function loadDemo(
  ctx: ServiceContext,
): Promise<{ asOf: string; accounts: DemoAccountDto[]; password: string; counts: Record<string, number> }> {
  // A synced laptop's database is central's cache: demo rows there would be pushed nowhere and
  // evicted on the next sync, so the demo is for a standalone database only.
  if (ctx.dialect === 'sqlite' && (await isSyncedMode(ctx.db))) {
    throw new AppError(
      'CONFLICT',
      'This computer syncs with a central database; demo data cannot be loaded here.',
    );
  }
  const asOf = ctx.now.slice(0, 10);
  const db = {
    kysely: withinCallTransaction(ctx.db),
    dialect: ctx.dialect,
    // The generator reads only kysely and dialect; a Db needs a url, and this one names no file.
    url: parseDbUrl('sqlite::memory:'),
    close: async () => undefined,
  };
  try {
    const result = await generateDemo(db, { scale: 'small', asOf });
    await ctx.audit({
      entity: 'institutions',
      entityId: null,
      userId: null,
      after: { demo: result.scale, seed: result.seed, asOf, counts: result.counts },
    });
    return { asOf, accounts: result.accounts, password: result.password, counts: { ...result.counts } };
  } catch (err) {
    if (err instanceof DemoRefusedError) {
      throw new AppError(
        'CONFLICT',
        'This database is already in use, so demo data cannot be loaded. Sign in instead.',
      );
    }
    throw err;
  }
}

export const demoHandlers: HandlersFor<typeof demoContract> = {
  'setup:load-demo': loadDemo,
};
