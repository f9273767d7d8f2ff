import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheIds, cacheRows, centralInScope, makeClient, makeWorld, seed, type World } from './harness.ts';

// SYNC.md proof 6: a mentor records a session offline while the office ends the assignment on central.

describe('assignment ended while the mentor was offline (MariaDB)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('6. the queued session is REJECTED with the reason, shown on the Sync screen, and the student is evicted', async () => {
    const { mentor, student, deptAdmin } = world.cast;
    const assignmentId = await world.assign(mentor.id, student.id);
    await seed.goal(world, student.id, mentor.id);
    const m = await makeClient(world, mentor);
    const office = await makeClient(world, deptAdmin);
    expect((await cacheIds(m.db)).users).toContain(student.id);

    const recorded = await m.must('sessions:record', {
      assignmentId,
      sessionDate: '2026-02-01T08:30:00.000Z',
      topic: 'Backlog plan for semester 4',
      mode: 'IN_PERSON',
      summary: 'Discussed the two backlog papers',
    });
    expect((await cacheIds(m.db)).session_records).toContain(recorded.id);

    world.clock.advance(3_600_000);
    await office.must('assignments:end', { id: assignmentId, note: 'Student changed stream' });
    await office.sync();

    expect(await m.sync()).toMatchObject({ pushed: 1, applied: 0, rejected: 1 });
    const { entries } = await m.must('sync:outbox', {});
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 'REJECTED',
      callName: 'sessions:record',
      input: { assignmentId, topic: 'Backlog plan for semester 4' },
    });
    expect(entries[0]!.error!.message.length).toBeGreaterThan(10);
    const central = await world.central.kysely
      .selectFrom('sync_mutations')
      .select(['outcome', 'detail'])
      .where('clientId', '=', m.local.clientId)
      .executeTakeFirstOrThrow();
    expect(central.outcome).toBe('REJECTED');
    expect(JSON.parse(central.detail!).error.message).toBe(entries[0]!.error!.message);

    const ids = await cacheIds(m.db);
    expect(ids.users).toEqual([mentor.id]);
    expect(ids.student_profiles).toEqual([]);
    expect(ids.goals).toEqual([]);
    expect(ids.session_records).not.toContain(recorded.id);
    expect(await cacheRows(m.db)).toEqual(await centralInScope(world.central, mentor.id));
    expect((await m.must('sync:status', {})).rejected).toBe(1);
  });
});
