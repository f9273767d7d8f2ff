import { sql, SqliteAdapter, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

// Frozen helpers for migrations: they describe column types once per dialect so every migration
// writes the same DDL forever. Never import application code from here (migrations are frozen).

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'mysql';
}

export interface Types {
  dialect: Dialect;
  /** UUID string key or reference: VARCHAR(191) like Prisma's String. */
  id: RawBuilder<unknown>;
  varchar(n: number): RawBuilder<unknown>;
  text: RawBuilder<unknown>;
  datetime: RawBuilder<unknown>;
  json: RawBuilder<unknown>;
  int: RawBuilder<unknown>;
  bigint: RawBuilder<unknown>;
  decimal(p: number, s: number): RawBuilder<unknown>;
  /** ENUM on MySQL; TEXT + CHECK on SQLite (the caller adds `enumCheck`). */
  enumOf(values: readonly string[]): RawBuilder<unknown>;
  now: RawBuilder<unknown>;
  /** Table options: InnoDB/utf8mb4 on MySQL, STRICT on SQLite. */
  tableEnd: RawBuilder<unknown>;
}

const list = (values: readonly string[]): RawBuilder<unknown> => sql.join(values.map((v) => sql.lit(v)));

export function typesFor(db: Kysely<any>): Types {
  const dialect = dialectOf(db);
  if (dialect === 'mysql') {
    return {
      dialect,
      id: sql`varchar(191)`,
      varchar: (n) => sql.raw(`varchar(${n})`),
      text: sql`text`,
      datetime: sql`datetime(3)`,
      json: sql`json`,
      int: sql`int`,
      bigint: sql`bigint`,
      decimal: (p, s) => sql.raw(`decimal(${p},${s})`),
      enumOf: (values) => sql`enum(${list(values)})`,
      now: sql`CURRENT_TIMESTAMP(3)`,
      tableEnd: sql`ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    };
  }
  return {
    dialect,
    id: sql`text`,
    varchar: () => sql`text`,
    text: sql`text`,
    datetime: sql`text`,
    json: sql`text`,
    int: sql`integer`,
    bigint: sql`integer`,
    // REAL round-trips DECIMAL(4,2)/(5,2) values exactly (≤ 15 significant digits) and sorts numerically.
    decimal: () => sql`real`,
    enumOf: () => sql`text`,
    now: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    tableEnd: sql`STRICT`,
  };
}

/** On SQLite, enum columns get a CHECK; MySQL's ENUM type already enforces the set. */
export function enumCheck(t: Types, column: string, values: readonly string[]) {
  return (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    t.dialect === 'sqlite' ? c.check(sql`${sql.ref(column)} in (${list(values)})`) : c;
}

/** On SQLite, JSON columns refuse malformed text, as MariaDB's JSON alias (a json_valid CHECK) does. */
export function jsonCheck(t: Types, column: string): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    t.dialect === 'sqlite' ? c.check(sql`json_valid(${sql.ref(column)})`) : c;
}

/**
 * On SQLite, a REAL column only takes values DECIMAL(p,s) can hold (range and scale), so a value
 * written locally reaches MySQL unchanged and both sides store the same number.
 */
export function decimalCheck(
  t: Types,
  column: string,
  precision: number,
  scale: number,
): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  const max = sql.raw(`${'9'.repeat(precision - scale)}.${'9'.repeat(scale)}`);
  const ref = sql.ref(column);
  return (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    t.dialect === 'sqlite'
      ? c.check(sql`${ref} between -${max} and ${max} and ${ref} = round(${ref}, ${sql.lit(scale)})`)
      : c;
}

/** Case-insensitive text keys on SQLite, matching MySQL's utf8mb4_unicode_ci uniqueness. */
export function nocase(t: Types) {
  return (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    t.dialect === 'sqlite' ? c.modifyEnd(sql`collate nocase`) : c;
}
