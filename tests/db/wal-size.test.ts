import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { connect, WAL_SIZE_LIMIT } from '../../src/core/db/connect.ts';

// A large write (a first sync's download) leaves a WAL file of its size; once checkpointed, the
// next write must cut it back to WAL_SIZE_LIMIT instead of keeping the disk space for ever.

describe('local WAL file size', () => {
  it('is cut back to the limit by the first write after a checkpoint', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'smms-wal-')), 'local.sqlite');
    const db = connect(`sqlite:${file}`);
    try {
      await sql`create table big (x blob)`.execute(db.kysely);
      const mb = Math.ceil((WAL_SIZE_LIMIT * 1.5) / 1048576);
      await db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < mb; i++) await sql`insert into big values (zeroblob(1048576))`.execute(trx);
      });
      const wal = () => statSync(`${file}-wal`).size;
      expect(wal()).toBeGreaterThan(WAL_SIZE_LIMIT);
      await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(db.kysely);
      await sql`insert into big values (zeroblob(10))`.execute(db.kysely);
      expect(wal()).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
    } finally {
      await db.close();
    }
  });
});
