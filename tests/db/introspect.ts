import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../src/core/db/connect.ts';

// Reads what a migrated database really holds, from the engine's own catalog (PRAGMAs and the
// CREATE statement on SQLite, information_schema on MariaDB), in one shape for both dialects.

export interface ActualColumn {
  name: string;
  /** Engine type: SQLite's declared type ("TEXT"); MariaDB's "varchar(255)", "datetime(3)", "json"... */
  type: string;
  nullable: boolean;
  /** Literal default unquoted, 'now' for the current-timestamp default, null for none. */
  default: string | null;
  autoIncrement: boolean;
  enumValues: string[] | null;
  json: boolean;
}

export interface ActualIndex {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface ActualForeignKey {
  column: string;
  refTable: string;
  refColumn: string;
  onDelete: string;
}

export interface ActualTable {
  columns: ActualColumn[];
  primaryKey: string[];
  /** Secondary indexes (the primary key excluded). */
  indexes: ActualIndex[];
  foreignKeys: ActualForeignKey[];
  /** Every CHECK's text, lower-cased with identifier quotes removed: "rating between 1 and 5". */
  checks: string[];
}

const normalizeCheck = (text: string): string =>
  text.replace(/[`"]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db.kysely)).rows;
}

export async function listTables(db: Db): Promise<string[]> {
  const tables = await db.kysely.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((t) => t.name).sort();
}

export function introspectTable(db: Db, table: string): Promise<ActualTable> {
  return db.dialect === 'sqlite' ? sqliteTable(db, table) : mysqlTable(db, table);
}

// ---- SQLite ----

interface PragmaColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

function sqliteDefault(raw: string | null): string | null {
  if (raw === null) return null;
  if (/strftime\(.*'now'\)/.test(raw)) return 'now';
  return raw.replace(/^'(.*)'$/, '$1');
}

/** Column-level CHECKs of the CREATE statement, found by balancing parentheses. */
function sqliteChecks(createSql: string): string[] {
  const checks: string[] = [];
  for (const m of createSql.matchAll(/\bcheck\s*\(/gi)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < createSql.length && depth > 0; i++) {
      if (createSql[i] === '(') depth++;
      if (createSql[i] === ')') depth--;
    }
    checks.push(normalizeCheck(createSql.slice(start, i - 1)));
  }
  return checks;
}

function sqliteColumn(c: PragmaColumn, createSql: string, checks: string[]): ActualColumn {
  const quoted = `"${c.name}"`;
  // Values keep their case: read them from the CREATE text, not the lower-cased check copy.
  const enumList = new RegExp(`${quoted} in \\(([^)]*)\\)`).exec(createSql)?.[1];
  return {
    name: c.name,
    type: c.type,
    nullable: c.notnull === 0 && c.pk === 0,
    default: sqliteDefault(c.dflt_value),
    autoIncrement: c.pk > 0 && createSql.includes(`${quoted} integer primary key autoincrement`),
    enumValues: enumList === undefined ? null : [...enumList.matchAll(/'([^']*)'/g)].map((v) => v[1]!),
    json: checks.includes(`json_valid(${c.name.toLowerCase()})`),
  };
}

async function sqliteIndexes(db: Db, table: string): Promise<ActualIndex[]> {
  const list = await rows(
    db,
    sql<{ name: string; unique: number; origin: string }>`select * from pragma_index_list(${table})`,
  );
  const indexes: ActualIndex[] = [];
  for (const ix of list.filter((x) => x.origin !== 'pk')) {
    const info = await rows(
      db,
      sql<{ seqno: number; name: string }>`select * from pragma_index_info(${ix.name})`,
    );
    const columns = info.sort((a, b) => a.seqno - b.seqno).map((x) => x.name);
    indexes.push({ name: ix.name, columns, unique: ix.unique === 1 });
  }
  return indexes;
}

async function sqliteTable(db: Db, table: string): Promise<ActualTable> {
  const master = await rows(
    db,
    sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = ${table}`,
  );
  const createSql = master[0]?.sql ?? '';
  const checks = sqliteChecks(createSql);
  const cols = await rows(db, sql<PragmaColumn>`select * from pragma_table_info(${table})`);
  const fks = await rows(
    db,
    sql<{
      from: string;
      table: string;
      to: string;
      on_delete: string;
    }>`select * from pragma_foreign_key_list(${table})`,
  );
  return {
    columns: cols.map((c) => sqliteColumn(c, createSql, checks)),
    primaryKey: cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    indexes: await sqliteIndexes(db, table),
    foreignKeys: fks.map((f) => ({
      column: f.from,
      refTable: f.table,
      refColumn: f.to,
      onDelete: f.on_delete,
    })),
    checks,
  };
}

// ---- MariaDB / MySQL ----

