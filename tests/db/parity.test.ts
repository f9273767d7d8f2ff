import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/core/db/connect.ts';
import { SEED_TABLE_NAMES } from '../../src/core/db/schema.ts';
import { MIGRATION_TABLE } from '../../src/core/db/migrate.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { introspectTable, listTables, type ActualColumn, type ActualTable } from './introspect.ts';
import { loadSpecSchema, parseSchemaMd, type SpecColumn, type SpecTable } from './spec-schema.ts';

// The migrated schema, read back from each engine's catalog, against ../shared/spec/SCHEMA.md.

const spec = loadSpecSchema();

type Signature = Omit<ActualColumn, 'name'> & { name: string };

/** What the engine should report for a spec column. SQLite has storage classes, not MySQL types. */
function expected(dialect: Dialect, c: SpecColumn): Signature {
  const sqliteType = { int: 'INTEGER', bigint: 'INTEGER', decimal: 'REAL' } as Record<string, string>;
  const mysqlType: Record<SpecColumn['family'], string> = {
    string: `varchar(${c.length})`,
    text: 'text',
    datetime: 'datetime(3)',
    int: 'int',
    bigint: 'bigint',
    decimal: `decimal(${c.precision?.join(',')})`,
    json: 'json',
    enum: 'enum',
  };
  return {
    name: c.name,
    // SQLite: decimals are REAL limited by a CHECK to DECIMAL(p,s) values (see constraints.test.ts).
    type: dialect === 'sqlite' ? (sqliteType[c.family] ?? 'TEXT') : mysqlType[c.family],
    nullable: c.nullable,
    default: c.default,
    autoIncrement: c.autoIncrement,
    enumValues: c.enumValues ?? null,
    json: c.family === 'json',
  };
}

const byName = <T extends { name: string }>(rows: T[]): T[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name));
const key = (cols: string[]): string => cols.join(',');

describe('SCHEMA.md as parsed by the parity test', () => {
  const table = (name: string): SpecTable => spec.find((t) => t.name === name)!;
  const column = (t: string, c: string): SpecColumn => table(t).columns.find((x) => x.name === c)!;

  it('lists the same 17 tables as schema.ts', () => {
    expect(spec.map((t) => t.name).sort()).toEqual([...SEED_TABLE_NAMES].sort());
  });

  it('reads every default the spec states, and only those', () => {
    const defaults = spec.flatMap((t) => t.columns.map((c) => c.default)).filter((d) => d && d !== 'now');
    expect(defaults.sort()).toEqual(
      [
        'INVITED',
        'AVAILABLE',
        '10',
        '15',
        'LOW',
        'ACTIVE',
        'PRESENT',
        'SCHEDULED',
        'MENTOR',
        'NOT_STARTED',
        '0',
        'OPEN',
      ].sort(),
    );
  });

  it('reads types, optional markers, named enums, ranges and the rule-less FK', () => {
    expect(column('institutions', 'address')).toMatchObject({ family: 'text', nullable: true });
    expect(column('users', 'lastLoginAt')).toMatchObject({ family: 'datetime', nullable: true });
    expect(column('audit_logs', 'id')).toMatchObject({ family: 'bigint', autoIncrement: true });
    expect(column('goal_updates', 'status').enumValues).toEqual(column('goals', 'status').enumValues);
    expect(column('session_feedback', 'rating').range).toEqual([1, 5]);
    expect(table('attachments').foreignKeys).toEqual([
      { column: 'ownerUserId', refTable: 'users', onDelete: 'RESTRICT' },
    ]);
    expect(table('session_records').foreignKeys[0]).toEqual({
      column: 'assignmentId',
      refTable: 'mentor_assignments',
      onDelete: 'RESTRICT',
    });
    expect(table('roles').seedRows).toHaveLength(5);
  });

  it('refuses notation it cannot read instead of guessing', () => {
    expect(() => parseSchemaMd('| widgets | id PK; colour |')).toThrow(/colour/);
  });
});

describe.each(DIALECTS)('schema parity with SCHEMA.md [%s]', (dialect) => {
  let db: TestDb;
  const actual = new Map<string, ActualTable>();

  beforeAll(async () => {
    db = await freshDb(dialect);
    for (const t of spec) actual.set(t.name, await introspectTable(db, t.name));
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has every seed table and the migration bookkeeping table', async () => {
    const tables = await listTables(db);
    expect(tables).toEqual(expect.arrayContaining([...spec.map((t) => t.name), MIGRATION_TABLE]));
  });

  it.each(spec.map((t) => t.name))('%s: columns, types, nullability, enums, defaults', (name) => {
    const t = spec.find((x) => x.name === name)!;
    const a = actual.get(name)!;
    // Whole-list equality: a missing, extra or differently typed column all fail here.
    expect(byName(a.columns)).toEqual(byName(t.columns.map((c) => expected(dialect, c))));
  });

  it.each(spec.map((t) => t.name))('%s: primary key, unique keys, indexes, CHECK ranges', (name) => {
    const t = spec.find((x) => x.name === name)!;
    const a = actual.get(name)!;
    expect(a.primaryKey).toEqual(t.primaryKey);
    // Unique keys exactly as listed: an extra one would reject valid data.
    const uniques = a.indexes.filter((ix) => ix.unique).map((ix) => key(ix.columns));
    expect(uniques.sort()).toEqual(t.unique.map(key).sort());
    // Listed indexes must exist with exactly that column order; extra FK-support indexes are fine.
    const plain = a.indexes.filter((ix) => !ix.unique).map((ix) => key(ix.columns));
    expect(plain).toEqual(expect.arrayContaining(t.indexes.map(key)));
    for (const c of t.columns.filter((x) => x.range)) {
      expect(a.checks).toContain(`${c.name.toLowerCase()} between ${c.range![0]} and ${c.range![1]}`);
    }
  });

  it.each(spec.map((t) => t.name))('%s: foreign keys and their delete rules', (name) => {
    const t = spec.find((x) => x.name === name)!;
    const a = actual.get(name)!;
    const sort = <T extends { column: string }>(xs: T[]): T[] =>
      [...xs].sort((x, y) => x.column.localeCompare(y.column));
    expect(sort(a.foreignKeys)).toEqual(sort(t.foreignKeys.map((f) => ({ ...f, refColumn: 'id' }))));
  });
});
