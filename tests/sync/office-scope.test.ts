import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheRows, centralInScope, makeClient, makeWorld, type World } from './harness.ts';

// Issue 12's synced tables: a guardian contact and a contact log entry written on a mentor's laptop
// reach central and the HOD's cache, and never a student's cache (not even the student's own);
// kudos reach the student. Every cache equals the user's scope on central.

describe('guardian log and kudos in caches (MariaDB)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('a mentor’s contact log reaches the HOD, never the student; kudos reach the student', async () => {
    const { mentor, student, deptAdmin } = world.cast;
    await world.assign(mentor.id, student.id);
    const m = await makeClient(world, mentor);
    const g = await m.must('guardians:save-contact', {
      studentId: student.id,
      name: 'Ramesh Kulkarni',
      relation: 'Father',
      phone: '+91 98450 12345',
    });
    await m.must('guardians:log-contact', {
      studentId: student.id,
      guardianId: g.id,
      contactedAt: '2026-01-30T10:00:00.000Z',
      mode: 'PHONE',
      reason: 'Attendance below 75%',
      followUpOn: '2026-02-05',
    });
    await m.must('kudos:send', { studentId: student.id, message: 'Great seminar!' });
    await m.sync();
    const central = await world.central.kysely
      .selectFrom('guardian_contact_log' as never)
      .select('reason' as never)
      .execute();
    expect(central).toHaveLength(1);

    const s = await makeClient(world, student);
    const hod = await makeClient(world, deptAdmin);
    const sCache = await cacheRows(s.db);
    expect(sCache.guardian_contacts).toEqual([]);
    expect(sCache.guardian_contact_log).toEqual([]);
    expect(sCache.kudos.map((k) => k.message)).toEqual(['Great seminar!']);
    const hCache = await cacheRows(hod.db);
    expect(hCache.guardian_contact_log.map((r) => r.reason)).toEqual(['Attendance below 75%']);
    expect(hCache.guardian_contacts.map((r) => r.name)).toEqual(['Ramesh Kulkarni']);
    for (const c of [m, s, hod]) {
      await c.sync();
      expect(await cacheRows(c.db), `cache of ${c.user.role}`).toEqual(
        await centralInScope(world.central, c.user.id),
      );
    }
    // The student's laptop cannot read it either: the call is refused.
    const r = await s.call('guardians:list', { studentId: student.id });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});
