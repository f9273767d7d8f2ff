import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { InjectedFault, type FaultPoint, type Faults } from '../../src/core/sync/faults.ts';
import { getCursor } from '../../src/core/sync/local-state.ts';
import { makeUser } from '../fixtures/builders.ts';
import { cacheRows, centralInScope, makeClient, makeWorld, outboxStatuses, type World } from './harness.ts';

// SYNC.md proofs 3 and 4: crashes injected at the engine's named points (faults), then a restart
// (the cache file closed and opened again) converges without loss or duplication.

/** Throws at the `nth` hit of `point`. */
function crashAt(point: FaultPoint, nth = 1): Faults {
  let n = 0;
  return {
    hit(p) {
      if (p === point && ++n === nth) throw new InjectedFault(p);
    },
  };
}

const count = async (w: World, table: 'sync_mutations' | 'audit_logs' | 'sync_changes' | 'users') =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(w.central.kysely))
      .rows[0]!.n,
  );

describe('crashes during sync (MariaDB)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('3. crash after the MySQL commit, before the outbox ack: the re-push applies nothing twice', async () => {
    const c = await makeClient(world, world.cast.deptAdmin, { file: true });
    await c.must('students:update-academics', { id: world.cast.student.id, gpa: 6.5 });
    const created = await c.must('users:create', {
      email: 'new.student@test.smms',
      firstName: 'Ravi',
      lastName: 'Kumar',
      role: 'STUDENT',
      departmentId: world.cast.dept.id,
      student: { rollNumber: 'CRASH-1' },
      initialPassword: 'Mentee-Pass-2026',
    });
    await expect(c.sync({ faults: crashAt('push:after-central-commit', 2) })).rejects.toBeInstanceOf(
      InjectedFault,
    );
    // Central has both; the laptop marked only the first.
    expect(await outboxStatuses(c)).toEqual(['APPLIED', 'PENDING']);
    const before = {
      mutations: await count(world, 'sync_mutations'),
      audit: await count(world, 'audit_logs'),
      changes: await count(world, 'sync_changes'),
      users: await count(world, 'users'),
    };

    await c.restart();
    const r = await c.sync();
    expect(r).toMatchObject({ pushed: 1, applied: 1, duplicates: 1, rejected: 0 });
    expect({
      mutations: await count(world, 'sync_mutations'),
      audit: await count(world, 'audit_logs'),
      changes: await count(world, 'sync_changes'),
      users: await count(world, 'users'),
    }).toEqual(before);
    expect(await outboxStatuses(c)).toEqual(['APPLIED', 'APPLIED']);
    const central = await world.central.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'new.student@test.smms')
      .execute();
    expect(central).toEqual([{ id: created.user.id }]);
    expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
  });

  it('an entry central recorded while its push mark stayed below it is still applied only once', async () => {
    // A new batch proves itself new by the push mark alone (push-records.ts claimPushMark); the
    // sync_mutations key is the backstop when the mark says otherwise than the records.
    const c = await makeClient(world, world.cast.deptAdmin, { file: true });
    await c.must('users:update', { id: world.cast.student.id, bio: 'recorded, mark rolled back' });
    await expect(c.sync({ faults: crashAt('push:after-central-commit') })).rejects.toBeInstanceOf(
      InjectedFault,
    );
    expect(await outboxStatuses(c)).toEqual(['PENDING']);
    await sql`update sync_clients set lastPushSeq = 0 where clientId = ${c.local.clientId}`.execute(
      world.central.kysely,
    );
    const before = {
      mutations: await count(world, 'sync_mutations'),
      audit: await count(world, 'audit_logs'),
    };

    await c.restart();
    expect(await c.sync()).toMatchObject({ pushed: 1, applied: 1, duplicates: 1, rejected: 0 });
    expect({
      mutations: await count(world, 'sync_mutations'),
      audit: await count(world, 'audit_logs'),
    }).toEqual(before);
    expect(await outboxStatuses(c)).toEqual(['APPLIED']);
  });

  describe('4. crash mid-pull: the restart converges, no row lost or duplicated', () => {
    const points: [FaultPoint, number][] = [
      ['pull:after-central-read', 2],
      ['pull:before-local-commit', 2],
      ['pull:after-local-commit', 1],
      ['snapshot:after-page', 2],
    ];
    it.each(points)('crash at %s (hit %i)', async (point, nth) => {
      const students = [];
      for (let i = 0; i < 25; i++) {
        students.push(await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id }));
      }
      const snapshotCase = point.startsWith('snapshot');
      const c = await makeClient(world, world.cast.deptAdmin, { file: true, firstSync: !snapshotCase });
      const cursorBefore = await getCursor(c.db.kysely);
      await sql`update student_profiles set gpa = 9.5, updatedAt = '2026-02-02 10:00:00.000'`.execute(
        world.central.kysely,
      );
      await sql`delete from user_profiles where userId = ${students[3]!.id}`.execute(world.central.kysely);

      await expect(c.sync({ batchSize: 10, faults: crashAt(point, nth) })).rejects.toBeInstanceOf(
        InjectedFault,
      );
      const cursorAfterCrash = await getCursor(c.db.kysely);
      if (snapshotCase) expect(cursorAfterCrash).toBeNull();
      else if (point === 'pull:after-local-commit') expect(cursorAfterCrash).toBeGreaterThan(cursorBefore!);
      else expect(cursorAfterCrash).toBeGreaterThanOrEqual(cursorBefore!);

      await c.restart();
      await c.sync({ batchSize: 10 });
      expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
      const cached = await c.db.kysely.selectFrom('student_profiles').select('gpa').execute();
      expect(cached.length).toBe(26);
      expect(cached.every((r) => r.gpa === 9.5)).toBe(true);
      expect(await outboxStatuses(c)).toEqual([]);
    });
  });
});
