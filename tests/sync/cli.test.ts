import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OfflineError, SyncAuthError } from '../../src/core/sync/central.ts';
import { openSyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { runSyncOnce, syncStatus } from '../../src/core/sync/runner.ts';
import { runCli } from '../cli/run-cli.ts';
import { makeWorld, type World } from './harness.ts';

// What `smms sync` runs: one push + pull as a user proven by email and password against central.

const dir = mkdtempSync(join(tmpdir(), 'smms-sync-cli-'));

describe('CLI sync (MariaDB)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('runSyncOnce snapshots, then pushes what the app queued; syncStatus reads the laptop only', async () => {
    const localUrl = `sqlite:${join(dir, 'mentor.sqlite')}`;
    const { mentor } = world.cast;
    const args = {
      localUrl,
      centralUrl: world.central.urlText,
      email: mentor.email,
      password: mentor.password,
    };
    const first = await runSyncOnce(args);
    expect(first).toMatchObject({ pushed: 0, applied: 0, rejected: 0, conflicts: 0 });
    expect(first.pulled).toBeGreaterThan(0);
    expect(Object.keys(first).sort()).toEqual(
      ['applied', 'conflicts', 'cursor', 'durationMs', 'evicted', 'pulled', 'pushed', 'rejected'].sort(),
    );

    const app = await openSyncedLocalCore({ dbUrl: localUrl, appVersion: 'test' });
    const s = app.core.openTrustedSession(mentor.id);
    expect((await app.core.dispatch('users:update-own-profile', { bio: 'from the app' }, s)).ok).toBe(true);
    await app.core.close();
    expect(await syncStatus(localUrl)).toMatchObject({
      mode: 'synced',
      userId: mentor.id,
      pending: 1,
      applied: 0,
    });

    expect(await runSyncOnce(args)).toMatchObject({ pushed: 1, applied: 1 });
    const status = await syncStatus(localUrl);
    expect(status).toMatchObject({ mode: 'synced', pending: 0, applied: 1, cursor: expect.any(Number) });
    expect(status.lastSuccessAt).not.toBeNull();
  });

  it('a wrong password or an unreachable central fails clearly, nothing changed', async () => {
    const localUrl = `sqlite:${join(dir, 'refused.sqlite')}`;
    const { deptAdmin } = world.cast;
    await expect(
      runSyncOnce({
        localUrl,
        centralUrl: world.central.urlText,
        email: deptAdmin.email,
        password: 'wrong-password',
      }),
    ).rejects.toBeInstanceOf(SyncAuthError);
    await expect(
      runSyncOnce({
        localUrl,
        centralUrl: 'mysql://root@127.0.0.1:1/nowhere',
        email: deptAdmin.email,
        password: 'x',
      }),
    ).rejects.toBeInstanceOf(OfflineError);
    expect(await syncStatus(localUrl)).toMatchObject({ mode: 'standalone', cursor: null, pending: 0 });
  });

  it('smms sync prints the JSON summary; smms sync --status the local state', async () => {
    const localUrl = `sqlite:${join(dir, 'admin.sqlite')}`;
    const { deptAdmin } = world.cast;
    const run = await runCli(
      ['sync', '--local', localUrl, '--central', world.central.urlText, '--user', deptAdmin.email],
      {
        SMMS_PASSWORD: deptAdmin.password,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ pushed: 0, rejected: 0, cursor: expect.any(Number) });
    const status = await runCli(['sync', '--status', '--local', localUrl]);
    expect(JSON.parse(status.stdout)).toMatchObject({ mode: 'synced', userId: deptAdmin.id });
    const bad = await runCli(
      ['sync', '--local', localUrl, '--central', world.central.urlText, '--user', deptAdmin.email],
      {
        SMMS_PASSWORD: 'nope',
      },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email or password is not correct/);
  });
});
