import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { MIGRATION_TABLE } from '../../src/core/db/migrate.ts';
import { syncOnce } from '../../src/core/sync/engine.ts';
import { SyncLoop, type SyncStatusEvent } from '../../src/core/sync/loop.ts';
import { attachSyncLoop } from '../../src/core/sync/runner.ts';
import { makeClient, makeWorld, type World } from './harness.ts';

// The sync loop: offline is a normal state with back-off, local writes trigger a debounced round,
// status goes out through the core's events (the shell forwards them to the badge).

const until = async (what: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('sync loop (MariaDB)', () => {
  let world: World;
  let unreachable: Db;
  beforeAll(async () => {
    world = await makeWorld();
    unreachable = connect('mysql://root@127.0.0.1:1/nowhere', { poolSize: 1 });
  });
  afterAll(async () => {
    await unreachable.close().catch(() => undefined);
    await world.close();
  });

  it('backs off while central is unreachable (offline, not an error), then catches up when it returns', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:update', { id: world.cast.student.id, bio: 'written offline' });
    let central = unreachable;
    const events: (SyncStatusEvent & { at: number })[] = [];
    const loop = new SyncLoop({
      local: c.db,
      userId: c.user.id,
      run: (onProgress) =>
        syncOnce({ local: c.db, central, userId: c.user.id, appVersion: 'test', onProgress }),
      onStatus: (s) => events.push({ ...s, at: Date.now() }),
      minBackoffMs: 40,
      maxBackoffMs: 320,
      intervalMs: 3_600_000,
    });
    await loop.start();
    await until(() => events.filter((e) => e.state === 'offline').length >= 4);
    const offline = events.filter((e) => e.state === 'offline');
    expect(offline[0]).toMatchObject({ pending: 1, lastSuccessAt: null });
    expect(offline[0]!.lastError).toMatch(/cannot be reached/);
    const gaps = offline.slice(1).map((e, i) => e.at - offline[i]!.at);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    expect(events.some((e) => e.state === 'error')).toBe(false);
    expect((await c.must('sync:status', {})).state).toBe('offline');

    central = world.central;
    const report = await loop.syncNow();
    expect(report).toMatchObject({ applied: 1 });
    expect(loop.status).toMatchObject({ state: 'idle', pending: 0, lastError: undefined });
    expect(loop.status.lastSuccessAt).not.toBeNull();
    expect(await c.must('sync:status', {})).toMatchObject({
      mode: 'synced',
      state: 'idle',
      pending: 0,
      lastError: null,
    });
    await loop.stop();
  });

  it('a central database behind or ahead of this build stops the round with words IT can act on; work stays queued', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:update', { id: world.cast.student.id, bio: 'kept until central is migrated' });
    // A pool of its own: the client's first sync already checked world.central's once.
    const central = connect(world.central.urlText, { poolSize: 2 });
    const migrations = sql.table(MIGRATION_TABLE);
    const step = '0017_session_change_parent';
    const loop = new SyncLoop({
      local: c.db,
      userId: c.user.id,
      run: (onProgress) =>
        syncOnce({ local: c.db, central, userId: c.user.id, appVersion: 'test', onProgress }),
      onStatus: () => undefined,
      intervalMs: 3_600_000,
    });
    try {
      await sql`delete from ${migrations} where name = ${step}`.execute(world.central.kysely);
      expect(await loop.syncNow()).toBeNull();
      expect(loop.status).toMatchObject({
        state: 'error',
        pending: 1,
        lastError: expect.stringMatching(
          /^The central database is behind this version of SMMS\. Ask IT to run "smms migrate"/,
        ),
      });
      await sql`insert into ${migrations} (name, timestamp) values (${step}, now()), ('9999_from_a_newer_smms', now())`.execute(
        world.central.kysely,
      );
      expect(await loop.syncNow()).toBeNull();
      expect(loop.status.lastError).toMatch(
        /^The central database was upgraded by a newer SMMS\. Update this app/,
      );
      await sql`delete from ${migrations} where name = '9999_from_a_newer_smms'`.execute(
        world.central.kysely,
      );
      expect(await loop.syncNow()).toMatchObject({ applied: 1 });
      expect(loop.status).toMatchObject({ state: 'idle', pending: 0, lastError: undefined });
    } finally {
      await loop.stop();
      await central.close();
      // The world is shared with the next tests: leave central's schema record as it was.
      await sql`insert ignore into ${migrations} (name, timestamp) values (${step}, now())`.execute(
        world.central.kysely,
      );
      await sql`delete from ${migrations} where name = '9999_from_a_newer_smms'`.execute(
        world.central.kysely,
      );
    }
  });

  it('a local write starts a debounced round; status events reach the core’s listeners', async () => {
    const c = await makeClient(world, world.cast.instAdmin);
    const seen: SyncStatusEvent[] = [];
    c.local.core.onEvent((e) => {
      if (e.type === 'sync:status') seen.push(e.status as SyncStatusEvent);
    });
    const attached = await attachSyncLoop({
      synced: c.local,
      db: c.db,
      centralUrl: world.central.urlText,
      userId: c.user.id,
      appVersion: 'test',
      debounceMs: 80,
      intervalMs: 3_600_000,
    });
    try {
      await until(() => seen.some((s) => s.state === 'idle'));
      const rounds = () => seen.filter((s) => s.state === 'syncing' && !s.progress).length;
      const before = rounds();
      for (const bio of ['one', 'two', 'three'])
        await c.must('users:update', { id: world.cast.student.id, bio });
      await until(
        async () => (await c.must('sync:status', {})).pending === 0 && attached.loop.status.state === 'idle',
      );
      expect(rounds() - before).toBe(1);
      const bio = await world.central.kysely
        .selectFrom('user_profiles')
        .select('bio')
        .where('userId', '=', world.cast.student.id)
        .executeTakeFirstOrThrow();
      expect(bio.bio).toBe('three');
    } finally {
      await attached.close();
    }
  });
});
