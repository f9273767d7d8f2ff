import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/core/ops/backup.ts';
import { createBackup, listBackups, pruneBackups } from '../../src/core/ops/backup-store.ts';
import { OpsError } from '../../src/core/ops/ops-errors.ts';
import { restoreDatabase, verifyBackupFile } from '../../src/core/ops/restore.ts';
import { copyFixture, fingerprint, makeDemoFile, tempDir } from './support/files.ts';

// Backup → restore gives back exactly the data that was backed up, table by table (row counts and
// a SHA-256 over every row), and a restore always keeps the state it replaces.

describe('backup and restore round trip', () => {
  const tmp = tempDir('roundtrip');
  const template = join(tmp.dir, 'template.sqlite');
  beforeAll(() => makeDemoFile(template));
  afterAll(() => tmp.remove());

  it('a backup holds every table exactly as the original', async () => {
    const src = copyFixture(template, join(tmp.dir, 'a.sqlite'));
    const before = fingerprint(src);
    expect(before.users!.rows).toBeGreaterThan(100);
    expect(before.session_records!.rows).toBeGreaterThan(1000);

    const out = join(tmp.dir, 'a-backup.sqlite');
    const r = await backupDatabase(src, out);
    expect(r.bytes).toBeGreaterThan(0);
    expect(fingerprint(out)).toEqual(before);
    expect(fingerprint(src)).toEqual(before);
    // Self-contained: a single file in rollback-journal mode, no partial file left behind.
    expect(readdirSync(tmp.dir).filter((f) => f.includes('partial'))).toEqual([]);
    const raw = new SqliteDatabase(out, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('delete');
    raw.close();
  });

  it('negative control: a plain file copy of a live database misses committed rows; db.backup does not', async () => {
    const src = copyFixture(template, join(tmp.dir, 'live.sqlite'));
    const live = new SqliteDatabase(src);
    live.pragma('journal_mode = WAL');
    live.pragma('wal_autocheckpoint = 0');
    live.prepare(`delete from goal_updates`).run();
    const committed = fingerprint(src);
    copyFileSync(src, join(tmp.dir, 'plain-copy.sqlite'));
    await backupDatabase(src, join(tmp.dir, 'live-backup.sqlite'));
    live.close();
    expect(committed.goal_updates!.rows).toBe(0);
    expect(fingerprint(join(tmp.dir, 'plain-copy.sqlite')).goal_updates!.rows).toBeGreaterThan(0);
    expect(fingerprint(join(tmp.dir, 'live-backup.sqlite'))).toEqual(committed);
  });

  it('restore puts the backed-up data back and keeps the replaced state as a backup', async () => {
    const db = copyFixture(template, join(tmp.dir, 'b.sqlite'));
    const backupsDir = join(tmp.dir, 'b-backups');
    const original = fingerprint(db);
    const made = await createBackup(db, backupsDir, 'manual', new Date('2026-03-01T10:00:00Z'));

    const live = new SqliteDatabase(db);
    live.prepare(`delete from goal_updates`).run();
    live.prepare(`update users set "lastLoginAt" = '2026-03-01T09:00:00.000Z'`).run();
    live.close();
    const changed = fingerprint(db);
    expect(changed.goal_updates!.rows).toBe(0);

    const r = await restoreDatabase({
      dbFile: db,
      from: made.file,
      backupsDir,
      at: new Date('2026-03-02T10:00:00Z'),
    });
    expect(fingerprint(db)).toEqual(original);
    expect(r.kept).toMatch(/pre-restore\.sqlite$/);
    expect(fingerprint(join(backupsDir, r.kept!))).toEqual(changed);
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('refuses to restore while the database is open elsewhere, and changes nothing', async () => {
    const db = copyFixture(template, join(tmp.dir, 'c.sqlite'));
    const backupsDir = join(tmp.dir, 'c-backups');
    const made = await createBackup(db, backupsDir, 'manual', new Date('2026-03-01T10:00:00Z'));
    const holder = new SqliteDatabase(db);
    holder.pragma('journal_mode = WAL');
    holder.prepare(`update users set "lastLoginAt" = '2026-03-01T09:30:00.000Z'`).run();
    const held = fingerprint(db);
    const err = await restoreDatabase({ dbFile: db, from: made.file, backupsDir, at: new Date() }).catch(
      (e: unknown) => e,
    );
    holder.close();
    expect(err).toBeInstanceOf(OpsError);
    expect((err as OpsError).problem).toBe('IN_USE');
    expect((err as Error).message).toMatch(/open in SMMS Desktop.*nothing was changed/);
    expect(fingerprint(db)).toEqual(held);
    expect(listBackups(backupsDir).map((b) => b.reason)).toEqual(['manual']);
  });

  it('refuses a backup from a newer app, a damaged one and a non-SMMS file', async () => {
    const newer = copyFixture(template, join(tmp.dir, 'newer.sqlite'));
    const raw = new SqliteDatabase(newer);
    raw
      .prepare(`insert into smms_migrations (name, timestamp) values ('9999_from_the_future', '2030-01-01')`)
      .run();
    raw.close();
    expect(() => verifyBackupFile(newer)).toThrow(/newer version of SMMS.*Nothing was changed/);

    const other = join(tmp.dir, 'other.sqlite');
    const o = new SqliteDatabase(other);
    o.exec('create table t (x)');
    o.close();
    expect(() => verifyBackupFile(other)).toThrow(/not an SMMS database backup/);
    expect(() => verifyBackupFile(join(tmp.dir, 'missing.sqlite'))).toThrow(/does not exist/);
  });

  it('keeps the newest automatic backups and never prunes manual ones', async () => {
    const db = copyFixture(template, join(tmp.dir, 'd.sqlite'));
    const dir = join(tmp.dir, 'd-backups');
    const day = (n: number): Date => new Date(Date.UTC(2026, 0, 1 + n, 2));
    for (let n = 0; n < 5; n++) await createBackup(db, dir, 'daily', day(n));
    await createBackup(db, dir, 'manual', day(1));
    const removed = pruneBackups(dir, 3);
    expect(removed).toHaveLength(2);
    const left = listBackups(dir);
    expect(left.map((b) => `${b.createdAt.slice(0, 10)} ${b.reason}`)).toEqual([
      '2026-01-05 daily',
      '2026-01-04 daily',
      '2026-01-03 daily',
      '2026-01-02 manual',
    ]);
  });
});
