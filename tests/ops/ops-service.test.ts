import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/app.ts';
import { connect } from '../../src/core/db/connect.ts';
import { prepareLocalDatabase } from '../../src/core/ops/startup.ts';
import { makeUser } from '../fixtures/builders.ts';
import { fingerprint, tempDir } from './support/files.ts';

// Settings → Backups through the same door as the app (dispatch): list, back up now, schedule a
// restore that the next start carries out. Roles: admins list and back up; only institution-level
// admins and above restore.

const tmp = tempDir('ops-service');
afterAll(() => tmp.remove());

async function openApp(dataDir: string): Promise<Core> {
  const r = await prepareLocalDatabase({ dataDir, dbFile: join(dataDir, 'smms.sqlite') });
  return createCore({ db: connect(r.dbUrl), appVersion: 'test', validateOutput: true });
}

describe('ops calls on a real data folder', () => {
  it('lists, backs up, schedules a restore; the next start restores it', async () => {
    const dataDir = join(tmp.dir, 'office');
    mkdirSync(dataDir);
    let core = await openApp(dataDir);
    const s = core.openSession({});
    const setup = await core.dispatch(
      'setup:initialize',
      {
        institution: { name: 'Govt. College of Engineering', code: 'GCE' },
        department: { name: 'Computer Science', code: 'CSE' },
        admin: { firstName: 'Asha', lastName: 'Menon', email: 'asha@gce.edu', password: 'Office-Key-2026!' },
      },
      s,
    );
    expect(setup.ok).toBe(true);
    const adminId = (setup as { data: { user: { id: string } } }).data.user.id;
    const list = await core.dispatch('ops:backups', {}, s);
    expect(list).toMatchObject({ ok: true, data: { dataDir, keep: 14, pendingRestore: null } });

    const made = (await core.dispatch('ops:backup-create', {}, s)) as {
      ok: true;
      data: { backup: { name: string; reason: string; bytes: number } };
    };
    expect(made.ok).toBe(true);
    expect(made.data.backup).toMatchObject({ reason: 'manual', bytes: expect.any(Number) });
    const dbFile = join(dataDir, 'smms.sqlite');
    const atBackup = fingerprint(join(dataDir, 'backups', made.data.backup.name));

    const dept = await core.db.kysely
      .selectFrom('departments')
      .select(['id', 'institutionId'])
      .executeTakeFirstOrThrow();
    const hod = await makeUser(core.db.kysely, 'DEPARTMENT_ADMIN', {
      departmentId: dept.id,
      institutionId: dept.institutionId,
    });
    const hodSession = core.openTrustedSession(hod.id);
    expect(await core.dispatch('ops:backups', {}, hodSession)).toMatchObject({ ok: true });
    expect(await core.dispatch('ops:restore', { name: made.data.backup.name }, hodSession)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await core.dispatch('ops:restore', { name: '../../etc/passwd' }, s)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await core.dispatch('ops:restore', { name: 'smms-20200101-000000000Z-daily.sqlite' }, s),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const scheduled = await core.dispatch('ops:restore', { name: made.data.backup.name }, s);
    expect(scheduled).toMatchObject({ ok: true, data: { scheduled: true, name: made.data.backup.name } });
    expect(await core.dispatch('ops:backups', {}, s)).toMatchObject({
      data: { pendingRestore: { name: made.data.backup.name } },
    });
    await core.close();

    // The desktop app restarts here; the next start restores before anything opens the file.
    core = await openApp(dataDir);
    const after = fingerprint(dbFile);
    for (const [table, value] of Object.entries(atBackup)) {
      if (table !== 'audit_logs') expect(after[table], table).toEqual(value);
    }
    const s2 = core.openSession({});
    const listed = (await core.dispatch('ops:backups', {}, core.openTrustedSession(adminId))) as {
      data: { backups: { reason: string }[]; pendingRestore: unknown };
    };
    expect(listed.data.pendingRestore).toBeNull();
    expect(listed.data.backups.map((b) => b.reason)).toContain('pre-restore');
    expect(await core.dispatch('ops:backups', {}, s2)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    await core.close();
  });
});
