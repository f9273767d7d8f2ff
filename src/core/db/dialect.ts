import { SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Whether a Kysely handle (a transaction's too) runs on SQLite, for the few statements whose fast
 * form differs by dialect. Where the `Db` is at hand, `Db.dialect` says the same.
 */
export function isSqlite(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
