import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheRows, centralInScope, makeClient, makeWorld, outboxStatuses, type World } from './harness.ts';

// SYNC.md proofs 1 and 2: two laptops edit the same row offline; central is MariaDB.

describe('field-level merge of offline edits (MariaDB)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  const profile = (w: World) =>
    w.central.kysely
      .selectFrom('student_profiles')
      .selectAll()
      .where('userId', '=', w.cast.student.id)
      .executeTakeFirstOrThrow();

  it('1. two clients edit different fields of one row offline: both edits survive', async () => {
    const a = await makeClient(world, world.cast.deptAdmin);
    const b = await makeClient(world, world.cast.instAdmin);
    const id = world.cast.student.id;
    await a.must('students:update-academics', { id, gpa: 8.25 });
    await a.must('users:update', { id, firstName: 'Asha' });
    world.clock.advance(60_000);
    await b.must('students:update-academics', { id, attendancePct: 91.5 });
    await b.must('users:update', { id, phone: '+91 98450 12345' });

    expect((await a.sync()).applied).toBe(2);
    expect(await b.sync()).toMatchObject({ applied: 2, conflicts: 0, rejected: 0 });
    await a.sync();

    expect(await profile(world)).toMatchObject({ gpa: 8.25, attendancePct: 91.5 });
    const p = await world.central.kysely
      .selectFrom('user_profiles')
      .selectAll()
      .where('userId', '=', id)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ firstName: 'Asha', phone: '+91 98450 12345' });
    for (const c of [a, b]) {
      expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
      expect(await outboxStatuses(c)).toEqual(['APPLIED', 'APPLIED']);
    }
  });

  it('2. same field: central value kept, conflict recorded and visible, the other value not lost', async () => {
    const a = await makeClient(world, world.cast.deptAdmin);
    const b = await makeClient(world, world.cast.instAdmin);
    const id = world.cast.student.id;
    await a.must('students:update-academics', { id, gpa: 8, attendancePct: 70 });
    world.clock.advance(60_000);
    await b.must('students:update-academics', { id, gpa: 9, attendancePct: 70 });

    await a.sync();
    expect(await b.sync()).toMatchObject({ applied: 0, conflicts: 1 });
    expect(await profile(world)).toMatchObject({ gpa: 8, attendancePct: 70 });

    const record = await world.central.kysely
      .selectFrom('sync_mutations')
      .selectAll()
      .where('userId', '=', b.user.id)
      .executeTakeFirstOrThrow();
    expect(record.outcome).toBe('CONFLICT');
    // Both laptops set attendancePct to 70: the same value centrally is a no-op, not a conflict.
    expect(JSON.parse(record.detail!)).toEqual({
      conflicts: [{ table: 'student_profiles', rowId: id, column: 'gpa', base: 7.5, mine: 9, central: 8 }],
    });

    const { entries } = await b.must('sync:outbox', { status: 'CONFLICT' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      callName: 'students:update-academics',
      input: { id, gpa: 9, attendancePct: 70 },
      conflicts: [{ column: 'gpa', base: 7.5, mine: 9, central: 8 }],
    });
    expect(entries[0]!.rows[0]!.current).toMatchObject({ gpa: 8 });
    expect((await b.must('sync:status', {})).conflicts).toBe(1);

    // "Use mine": the retry is based on the values the laptop now shows, so it applies.
    const retried = await b.must('sync:retry', { mutationId: entries[0]!.mutationId });
    expect(retried.status).toBe('PENDING');
    expect(await b.sync()).toMatchObject({ applied: 1, conflicts: 0 });
    await a.sync();
    expect(await profile(world)).toMatchObject({ gpa: 9 });
    expect(await cacheRows(a.db)).toEqual(await centralInScope(world.central, a.user.id));
    expect(await outboxStatuses(b)).toEqual(['DISCARDED', 'APPLIED']);
  });
});
