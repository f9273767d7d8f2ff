import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsDirOf, createBackup, listBackups } from '../../src/core/ops/backup-store.ts';
import { readPendingRestore, stageRestore } from '../../src/core/ops/pending-restore.ts';
import { backupIfDue } from '../../src/core/ops/daily-backup.ts';
import { prepareLocalDatabase } from '../../src/core/ops/startup.ts';
import { copyFixture, fingerprint, makeDemoFile, tempDir } from './support/files.ts';

// The normal starts: a fresh folder, a restore the user asked for in the app (carried out at the next
// start, audited), and the daily backup (once a day, pruned to N).

const tmp = tempDir('startup');
const template = join(tmp.dir, 'template.sqlite');
let n = 0;
beforeAll(() => makeDemoFile(template));
afterAll(() => tmp.remove());

function folder(): { dataDir: string; dbFile: string } {
  const dataDir = join(tmp.dir, `data-${n++}`);
  mkdirSync(dataDir);
  return { dataDir, dbFile: join(dataDir, 'smms.sqlite') };
}

describe('start-up preparation', () => {
  it('creates and migrates a new database in a new folder', async () => {
    const dataDir = join(tmp.dir, 'new', 'nested');
    const dbFile = join(dataDir, 'smms.sqlite');
    const r = await prepareLocalDatabase({ dataDir, dbFile });
    expect(r.applied.length).toBeGreaterThan(3);
    expect(r.dbUrl).toBe(`sqlite:${dbFile}`);
    expect(existsSync(dbFile)).toBe(true);
  });

  it('carries out a restore asked for in the app, keeps the replaced state and audits it', async () => {
    const { dataDir, dbFile } = folder();
    copyFixture(template, dbFile);
    const userId = (
      new SqliteDatabase(dbFile, { readonly: true }).prepare(`select id from users limit 1`).get() as {
        id: string;
      }
    ).id;
    const made = await createBackup(
      dbFile,
      backupsDirOf(dataDir),
      'manual',
      new Date('2026-03-01T08:00:00Z'),
    );
    const wanted = fingerprint(made.file);
    const live = new SqliteDatabase(dbFile);
    live.prepare(`delete from notifications`).run();
    live.close();

    stageRestore(dataDir, { file: made.file, requestedAt: '2026-03-02T08:00:00.000Z', requestedBy: userId });
    const r = await prepareLocalDatabase({ dataDir, dbFile, now: () => new Date('2026-03-02T08:01:00Z') });
    expect(readPendingRestore(dataDir)).toBeNull();
    expect(r.restored?.kept).toMatch(/pre-restore/);
    const after = fingerprint(dbFile);
    for (const [table, value] of Object.entries(wanted)) {
      if (table !== 'audit_logs') expect(after[table], table).toEqual(value);
    }
    expect(after.audit_logs!.rows).toBe(wanted.audit_logs!.rows + 1);
    const audit = new SqliteDatabase(dbFile, { readonly: true })
      .prepare(`select userId, action, afterState from audit_logs order by id desc limit 1`)
      .get() as { userId: string; action: string; afterState: string };
    expect(audit.userId).toBe(userId);
    expect(audit.action).toBe('ops:restore');
    expect(JSON.parse(audit.afterState)).toMatchObject({ restoredFrom: made.name });
  });

  it('a restore that cannot be done (damaged backup) leaves the database and stops asking', async () => {
    const { dataDir, dbFile } = folder();
    copyFixture(template, dbFile);
    const before = fingerprint(dbFile);
    stageRestore(dataDir, { file: join(dataDir, 'gone.sqlite'), requestedAt: '', requestedBy: null });
    await expect(prepareLocalDatabase({ dataDir, dbFile })).rejects.toThrow(/does not exist/);
    expect(readPendingRestore(dataDir)).toBeNull();
    expect(fingerprint(dbFile)).toEqual(before);
  });

  it('takes one backup a day and keeps the newest N automatic ones', async () => {
    const { dataDir, dbFile } = folder();
    copyFixture(template, dbFile);
    const day = (d: number, h = 9): Date => new Date(Date.UTC(2026, 2, d, h));
    await prepareLocalDatabase({ dataDir, dbFile, now: () => day(1), keep: 3 });
    await prepareLocalDatabase({ dataDir, dbFile, now: () => day(1, 17), keep: 3 });
    expect(listBackups(backupsDirOf(dataDir))).toHaveLength(1);
    for (let d = 2; d <= 6; d++) {
      const r = await backupIfDue(dbFile, dataDir, day(d), { keep: 3 });
      expect(r.made).toMatch(/-daily\.sqlite$/);
      expect(await backupIfDue(dbFile, dataDir, day(d, 20), { keep: 3 })).toEqual({
        made: null,
        warning: null,
      });
    }
    expect(listBackups(backupsDirOf(dataDir)).map((b) => b.createdAt.slice(0, 10))).toEqual([
      '2026-03-06',
      '2026-03-05',
      '2026-03-04',
    ]);
  });
});
