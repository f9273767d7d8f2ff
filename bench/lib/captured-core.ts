import SqliteDatabase from 'better-sqlite3';
import type { LogEvent } from 'kysely';
import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { quantile } from './stats.ts';

// The app's core over an SQLite file, connected as the app connects (connect(): its pragmas and its
// prepared-statement cache), with Kysely's query log switched on while a call is being captured: the
// statements a call ran can then be explained (EXPLAIN QUERY PLAN) and re-run alone on a second, raw
// connection to the same file, which is the ceiling of that call. (The core once ran on a Kysely of
// its own over the raw connection, without the app's statement cache: every statement of every
// call was prepared afresh, which the app does not do.)

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

export interface CapturedCore {
  core: Core;
  raw: SqliteDatabase.Database;
  capture(fn: () => Promise<unknown>): Promise<Statement[]>;
  close(): Promise<void>;
}

export async function capturedCore(file: string, now: string): Promise<CapturedCore> {
  let log: Statement[] | null = null;
  const db = connect(`sqlite:${file}`, {
    log: (e: LogEvent) => {
      if (log && e.level === 'query') log.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  await migrateToLatest(db);
  const raw = new SqliteDatabase(file);
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  const core = createCore({ db, appVersion: 'bench', clock: new ManualClock(now) });
  return {
    core,
    raw,
    async capture(fn) {
      log = [];
      try {
        await fn();
        return log;
      } finally {
        log = null;
      }
    },
    close: async () => {
      await core.close();
      raw.close();
    },
  };
}

/** SQLite's plan of a statement, one line per step, indented by depth. */
export function queryPlan(raw: SqliteDatabase.Database, s: Statement): string[] {
  const rows = raw.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as {
    id: number;
    parent: number;
    detail: string;
  }[];
  const depth = new Map<number, number>([[0, -1]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? -1) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

/** Indexes a plan uses, and the tables it reads without one (full scans). */
export function planSummary(plan: readonly string[]): { indexes: string[]; scans: string[] } {
  const indexes = new Set<string>();
  const scans = new Set<string>();
  for (const line of plan) {
    const idx =
      /USING (?:COVERING )?INDEX (\S+)/.exec(line)?.[1] ??
      (/USING INTEGER PRIMARY KEY/.test(line) ? 'rowid' : null);
    const table = /^\s*(?:SCAN|SEARCH) (\S+)/.exec(line)?.[1];
    if (idx) indexes.add(idx);
    if (table && /^\s*SCAN /.test(line) && !idx && !/CONSTANT ROW|SUBQUERY|CO-ROUTINE/.test(line))
      scans.add(table);
  }
  return { indexes: [...indexes], scans: [...scans] };
}

/**
 * Runs the statements alone on the raw connection, `runs` times; each sample is their total time.
 * Only reads are re-run (a read call that wrote something must not write it again).
 */
export function rawStatementsMs(
  raw: SqliteDatabase.Database,
  statements: readonly Statement[],
  runs: number,
): number[] {
  const prepared = statements
    .map((s) => ({ st: raw.prepare(s.sql), params: s.parameters as unknown[] }))
    .filter((p) => p.st.reader);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    for (const p of prepared) p.st.all(...p.params);
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** Median time of each statement alone: where a slow call spends its time. */
export function statementMedian(raw: SqliteDatabase.Database, s: Statement, runs = 9): number {
  return Math.round(quantile(rawStatementsMs(raw, [s], runs), 0.5) * 100) / 100;
}
