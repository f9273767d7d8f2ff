import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/core/ops/backup.ts';
import { checkIntegrity } from '../../src/core/ops/integrity.ts';
import { restoreDatabase } from '../../src/core/ops/restore.ts';
import { copyFixture, fingerprint, makeDemoFile, tempDir } from './support/files.ts';

// The app writes while the daily backup runs. Another process commits pairs of audit rows in a tight
// loop; every backup taken meanwhile must be one consistent moment of the database: both rows of
// every pair or neither, pairs 1..K with no hole, every other table identical, and restoring it
// gives back exactly that moment.

const REPO = fileURLToPath(new URL('../../', import.meta.url));

function startWriter(file: string, stopFile: string): Promise<number> {
  const child = spawn(process.execPath, ['tests/ops/support/writer-child.mjs', file, stopFile], {
    cwd: REPO,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`writer: ${err}`)))),
  );
}

function probePairs(file: string): { complete: number[]; halves: string[] } {
  const db = new SqliteDatabase(file, { readonly: true });
  const ids = db
    .prepare(`select entityId from audit_logs where action = 'probe'`)
    .all()
    .map((r) => (r as { entityId: string }).entityId);
  db.close();
  const seen = new Map<number, number>();
  for (const id of ids) seen.set(Number(id.split('-')[0]), (seen.get(Number(id.split('-')[0])) ?? 0) + 1);
  const complete = [...seen].filter(([, n]) => n === 2).map(([k]) => k);
  const halves = [...seen].filter(([, n]) => n !== 2).map(([k]) => String(k));
  return { complete: complete.sort((a, b) => a - b), halves };
}

function auditHashUpTo(file: string, maxId: number): string {
  const db = new SqliteDatabase(file, { readonly: true });
  const hash = createHash('sha256');
  for (const row of db.prepare(`select * from audit_logs where id <= ? order by id`).iterate(maxId)) {
    hash.update(JSON.stringify(row));
  }
  db.close();
  return hash.digest('hex');
}

function maxAuditId(file: string): number {
  const db = new SqliteDatabase(file, { readonly: true });
  const { m } = db.prepare(`select max(id) as m from audit_logs`).get() as { m: number };
  db.close();
  return m;
}

async function waitForPairs(file: string, atLeast: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (probePairs(file).complete.length >= atLeast) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the writer never got going');
}

describe('backup while another connection is writing', () => {
  const tmp = tempDir('writing');
  const template = join(tmp.dir, 'template.sqlite');
  beforeAll(() => makeDemoFile(template));
  afterAll(() => tmp.remove());

  it('every backup is one consistent moment, and restoring it gives that moment back', async () => {
    const src = copyFixture(template, join(tmp.dir, 'live.sqlite'));
    const untouched = fingerprint(src);
    const stopFile = join(tmp.dir, 'stop');
    const writer = startWriter(src, stopFile);
    await waitForPairs(src, 200);

    const backups: string[] = [];
    for (let i = 0; i < 4; i++) {
      const out = join(tmp.dir, `during-${i}.sqlite`);
      await backupDatabase(src, out);
      backups.push(out);
      await new Promise((r) => setTimeout(r, 100));
    }
    writeFileSync(stopFile, '');
    const committed = await writer;

    const counts: number[] = [];
    for (const file of backups) {
      expect(checkIntegrity(file)).toEqual({ ok: true, problems: [] });
      const { complete, halves } = probePairs(file);
      expect(halves).toEqual([]);
      expect(complete).toEqual(Array.from({ length: complete.length }, (_, i) => i + 1));
      counts.push(complete.length);
      const fp = fingerprint(file);
      for (const [table, value] of Object.entries(untouched)) {
        if (table !== 'audit_logs') expect(fp[table], table).toEqual(value);
      }
      expect(auditHashUpTo(file, maxAuditId(file))).toBe(auditHashUpTo(src, maxAuditId(file)));
    }
    // The writer really ran through the backups: each one caught a later moment.
    expect(counts[0]).toBeGreaterThanOrEqual(200);
    expect(counts.at(-1)!).toBeGreaterThan(counts[0]!);
    expect(committed).toBeGreaterThan(counts.at(-1)!);

    const restoredInto = copyFixture(template, join(tmp.dir, 'restored.sqlite'));
    await restoreDatabase({
      dbFile: restoredInto,
      from: backups[1]!,
      backupsDir: join(tmp.dir, 'restored-backups'),
      at: new Date(),
    });
    expect(fingerprint(restoredInto)).toEqual(fingerprint(backups[1]!));
    console.log(`writer committed ${committed} pairs; backups caught ${counts.join(', ')}`);
  });
});
