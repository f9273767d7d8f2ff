import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { connect, type Db, type Dialect } from '../../src/core/db/connect.ts';
import { ensureMysqlDatabase, migrateToLatest } from '../../src/core/db/migrate.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { parseDbUrl } from '../../src/core/db/url.ts';

// Every integration test runs on both dialects against real databases: SQLite in memory and the
// MariaDB server at SMMS_TEST_MYSQL (default 127.0.0.1:3306, root, no password). Each fresh
// database is a new MariaDB schema named smms_t_<random>, dropped again by `drop()`.

export const MYSQL_SERVER = process.env.SMMS_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
export const DIALECTS: Dialect[] = ['sqlite', 'mysql'];

let mysqlProbe: Promise<boolean> | undefined;

/** Whether MariaDB answers. In CI it must: a missing server fails the run instead of skipping. */
export function mysqlReachable(): Promise<boolean> {
  mysqlProbe ??= (async () => {
    const u = parseDbUrl(`${MYSQL_SERVER}/probe`);
    if (u.kind !== 'mysql') return false;
    try {
      const c = await createConnection({ host: u.host, port: u.port, user: u.user, password: u.password });
      await c.end();
      return true;
    } catch (err) {
      if (process.env.CI) {
        throw new Error(
          `MariaDB at ${u.host}:${u.port} is required in CI and is not reachable: ${String(err)}`,
          { cause: err },
        );
      }
      return false;
    }
  })();
  return mysqlProbe;
}

export interface TestDb extends Db {
  /** Close and (MariaDB) drop the throwaway database. */
  drop(): Promise<void>;
  urlText: string;
}

export async function freshDb(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = options.migrate ?? true;
  if (dialect === 'sqlite') {
    const db = connect('sqlite::memory:');
    if (migrate) await migrateToLatest(db);
    return { ...db, urlText: 'sqlite::memory:', drop: () => db.close() };
  }
  const name = `smms_t_${randomBytes(6).toString('hex')}`;
  const urlText = `${MYSQL_SERVER}/${name}`;
  const url = parseDbUrl(urlText);
  if (url.kind !== 'mysql') throw new Error('unreachable');
  await ensureMysqlDatabase(url);
  const db = connect(url, { poolSize: 4 });
  if (migrate) {
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.close();
      await dropMysqlDatabase(name);
      throw err;
    }
  }
  return {
    ...db,
    urlText,
    drop: async () => {
      await db.close();
      await dropMysqlDatabase(name);
    },
  };
}

export async function dropMysqlDatabase(name: string): Promise<void> {
  const u = parseDbUrl(`${MYSQL_SERVER}/${name}`);
  if (u.kind !== 'mysql') return;
  const c = await createConnection({ host: u.host, port: u.port, user: u.user, password: u.password });
  try {
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await c.end();
  }
}

/** The CREATE INDEX statements of a local SQLite database (or of one table), by index name. */
export async function sqliteIndexes(db: Kysely<Database>, table?: string): Promise<string[]> {
  const { rows } = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'index' and sql is not null and (${table ?? null} is null or tbl_name = ${table ?? null})
    order by name`.execute(db);
  return rows.map((r) => r.sql);
}