interface InfoColumn {
  COLUMN_NAME: string;
  DATA_TYPE: string;
  COLUMN_TYPE: string;
  IS_NULLABLE: string;
  COLUMN_DEFAULT: string | null;
  CHARACTER_MAXIMUM_LENGTH: number | null;
  NUMERIC_PRECISION: number | null;
  NUMERIC_SCALE: number | null;
  DATETIME_PRECISION: number | null;
  EXTRA: string;
}

function mysqlDefault(raw: string | null): string | null {
  if (raw === null || raw === 'NULL') return null;
  if (/^current_timestamp/i.test(raw)) return 'now';
  return raw.replace(/^'(.*)'$/, '$1');
}

function mysqlColumn(c: InfoColumn, checks: string[]): ActualColumn {
  // MariaDB's JSON is LONGTEXT plus an automatic json_valid CHECK; MySQL 8 reports "json".
  const json = c.DATA_TYPE === 'json' || checks.includes(`json_valid(${c.COLUMN_NAME.toLowerCase()})`);
  const sized: Record<string, string> = {
    varchar: `varchar(${c.CHARACTER_MAXIMUM_LENGTH})`,
    decimal: `decimal(${c.NUMERIC_PRECISION},${c.NUMERIC_SCALE})`,
    datetime: `datetime(${c.DATETIME_PRECISION})`,
  };
  return {
    name: c.COLUMN_NAME,
    type: json ? 'json' : (sized[c.DATA_TYPE] ?? c.DATA_TYPE),
    nullable: c.IS_NULLABLE === 'YES',
    default: mysqlDefault(c.COLUMN_DEFAULT),
    autoIncrement: c.EXTRA.includes('auto_increment'),
    enumValues: c.DATA_TYPE === 'enum' ? [...c.COLUMN_TYPE.matchAll(/'([^']*)'/g)].map((v) => v[1]!) : null,
    json,
  };
}

async function mysqlIndexes(db: Db, where: RawBuilder<unknown>): Promise<ActualIndex[]> {
  const stats = await rows(
    db,
    sql<{ INDEX_NAME: string; NON_UNIQUE: number; COLUMN_NAME: string }>`
      select INDEX_NAME, NON_UNIQUE, COLUMN_NAME from information_schema.STATISTICS
      where ${where} order by INDEX_NAME, SEQ_IN_INDEX`,
  );
  const byName = new Map<string, ActualIndex>();
  for (const s of stats) {
    const ix = byName.get(s.INDEX_NAME) ?? {
      name: s.INDEX_NAME,
      columns: [],
      unique: Number(s.NON_UNIQUE) === 0,
    };
    ix.columns.push(s.COLUMN_NAME);
    byName.set(s.INDEX_NAME, ix);
  }
  return [...byName.values()];
}

async function mysqlForeignKeys(db: Db, schema: string, table: string): Promise<ActualForeignKey[]> {
  return rows(
    db,
    sql<ActualForeignKey>`
      select k.COLUMN_NAME as "column", k.REFERENCED_TABLE_NAME as refTable,
        k.REFERENCED_COLUMN_NAME as refColumn, r.DELETE_RULE as onDelete
      from information_schema.KEY_COLUMN_USAGE k
      join information_schema.REFERENTIAL_CONSTRAINTS r
        on r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA and r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        and r.TABLE_NAME = k.TABLE_NAME
      where k.TABLE_SCHEMA = ${schema} and k.TABLE_NAME = ${table} and k.REFERENCED_TABLE_NAME is not null`,
  );
}

async function mysqlTable(db: Db, table: string): Promise<ActualTable> {
  const schema = db.url.kind === 'mysql' ? db.url.database : '';
  const where = sql`TABLE_SCHEMA = ${schema} and TABLE_NAME = ${table}`;
  const checkRows = await rows(
    db,
    sql<{ CHECK_CLAUSE: string }>`select CHECK_CLAUSE from information_schema.CHECK_CONSTRAINTS
      where CONSTRAINT_SCHEMA = ${schema} and TABLE_NAME = ${table}`,
  );
  const checks = checkRows.map((r) => normalizeCheck(r.CHECK_CLAUSE));
  const cols = await rows(
    db,
    sql<InfoColumn>`select * from information_schema.COLUMNS where ${where} order by ORDINAL_POSITION`,
  );
  const indexes = await mysqlIndexes(db, where);
  return {
    columns: cols.map((c) => mysqlColumn(c, checks)),
    primaryKey: indexes.find((ix) => ix.name === 'PRIMARY')?.columns ?? [],
    indexes: indexes.filter((ix) => ix.name !== 'PRIMARY'),
    foreignKeys: await mysqlForeignKeys(db, schema, table),
    checks,
  };
}
