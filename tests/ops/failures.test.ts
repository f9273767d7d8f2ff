import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Migration, MigrationProvider } from 'kysely';
import { sql } from 'kysely';
import type * as WorkerThreads from 'node:worker_threads';
import { MIGRATIONS } from '../../migrations/index.ts';
import { backupsDirOf, createBackup, listBackups } from '../../src/core/ops/backup-store.ts';
import { OpsError } from '../../src/core/ops/ops-errors.ts';
import { restoreDatabase } from '../../src/core/ops/restore.ts';
import { prepareLocalDatabase, type StartupProgress } from '../../src/core/ops/startup.ts';
import { copyFixture, fingerprint, makeDemoFile, tempDir } from './support/files.ts';
import { inNamespace, namespacesAvailable, NODE, READ_ONLY_MOUNT, TINY_TMPFS } from './support/namespace.ts';

// Each way a start can go wrong gives a message that says what happened and what to do, and loses
// nothing: a damaged file, a full disk, a read-only data folder, a schema step that throws halfway,
// a database from a newer app.

// The backup runs on a worker thread (backup-worker.mjs), out of reach of a spy: a full disk is
// injected at that boundary, as the worker's own report of SQLITE_FULL.
const fault = vi.hoisted(() => ({ backup: null as null | { code: string; message: string } }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class MaybeFaultyWorker extends real.Worker {
    constructor(file: string | URL, options?: WorkerThreads.WorkerOptions) {
      const injected = fault.backup && String(file).includes('backup-worker') ? fault.backup : null;
      super(injected ? 'void 0' : file, injected ? { eval: true } : options);
      if (injected) setImmediate(() => this.emit('message', { type: 'error', ...injected }));
    }
  }
  return { ...real, Worker: MaybeFaultyWorker, default: { ...real, Worker: MaybeFaultyWorker } };
});

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

async function rejection(p: Promise<unknown>): Promise<OpsError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OpsError);
  return err as OpsError;
}

const tmp = tempDir('failures');
const template = join(tmp.dir, 'template.sqlite');
let n = 0;

/** A data folder holding a copy of the demo database and one daily backup of it. */
async function dataFolder(withBackup = true): Promise<{ dataDir: string; dbFile: string }> {
  const dataDir = join(tmp.dir, `data-${n++}`);
  mkdirSync(dataDir);
  const dbFile = copyFixture(template, join(dataDir, 'smms.sqlite'));
  if (withBackup)
    await createBackup(dbFile, backupsDirOf(dataDir), 'daily', new Date(Date.now() - 3_600_000));
  return { dataDir, dbFile };
}

beforeAll(() => makeDemoFile(template));
afterAll(() => tmp.remove());
afterEach(() => vi.restoreAllMocks());

describe('a damaged database file', () => {
  it('is refused with the way back, and neither changed nor deleted', async () => {
    const { dataDir, dbFile } = await dataFolder();
    const garbage = Buffer.alloc(64 * 1024, 0x5a);
    const fd = readFileSync(dbFile);
    garbage.copy(fd, 1024 * 1024);
    writeFileSync(dbFile, fd);
    const damaged = sha(dbFile);
    const backupsBefore = readdirSync(backupsDirOf(dataDir));

    const err = await rejection(prepareLocalDatabase({ dataDir, dbFile }));
    expect(err.problem).toBe('CORRUPT');
    expect(err.message).toMatch(/is damaged/);
    expect(err.message).toMatch(/has not changed or deleted it/);
    expect(err.message).toContain(backupsBefore[0]);
    expect(sha(dbFile)).toBe(damaged);
    expect(readdirSync(backupsDirOf(dataDir))).toEqual(backupsBefore);

    // The recovery the message offers: the damaged file is kept, the backup comes back, the app opens.
    const latest = err.details.latestBackup as string;
    const r = await restoreDatabase({
      dbFile,
      from: latest,
      backupsDir: backupsDirOf(dataDir),
      at: new Date(),
    });
    expect(r.kept).toMatch(/-corrupt\.sqlite$/);
    expect(sha(join(backupsDirOf(dataDir), r.kept!))).toBe(damaged);
    expect(fingerprint(dbFile)).toEqual(fingerprint(latest));
    await expect(prepareLocalDatabase({ dataDir, dbFile })).resolves.toMatchObject({ applied: [] });
  });

  it('with a garbage header and no backup: says so, and to keep the folder', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const bytes = readFileSync(dbFile);
    Buffer.from('this is not a database at all, it is garbage!!!!!!').copy(bytes, 0);
    writeFileSync(dbFile, bytes);
    const damaged = sha(dbFile);
    const err = await rejection(prepareLocalDatabase({ dataDir, dbFile }));
    expect(err.problem).toBe('CORRUPT');
    expect(err.message).toMatch(/no backup to restore\. Do not delete anything/);
    expect(sha(dbFile)).toBe(damaged);
  });
});

