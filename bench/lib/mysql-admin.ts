import { createConnection, type Connection } from 'mysql2/promise';
import { parseDbUrl } from '../../src/core/db/url.ts';

// Server-level work the benchmarks need (create, drop, list databases) over a plain mysql2 connection
// without a default database.

export const DEFAULT_SERVER = 'mysql://root@127.0.0.1:3306';

export function serverUrl(): string {
  return (process.env.SMMS_TEST_MYSQL ?? DEFAULT_SERVER).replace(/\/+$/, '');
}

export const databaseUrl = (server: string, database: string): string => `${server}/${database}`;

export async function adminConnection(server: string, database?: string): Promise<Connection> {
  const u = parseDbUrl(`${server}/${database ?? 'mysql'}`);
  if (u.kind !== 'mysql') throw new Error(`not a MySQL server URL: ${server}`);
  return createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    ...(database ? { database } : {}),
    multipleStatements: false,
  });
}

const NAME = /^smms_bench_[a-z0-9_]+$/;

/** Only databases this runner names (smms_bench_*) are ever dropped here. */
export async function dropDatabase(conn: Connection, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
}

export async function listDatabases(conn: Connection, prefix: string): Promise<string[]> {
  const [rows] = await conn.query(`SHOW DATABASES LIKE ?`, [`${prefix.replace(/_/g, '\\_')}%`]);
  return (rows as Record<string, string>[]).map((r) => Object.values(r)[0]!);
}
