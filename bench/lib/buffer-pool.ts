import type { Connection } from 'mysql2/promise';
import { SYNCED_TABLE_NAMES } from '../../src/core/sync/tables.ts';
import { adminConnection } from './mysql-admin.ts';

// The central server of the large-scale and 200-laptop benchmarks as docs/operations.md asks one to
// be run: an InnoDB buffer pool that holds the database, and the database in it (a server in service has read its
// tables long before a new laptop joins). With MariaDB's default 128 MB pool and the large dataset
// (4.65 GB, ten departments' rows interleaved by their uuidv7 keys) every read of one department's
// rows went to disk: a department office's first sync spent 22 of its 24 s waiting on MariaDB, and
// the same statements took 1.6 s with the rows in memory. That measured this machine's disk, not
// how the app's cost grows with central. The pool is raised for the benchmark's duration only (like
// max_connections for the 200 laptops), said so in the log, and set back afterwards.

const GIB = 1024 ** 3;

export interface PoolReport {
  poolBytesBefore: number;
  poolBytes: number;
  dataBytes: number;
  warmMs: number;
}

async function one<T>(conn: Connection, q: string, values: unknown[] = []): Promise<T> {
  const [rows] = await conn.query(q, values);
  return (rows as T[])[0]!;
}

/** Resizing is online and in the background: wait until the pool has its pages. */
async function waitForResize(conn: Connection, bytes: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const pages = await one<{ Value: string }>(conn, `SHOW STATUS LIKE 'Innodb_buffer_pool_pages_total'`);
    const size = await one<{ n: number }>(conn, `SELECT @@innodb_page_size AS n`);
    if (Number(pages.Value) * Number(size.n) >= bytes * 0.95) return;
    if (Date.now() > deadline) throw new Error(`the buffer pool did not grow to ${bytes} bytes in 2 minutes`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reads every synced table of `database` through its clustered index and each secondary index. */
async function warm(conn: Connection, database: string): Promise<void> {
  const [idx] = await conn.query(
    `SELECT DISTINCT table_name AS t, index_name AS i FROM information_schema.statistics
      WHERE table_schema = ? AND index_name <> 'PRIMARY'`,
    [database],
  );
  const synced = new Set<string>(SYNCED_TABLE_NAMES);
  for (const table of SYNCED_TABLE_NAMES) await conn.query(`CHECKSUM TABLE \`${database}\`.\`${table}\``);
  for (const r of idx as { t: string; i: string }[])
    if (synced.has(r.t))
      await conn.query(`SELECT COUNT(*) FROM \`${database}\`.\`${r.t}\` FORCE INDEX (\`${r.i}\`)`);
}

/**
 * Runs `fn` with the buffer pool sized to hold `databases` (data and indexes, a quarter more, whole
 * GiB) and read into it. Never shrinks a pool that is already larger.
 */
export async function withWarmPool<T>(
  server: string,
  databases: string[],
  log: (m: string) => void,
  fn: (report: PoolReport) => Promise<T>,
): Promise<T> {
  const conn = await adminConnection(server);
  try {
    // A clone made moments ago still shows its empty tables' sizes in information_schema (1.5 MB
    // for the department's 538 MB): refresh the statistics first.
    for (const db of databases)
      for (const table of SYNCED_TABLE_NAMES) await conn.query(`ANALYZE TABLE \`${db}\`.\`${table}\``);
    const sizes = await one<{ n: number | string | null }>(
      conn,
      `SELECT SUM(data_length + index_length) AS n FROM information_schema.tables WHERE table_schema IN (?)`,
      [databases],
    );
    const dataBytes = Number(sizes.n ?? 0);
    const before = Number((await one<{ n: number }>(conn, `SELECT @@GLOBAL.innodb_buffer_pool_size AS n`)).n);
    const wanted = Math.ceil((dataBytes * 1.25) / GIB) * GIB;
    const poolBytes = Math.max(before, wanted);
    try {
      if (poolBytes > before) {
        log(
          `scale: innodb_buffer_pool_size ${before} < ${poolBytes} for ${dataBytes} bytes; raised for this benchmark`,
        );
        await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${poolBytes}`);
        await waitForResize(conn, poolBytes);
      }
      const t0 = performance.now();
      for (const db of databases) await warm(conn, db);
      const warmMs = performance.now() - t0;
      log(`scale: read ${databases.join(', ')} into the buffer pool in ${(warmMs / 1000).toFixed(1)} s`);
      return await fn({ poolBytesBefore: before, poolBytes, dataBytes, warmMs });
    } finally {
      if (poolBytes > before) await conn.query(`SET GLOBAL innodb_buffer_pool_size = ${before}`);
    }
  } finally {
    await conn.end();
  }
}
