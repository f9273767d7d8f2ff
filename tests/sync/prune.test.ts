import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ManualClock } from '../../src/core/clock.ts';
import { pruneChanges } from '../../src/core/sync/prune.ts';
import { makeUser } from '../fixtures/builders.ts';
import { cacheIds, cacheRows, centralInScope, makeClient, makeWorld, type World } from './harness.ts';

// The change log is pruned after N days; a laptop whose cursor is older than what is left resyncs
// from a snapshot instead of silently missing the pruned changes.

describe('pruned change log (MariaDB)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('prunes old changes only, and a laptop behind the pruned log resyncs and converges', async () => {
    const behind = await makeClient(world, world.cast.deptAdmin);
    const current = await makeClient(world, world.cast.instAdmin);
    const leaving = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    await current.sync();
    await behind.sync();
    expect((await cacheIds(behind.db)).users).toContain(leaving.id);
    // While `behind` is away: a change, a delete (cascades to the profile), then the log is pruned.
    await sql`update student_profiles set gpa = 4 where userId = ${world.cast.student.id}`.execute(
      world.central.kysely,
    );
    await sql`delete from users where id = ${leaving.id}`.execute(world.central.kysely);
    await sql`update sync_changes set changedAt = '2026-01-01 00:00:00.000'`.execute(world.central.kysely);
    const fresh = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    const kept = await sql<{
      n: number;
    }>`select count(*) as n from sync_changes where changedAt > '2026-01-02'`.execute(world.central.kysely);
    const removed = await pruneChanges(world.central, 30, new ManualClock('2026-02-15T00:00:00.000Z'));
    expect(removed).toBeGreaterThan(0);
    const left = await sql<{ n: number }>`select count(*) as n from sync_changes`.execute(
      world.central.kysely,
    );
    expect(Number(left.rows[0]!.n)).toBe(Number(kept.rows[0]!.n));

    const r = await behind.sync();
    expect(r.snapshot).toBe(true);
    expect(await cacheRows(behind.db)).toEqual(await centralInScope(world.central, behind.user.id));
    const ids = await cacheIds(behind.db);
    expect(ids.users).not.toContain(leaving.id);
    expect(ids.user_profiles).not.toContain(leaving.id);
    expect(ids.users).toContain(fresh.id);
  });

  it('refuses to prune on the laptop or to keep less than a day', async () => {
    const c = await makeClient(world, world.cast.superAdmin);
    await expect(pruneChanges(c.db, 30)).rejects.toThrow(/central/);
    await expect(pruneChanges(world.central, 0)).rejects.toThrow(/at least one day/);
  });
});
