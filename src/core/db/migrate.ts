import { createConnection } from 'mysql2/promise';
import { Migrator, sql, type Kysely, type MigrationProvider, type Migration } from 'kysely';
import { MIGRATIONS } from '../../../migrations/index.ts';
import type { Db } from './connect.ts';
import type { Database } from './schema.ts';
import { restoreDeferredIndexesIfAny } from './deferred-indexes.ts';
import type { DbUrl } from './url.ts';

export const MIGRATION_TABLE = 'smms_migrations';
export const MIGRATION_LOCK_TABLE = 'smms_migrations_lock';

/** The schema version this build knows: the name of its newest migration. */
export const LATEST_SCHEMA = Object.keys(MIGRATIONS).sort().at(-1) ?? '';

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(readonly unknownMigrations: string[]) {
    super(
      `This database was upgraded by a newer version of SMMS (it has schema steps this version does not ` +
        `know: ${unknownMigrations.join(', ')}). Install the latest SMMS Desktop to open it; this ` +
        `version will not touch it, so no data is at risk.`,
    );
  }
}

export class MigrationFailedError extends Error {
  override name = 'MigrationFailedError';
  constructor(
    readonly migrationName: string,
    cause: unknown,
  ) {
    super(
      `Updating the database structure failed at step "${migrationName}": ` +
        `${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => MIGRATIONS,
};

/**
 * SQLite can roll back DDL, but Kysely's migrator runs SQLite steps outside any transaction, so a
 * step failing halfway (or the app being closed mid-step) would leave half-built tables on a
 * laptop and every later start would refuse the database. Each step gets its own transaction
 * (so a future SQLite table rebuild must use PRAGMA defer_foreign_keys: foreign_keys = OFF is a
 * no-op inside a transaction).
 */
function transactional(source: MigrationProvider): MigrationProvider {
  const wrap =
    (step: Migration['up']): Migration['up'] =>
    (k) =>
      k.transaction().execute((trx) => step(trx));
  return {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(await source.getMigrations()).map(([name, m]) => [
          name,
          { up: wrap(m.up), ...(m.down ? { down: wrap(m.down) } : {}) },
        ]),
      ),
  };
}

function migratorFor(db: Db, migrations: MigrationProvider = provider): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: db.dialect === 'sqlite' ? transactional(migrations) : migrations,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
}

export interface SchemaStatus {
  applied: string[];
  pending: string[];
  /** Steps recorded in the database that this build does not know: a newer app wrote them. */
  unknown: string[];
}

export async function schemaStatus(db: Db): Promise<SchemaStatus> {
  return statusAgainst(db, Object.keys(MIGRATIONS));
}

async function statusAgainst(db: Db, known: string[]): Promise<SchemaStatus> {
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((t) => t.name === MIGRATION_TABLE)
    ? recordedStatus(db.kysely, known)
    : compareSteps([], known);
}

/**
 * The steps recorded in a database whose migration table exists, against this build's: one
 * statement, without schemaStatus's look at the catalogue (a synced laptop asks central once per pool).
 */
export async function recordedStatus(
  db: Kysely<Database>,
  known: string[] = Object.keys(MIGRATIONS),
): Promise<SchemaStatus> {
  const rows = await db
    .selectFrom(sql.table(MIGRATION_TABLE).as('m'))
    .select(sql<string>`name`.as('name'))
    .orderBy(sql`name`)
    .execute();
  return compareSteps(
    rows.map((r) => r.name),
    known,
  );
}

function compareSteps(applied: string[], known: string[]): SchemaStatus {
  return {
    applied,
    pending: known.filter((n) => !applied.includes(n)).sort(),
    unknown: applied.filter((n) => !known.includes(n)),
  };
}

export interface MigrateResult {
  applied: string[];
  alreadyCurrent: boolean;
}

export interface MigrateOptions {
  onStep?: (name: string, index: number, total: number) => void;
  /** Tests inject a failing step here; production always uses the frozen list. */
  migrations?: MigrationProvider;
}

/** Brings the schema to this build's latest; refuses a database written by a newer build. */
export async function migrateToLatest(db: Db, options: MigrateOptions = {}): Promise<MigrateResult> {
  // Indexes a killed first sync had set aside come back before any step can look for them.
  const unrestored = db.dialect === 'sqlite' ? await restoreDeferredIndexesIfAny(db.kysely) : null;
  // Judge the database against the list that will actually run, so an injected list is honoured.
  const known = Object.keys(await (options.migrations ?? provider).getMigrations());
  const status = await statusAgainst(db, known);
  if (status.unknown.length > 0) throw new SchemaTooNewError(status.unknown);
  if (status.pending.length === 0) return { applied: [], alreadyCurrent: true };
  if (unrestored) throw new MigrationFailedError(status.pending[0]!, unrestored);

  status.pending.forEach((name, i) => options.onStep?.(name, i, status.pending.length));
  const { error, results } = await migratorFor(db, options.migrations).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new MigrationFailedError(failed?.migrationName ?? 'unknown', error);
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    alreadyCurrent: false,
  };
}

/** `smms migrate` on a fresh server: create the database itself (utf8mb4, as Prisma did). */
export async function ensureMysqlDatabase(url: Extract<DbUrl, { kind: 'mysql' }>): Promise<boolean> {
  const conn = await createConnection({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    connectTimeout: 5000,
    ...(url.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
  });
  try {
    const [rows] = await conn.query(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [url.database],
    );
    if ((rows as unknown[]).length > 0) return false;
    await conn.query(`CREATE DATABASE \`${url.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return true;
  } finally {
    await conn.end();
  }
}
