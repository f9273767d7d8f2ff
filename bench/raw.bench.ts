import { join } from 'node:path';
import { createConnection } from 'mysql2';
import { uuidv7 } from '../src/core/ids.ts';
import { parseDbUrl } from '../src/core/db/url.ts';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { columnsOf, dropDerivedTriggers, insertSql, openRaw } from './lib/sqlite-raw.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';

// Raw ceilings (issue 9): what the hardware and drivers do with no application code in the way.
// - better-sqlite3 prepared INSERT and UPSERT of session-shaped rows (real session_records rows of the
//   demo, new ids), one transaction per batch, into a copy of the dataset (its indexes and FKs);
// - mysql2 streaming read of every session_records row of the MariaDB dataset.
// These are reference figures; the sync and import benchmarks measure their own same-run ceilings.

const BATCH = 10_000;

function sqliteWrites(ctx: BenchContext, file: string, runs: number): Measurement[] {
  const db = openRaw(file);
  dropDerivedTriggers(db);
  const cols = columnsOf(db, 'session_records');
  const source = db.prepare(`select * from session_records order by id limit ?`).all(BATCH) as Record<
    string,
    unknown
  >[];
  const insert = db.prepare(insertSql('session_records', cols, 'insert'));
  const upsert = db.prepare(insertSql('session_records', cols, 'upsert'));
  const ins: number[] = [];
  const ups: number[] = [];
  for (let r = 0; r < runs; r++) {
    const rows = source.map((row) => cols.map((c) => (c === 'id' ? uuidv7() : (row[c] ?? null))));
    let t0 = performance.now();
    db.transaction(() => {
      for (const values of rows) insert.run(values);
    })();
    ins.push(performance.now() - t0);
    // Same ids again, every column rewritten: the path a pull's upsert of changed rows takes.
    const changed = rows.map((v) =>
      v.map((x, i) => (cols[i] === 'updatedAt' ? new Date().toISOString() : x)),
    );
    t0 = performance.now();
    db.transaction(() => {
      for (const values of changed) upsert.run(values);
    })();
    ups.push(performance.now() - t0);
  }
  db.close();
  const n = source.length.toLocaleString('en-US');
  const details = { rows: source.length, table: 'session_records', columns: cols.length };
  return [
    {
      id: 'raw.sqlite.insert',
      title: `raw: SQLite prepared insert, ${n} session rows`,
      unit: 'ms',
      samples: ins,
      details,
    },
    {
      id: 'raw.sqlite.upsert',
      title: `raw: SQLite prepared upsert, ${n} session rows`,
      unit: 'ms',
      samples: ups,
      details,
    },
  ];
}

async function streamRead(url: string): Promise<{ ms: number; rows: number }> {
  const u = parseDbUrl(url);
  if (u.kind !== 'mysql') throw new Error('mysql only');
  const conn = createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
    dateStrings: true,
    decimalNumbers: true,
    jsonStrings: true,
  });
  let rows = 0;
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    conn
      .query('select * from session_records')
      .stream()
      .on('data', () => void rows++)
      .on('end', () => resolve())
      .on('error', reject);
  });
  const ms = performance.now() - t0;
  conn.end();
  return { ms, rows };
}

export const rawBench: Bench = {
  name: 'raw',
  modes: ['quick', 'full'],
  async run(ctx) {
    const runs = ctx.mode === 'quick' ? 3 : 7;
    const file = await ctx.datasets.sqliteCopy(ctx.scale, join(ctx.tmp, 'raw.sqlite'));
    const out = sqliteWrites(ctx, file, runs);
    const central = await ctx.datasets.mysql(ctx.scale);
    const reads: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const r = await streamRead(central.url);
      reads.push(r.ms);
      rows = r.rows;
    }
    out.push({
      id: 'raw.mysql.stream',
      title: `raw: mysql2 streaming read, ${rows.toLocaleString('en-US')} session rows`,
      unit: 'ms',
      samples: reads,
      details: {
        rows,
        rowsPerSecond: Math.round(rows / (reads.sort((a, b) => a - b)[Math.floor(runs / 2)]! / 1000)),
      },
    });
    return out;
  },
};

if (isEntry(import.meta.url)) await standalone(rawBench);
