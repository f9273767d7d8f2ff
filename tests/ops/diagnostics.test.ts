import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.ts';
import { createBackup } from '../../src/core/ops/backup-store.ts';
import { collectDiagnostics, formatDiagnostics } from '../../src/core/ops/diagnostics.ts';
import { createRedactingLogger } from '../../src/core/ops/log-sink.ts';
import { copyFixture, makeDemoFile, tempDir } from './support/files.ts';

// Help → Copy diagnostics: the facts support asks for, and the last problems, without secrets.

const tmp = tempDir('diagnostics');
const template = join(tmp.dir, 'template.sqlite');
beforeAll(() => makeDemoFile(template));
afterAll(() => tmp.remove());

describe('diagnostics', () => {
  it('lists versions, data folder, size, schema, sync state, backups and the last problems', async () => {
    const dbFile = copyFixture(template, join(tmp.dir, 'smms.sqlite'));
    await createBackup(dbFile, join(tmp.dir, 'backups'), 'daily', new Date('2026-03-01T02:00:00Z'));
    const log = createRedactingLogger(() => undefined, { now: () => new Date('2026-03-01T09:00:00Z') });
    log.info('started');
    log.error('call failed', {
      call: 'users:create',
      error: "Duplicate entry 'ravi@gce.edu' for key users_email_key",
    });
    log.warn('sync failed', {
      error: 'connect mysql://smms_app:Secret-77@db/smms refused',
      password: 'Secret-78',
    });
    const text = formatDiagnostics(
      collectDiagnostics({
        appVersion: '0.1.0',
        versions: { electron: '45.5.0', node: '22.20.0', chrome: undefined },
        platform: 'win32 10.0.19045 x64',
        dataDir: tmp.dir,
        dataDirSource: 'default',
        dbFile,
        logFile: join(tmp.dir, 'logs', 'main.log'),
        recentProblems: log.recentProblems(),
        now: new Date('2026-03-01T09:05:00Z'),
      }),
    );
    expect(text).toMatch(/SMMS Desktop: +0\.1\.0/);
    expect(text).toMatch(/Runtime: +electron 45\.5\.0, node 22\.20\.0\n/);
    expect(text).toContain(`Data folder:  ${tmp.dir} (default)`);
    expect(text).toMatch(/Database: .*smms\.sqlite, \d+\.\d MB/);
    const latest = Object.keys(MIGRATIONS).at(-1)!;
    expect(text).toContain(`Schema:       ${latest} (this version knows ${latest})`);
    expect(text).toMatch(/Sync: +standalone/);
    expect(text).toMatch(/Backups: +1; newest smms-20260301-020000000Z-daily\.sqlite/);
    expect(text).toMatch(
      /Last problems \(2\):\n {2}2026-03-01T09:00:00\.000Z error call failed .*users:create/,
    );
    for (const secret of ['Secret-77', 'Secret-78', 'ravi@gce.edu']) expect(text).not.toContain(secret);
  });
});
