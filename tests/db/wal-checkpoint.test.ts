import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/core/db/connect.ts';
import { checkpointWithoutWaiting } from '../../src/core/db/wal-checkpoint.ts';

// The checkpoint at the end of a first sync runs in the app's main process: a report or backup
// worker reading the same file must not hold it for the busy timeout (five seconds).

async function withReaderOn<T>(file: string, work: () => Promise<T>): Promise<T> {
  const reader = new SqliteDatabase(file, { readonly: true });
  try {
    reader.exec('begin');
    reader.prepare('select count(*) from big').get();
    return await work();
  } finally {
    reader.exec('rollback');
    reader.close();
  }
}

describe('checkpointWithoutWaiting', () => {
  it('returns at once while another connection reads an older snapshot, and truncates the log once it is gone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'smms-ckpt-')), 'local.sqlite');
    const db = connect(`sqlite:${file}`);
    try {
      await sql`PRAGMA wal_autocheckpoint = 0`.execute(db.kysely);
      await sql`create table big (x blob)`.execute(db.kysely);
      const wal = () => statSync(`${file}-wal`).size;
      const busy = await withReaderOn(file, async () => {
        // Written after the reader's snapshot: the checkpoint cannot finish while it reads.
        await sql`insert into big values (zeroblob(1048576))`.execute(db.kysely);
        const t0 = performance.now();
        const done = await checkpointWithoutWaiting(db.kysely);
        return { done, ms: performance.now() - t0 };
      });
      expect(busy.done).toBe(false);
      expect(busy.ms).toBeLessThan(1000);
      expect(wal()).toBeGreaterThan(1048576);
      // The connection's own busy wait is back for every other statement.
      const { rows } = await sql<{ timeout: number }>`PRAGMA busy_timeout`.execute(db.kysely);
      expect(rows[0]!.timeout).toBe(5000);
      expect(await checkpointWithoutWaiting(db.kysely)).toBe(true);
      expect(wal()).toBe(0);
    } finally {
      await db.close();
    }
  });
});