describe('a full disk', () => {
  it('a failed pre-update backup stops the update; the database stays as it was (injected SQLITE_FULL)', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const before = fingerprint(dbFile);
    fault.backup = { code: 'SQLITE_FULL', message: 'database or disk is full' };
    const err = await rejection(
      prepareLocalDatabase({ dataDir, dbFile, migrations: withExtraSteps(okStep) }).finally(() => {
        fault.backup = null;
      }),
    );
    expect(err.problem).toBe('DISK_FULL');
    expect(err.message).toMatch(/did not update the database because it could not back it up first/);
    expect(err.message).toMatch(/disk .* is full/);
    expect(fingerprint(dbFile)).toEqual(before);
    expect(readdirSync(backupsDirOf(dataDir))).toEqual([]);
  });

  it('a daily backup onto a really full disk (tiny tmpfs) warns; the app still opens', async () => {
    expectNamespaces();
    const dir = join(tmp.dir, `tiny-${n++}`);
    mkdirSync(dir);
    const kib = Math.ceil(statSync(template).size / 1024) + 512;
    const r = await inNamespace(
      `${TINY_TMPFS} && cp "$3" "$1/smms.sqlite" && "$4" --import tsx tests/ops/support/prepare-child.ts "$1"; echo; ls -A "$1/backups"`,
      [dir, String(kib), template, NODE],
    );
    const [json, ...left] = r.stdout.split('\n');
    const out = JSON.parse(json!) as { ok: boolean; warnings: string[] };
    expect(out.ok, r.stderr).toBe(true);
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(
      /automatic backup failed: Could not create the backup: the disk .* is full/,
    );
    expect(left.filter(Boolean)).toEqual([]);
  });

  it('smms backup onto a full disk exits 1 with a clear message and leaves no partial file', async () => {
    expectNamespaces();
    const dir = join(tmp.dir, `tiny-${n++}`);
    mkdirSync(dir);
    const r = await inNamespace(
      `${TINY_TMPFS} && "$4" bin/smms.mjs backup --db "$3" --out "$1/b.sqlite"; echo "exit=$?"; ls -A "$1"`,
      [dir, '256', template, NODE],
    );
    expect(r.stdout.trim()).toBe('exit=1');
    expect(r.stderr).toMatch(/smms backup: Could not create the backup: the disk holding .* is full/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('a read-only data folder', () => {
  it('start-up says the folder is read-only and changes nothing', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const before = sha(dbFile);
    const out = await prepareReadOnly(dataDir);
    expect(out).toMatchObject({ ok: false, problem: 'READ_ONLY' });
    expect(out.message).toMatch(/data folder .* is read-only .* No data was changed/);
    expect(sha(dbFile)).toBe(before);
  });
});

describe('schema upgrades', () => {
  it('a step that throws halfway: the pre-update backup is put back and the message says so', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const before = fingerprint(dbFile);
    const seen: StartupProgress[] = [];
    const err = await rejection(
      prepareLocalDatabase({
        dataDir,
        dbFile,
        migrations: withExtraSteps(okStep, boomStep),
        onProgress: (p) => void seen.push(p),
      }),
    );
    expect(err.problem).toBe('MIGRATION_ROLLED_BACK');
    expect(err.message).toMatch(/Updating the database to this version of SMMS failed \(.*boom.*\)/);
    expect(err.message).toMatch(
      /restored from the backup taken just before the update \(smms-.*-pre-migration\.sqlite\)/,
    );
    expect(err.message).toMatch(/nothing was lost/);
    // Step 9001 had committed before 9002 failed; the restore undid it too.
    expect(fingerprint(dbFile)).toEqual(before);
    const kept = listBackups(backupsDirOf(dataDir));
    expect(kept.map((b) => b.reason).sort()).toEqual(['failed-upgrade', 'pre-migration']);
    const failed = new SqliteDatabase(kept.find((b) => b.reason === 'failed-upgrade')!.file, {
      readonly: true,
    });
    expect(failed.prepare(`select name from smms_migrations where name like '9%'`).all()).toEqual([
      { name: '9001_add_nickname' },
    ]);
    failed.close();
    expect(seen.map((p) => p.label)).toEqual(
      expect.arrayContaining(['Backing up before the update…', 'Updating the database (step 1 of 2)…']),
    );
    // This build (without the broken steps) opens the restored database as before.
    await expect(prepareLocalDatabase({ dataDir, dbFile })).resolves.toMatchObject({ applied: [] });
  });

  it('a successful update keeps the pre-update backup and applies every step', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const r = await prepareLocalDatabase({ dataDir, dbFile, migrations: withExtraSteps(okStep) });
    expect(r.applied).toEqual(['9001_add_nickname']);
    expect(r.backupsMade[0]).toMatch(/-pre-migration\.sqlite$/);
  });

  it('a database from a newer app is refused and left untouched', async () => {
    const { dataDir, dbFile } = await dataFolder(false);
    const raw = new SqliteDatabase(dbFile);
    raw.prepare(`insert into smms_migrations (name, timestamp) values ('9999_from_the_future', 'x')`).run();
    raw.close();
    const before = sha(dbFile);
    const err = await rejection(prepareLocalDatabase({ dataDir, dbFile }));
    expect(err.problem).toBe('TOO_NEW');
    expect(err.message).toMatch(
      /upgraded by a newer version of SMMS .*9999_from_the_future.*no data is at risk/,
    );
    expect(sha(dbFile)).toBe(before);
  });
});

const okStep: [string, Migration] = [
  '9001_add_nickname',
  {
    up: async (db) => {
      await sql`alter table users add column nickname text`.execute(db);
      await sql`update users set nickname = 'x'`.execute(db);
    },
  },
];
const boomStep: [string, Migration] = [
  '9002_broken',
  {
    up: async (db) => {
      await sql`create table ops_half (x integer)`.execute(db);
      await sql`insert into ops_half values (1)`.execute(db);
      throw new Error('boom: step failed halfway');
    },
  },
];

function withExtraSteps(...steps: [string, Migration][]): MigrationProvider {
  return { getMigrations: async () => ({ ...MIGRATIONS, ...Object.fromEntries(steps) }) };
}

function expectNamespaces(): void {
  if (!namespacesAvailable()) {
    throw new Error('This test needs `unshare -r -m` (util-linux, user namespaces) to mount a tiny disk.');
  }
}

/** Runs start-up on a read-only view of the folder (namespace), or a chmod-ed one for non-root. */
async function prepareReadOnly(
  dataDir: string,
): Promise<{ ok: boolean; problem?: string; message?: string }> {
  if (namespacesAvailable()) {
    const r = await inNamespace(
      `${READ_ONLY_MOUNT} && "$2" --import tsx tests/ops/support/prepare-child.ts "$1"`,
      [dataDir, NODE],
    );
    return JSON.parse(r.stdout) as { ok: boolean };
  }
  if (process.getuid?.() === 0)
    throw new Error('Needs `unshare -r -m` or a non-root user to make a folder read-only.');
  chmodSync(dataDir, 0o555);
  try {
    await prepareLocalDatabase({ dataDir, dbFile: join(dataDir, 'smms.sqlite') });
    return { ok: true };
  } catch (err) {
    return { ok: false, problem: (err as OpsError).problem, message: (err as Error).message };
  } finally {
    chmodSync(dataDir, 0o755);
  }
}
