import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { connect } from '../../../src/core/db/connect.ts';
import { migrateToLatest } from '../../../src/core/db/migrate.ts';
import { generateDemo } from '../../../src/core/demo/generate.ts';

// Real database files for the operations tests: a migrated demo department (thousands of rows in
// every table), copied per test, and a per-table fingerprint (row count + SHA-256 of every row in
// primary-key order) to prove two files hold the same data.

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `smms-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A migrated database with the small demo institution (about 38,000 rows). */
export async function makeDemoFile(path: string): Promise<void> {
  const db = connect(`sqlite:${path}`);
  try {
    await migrateToLatest(db);
    await generateDemo(db, { scale: 'small', seed: 3 });
  } finally {
    await db.close();
  }
  // Fold the WAL into the file so a plain copy of this closed fixture is complete.
  const raw = new SqliteDatabase(path);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
}

export function copyFixture(template: string, target: string): string {
  copyFileSync(template, target);
  return target;
}

export interface TableFingerprint {
  rows: number;
  sha256: string;
}

export function fingerprint(path: string): Record<string, TableFingerprint> {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        `select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
      )
      .all() as { name: string; sql: string }[];
    const out: Record<string, TableFingerprint> = {};
    for (const { name, sql } of tables) {
      const hash = createHash('sha256');
      let rows = 0;
      // A WITHOUT ROWID table (a derived count) has no rowid: its key orders it.
      const columns = (
        db.prepare(`select count(*) as n from pragma_table_info(?)`).get(name) as { n: number }
      ).n;
      const order = /without rowid/i.test(sql)
        ? Array.from({ length: columns }, (_, i) => i + 1).join(', ')
        : 'rowid';
      for (const row of db.prepare(`select * from "${name}" order by ${order}`).iterate()) {
        hash.update(JSON.stringify(row));
        rows += 1;
      }
      out[name] = { rows, sha256: hash.digest('hex') };
    }
    return out;
  } finally {
    db.close();
  }
}
