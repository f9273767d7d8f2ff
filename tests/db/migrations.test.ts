import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Migration, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from '../../migrations/index.ts';
import {
  MIGRATION_TABLE,
  MigrationFailedError,
  SchemaTooNewError,
  migrateToLatest,
  schemaStatus,
} from '../../src/core/db/migrate.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { listTables } from './introspect.ts';
import { addInstitution } from './rows.ts';
import { loadSpecSchema } from './spec-schema.ts';

// How the app meets a database: fresh, current, newer than itself, half-migrated by a failing step,
// created by the original SMMS (seed tables, no bookkeeping), or holding only part of the seed.

const ALL_STEPS = Object.keys(MIGRATIONS).sort();
const SPEC_ROLES = loadSpecSchema().find((t) => t.name === 'roles')!.seedRows;

/** Everything a refused or no-op migration must leave alone. */
async function snapshot(db: TestDb): Promise<unknown> {
  const tables = await listTables(db);
  const steps = tables.includes(MIGRATION_TABLE)
    ? (await sql`select * from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db.kysely)).rows
    : [];
  const roles = tables.includes('roles')
    ? await db.kysely.selectFrom('roles').selectAll().orderBy('id').execute()
    : [];
  return { tables, steps, roles };
}

const withSteps = (extra: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => ({ ...MIGRATIONS, ...extra }),
});

async function roleNames(db: TestDb): Promise<string[]> {
  return (await db.kysely.selectFrom('roles').select('name').orderBy('name').execute()).map((r) => r.name);
}

describe.each(DIALECTS)('migrations [%s]', (dialect) => {
  const opened: TestDb[] = [];
  const open = async (migrate: boolean): Promise<TestDb> => {
    const db = await freshDb(dialect, { migrate });
    opened.push(db);
    return db;
  };
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.drop();
  });

  it('migrates an empty database, then a second run is a no-op', async () => {
    const db = await open(false);
    const steps: string[] = [];
    const first = await migrateToLatest(db, { onStep: (name) => steps.push(name) });
    expect(first).toEqual({ applied: ALL_STEPS, alreadyCurrent: false });
    expect(steps).toEqual(ALL_STEPS);

    const before = await snapshot(db);
    expect(await migrateToLatest(db)).toEqual({ applied: [], alreadyCurrent: true });
    expect(await snapshot(db)).toEqual(before);
    expect(await schemaStatus(db)).toEqual({ applied: ALL_STEPS, pending: [], unknown: [] });
  });

  it('seeds the five roles of SCHEMA.md exactly once', async () => {
    const db = await open(true);
    expect(SPEC_ROLES).toHaveLength(5);
    expect(await roleNames(db)).toEqual([...SPEC_ROLES].sort());
  });

  it('refuses a database written by a newer version and leaves it untouched', async () => {
    const db = await open(true);
    await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp)
      values (${'9001_from_a_newer_release'}, ${'2099-01-01T00:00:00.000Z'})`.execute(db.kysely);
    const before = await snapshot(db);

    const err = await migrateToLatest(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaTooNewError);
    expect((err as SchemaTooNewError).unknownMigrations).toEqual(['9001_from_a_newer_release']);
    expect((err as Error).message).toMatch(/newer version of SMMS/);
    expect((err as Error).message).toMatch(/Install the latest SMMS Desktop/);
    expect(await snapshot(db)).toEqual(before);
  });

  it('reports a failing step by name and does not record it as applied', async () => {
    const db = await open(true);
    const broken: Migration = {
      up: async (k) => {
        await k.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('simulated disk full');
      },
    };
    const err = await migrateToLatest(db, { migrations: withSteps({ '0900_broken': broken }) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MigrationFailedError);
    expect((err as MigrationFailedError).migrationName).toBe('0900_broken');
    expect((err as Error).message).toMatch(/step "0900_broken": simulated disk full/);
    expect((await schemaStatus(db)).applied).toEqual(ALL_STEPS);
    // SQLite runs the steps in one transaction, so the half-done DDL is rolled back. MariaDB cannot
    // roll back DDL; there the step simply stays unrecorded.
    if (dialect === 'sqlite') expect(await listTables(db)).not.toContain('half_done');

    // The migration lock was released: a corrected step runs.
    const fixed: Migration = {
      up: async (k) => {
        await k.schema.createTable('fixed_step').addColumn('id', 'integer').execute();
      },
    };
    const retry = await migrateToLatest(db, { migrations: withSteps({ '0900_fixed': fixed }) });
    expect(retry).toEqual({ applied: ['0900_fixed'], alreadyCurrent: false });
  });

  it('adopts an existing SMMS database (seed tables, no bookkeeping) without duplicating roles', async () => {
    const db = await open(false);
    // What the original SMMS leaves behind: the seed tables and their rows, no smms_migrations.
    await MIGRATIONS['0001_seed_schema']!.up(db.kysely);
    await db.kysely.deleteFrom('roles').where('name', '=', 'STUDENT').execute();
    const institutionId = await addInstitution(db);
    expect(await listTables(db)).not.toContain(MIGRATION_TABLE);

    expect(await migrateToLatest(db)).toEqual({ applied: ALL_STEPS, alreadyCurrent: false });
    expect(await roleNames(db)).toEqual([...SPEC_ROLES].sort());
    const kept = await db.kysely.selectFrom('institutions').select('id').execute();
    expect(kept).toEqual([{ id: institutionId }]);
  });

  it('refuses a database holding only some of the seed tables, naming what is missing', async () => {
    const db = await open(false);
    await MIGRATIONS['0001_seed_schema']!.up(db.kysely);
    await db.kysely.schema.dropTable('password_resets').execute();
    await db.kysely.schema.dropTable('audit_logs').execute();
    await db.kysely
      .insertInto('institutions')
      .values({ id: uuidv7(), name: 'X', code: 'X', updatedAt: '2026-01-01T00:00:00.000Z' })
      .execute();

    const err = await migrateToLatest(db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationFailedError);
    expect((err as MigrationFailedError).migrationName).toBe('0001_seed_schema');
    expect((err as Error).message).toMatch(
      /some SMMS tables but not all \(missing: audit_logs, password_resets\)/,
    );
    expect((err as Error).message).toMatch(/empty database or at a complete SMMS database/);
    expect((await schemaStatus(db)).applied).toEqual([]);
    const tables = await listTables(db);
    expect(tables.filter((t) => t.startsWith('sync_'))).toEqual([]);
    expect(await db.kysely.selectFrom('institutions').select('code').execute()).toEqual([{ code: 'X' }]);
  });
});
