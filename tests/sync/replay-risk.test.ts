import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionLost, type Faults } from '../../src/core/sync/faults.ts';
import { makeUser } from '../fixtures/builders.ts';
import { makeClient, makeWorld, type World } from './harness.ts';

// Risk on replay (SYNC.md decision 4 + issue 4 item 5): a mentor back from offline with a run of
// sessions gets central's risk verdict on the batch's final state, evaluated once per student per
// batch (not once per session), and the laptop ends with central's alert, not its own optimistic one.

describe('risk re-evaluation when a laptop pushes (MariaDB)', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  it('three absences recorded offline: one level change, one alert, once per batch; the laptop converges', async () => {
    const student = w.cast.student.id;
    const assignmentId = await w.assign(w.cast.mentor.id, student);
    const laptop = await makeClient(w, w.cast.mentor);
    await laptop.sync();
    for (let i = 0; i < 3; i++) {
      await laptop.must('sessions:record', {
        assignmentId,
        sessionDate: new Date(Date.parse('2026-01-30T10:00:00.000Z') - i * 86_400_000).toISOString(),
        topic: `Weekly check-in ${i}`,
        mode: 'IN_PERSON',
        attendance: 'ABSENT',
      });
    }
    // The laptop judged it already (its own engine, optimistic rows).
    const local = await laptop.db.kysely
      .selectFrom('alerts')
      .select(['id', 'category', 'status'])
      .where('studentId', '=', student)
      .execute();
    expect(local).toEqual([expect.objectContaining({ category: 'ATTENDANCE', status: 'OPEN' })]);

    const report = await laptop.sync();
    expect(report).toMatchObject({ applied: 3, rejected: 0, conflicts: 0 });

    const k = w.central.kysely;
    const profile = await k
      .selectFrom('student_profiles')
      .select('riskLevel')
      .where('userId', '=', student)
      .executeTakeFirstOrThrow();
    expect(profile.riskLevel).toBe('MEDIUM');
    const central = await k
      .selectFrom('alerts')
      .select(['id', 'category', 'severity', 'status', 'sourceRef'])
      .where('studentId', '=', student)
      .execute();
    expect(central).toHaveLength(1);
    expect(central[0]).toMatchObject({ category: 'ATTENDANCE', status: 'OPEN' });
    expect(String(central[0]!.sourceRef)).toContain('risk-engine');
    // Evaluated once for the batch: one level change and one raised alert in central's audit log.
    const audits = await k
      .selectFrom('audit_logs')
      .select('action')
      .where('entityId', 'in', [student, central[0]!.id])
      .where('action', 'like', 'risk:%')
      .execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['risk:level', 'risk:raise-alert']);
    // The department admins and the mentor were told once.
    const told = await k
      .selectFrom('notifications')
      .select('userId')
      .where('type', '=', 'ALERT')
      .where('payload', 'like', `%${central[0]!.id}%`)
      .execute();
    expect(told.length).toBeGreaterThan(0);
    expect(new Set(told.map((t) => t.userId)).size).toBe(told.length);

    // The next round brings central's alert down and drops the laptop's optimistic one.
    await laptop.sync();
    const after = await laptop.db.kysely
      .selectFrom('alerts')
      .select(['id', 'status'])
      .where('studentId', '=', student)
      .execute();
    expect(after).toEqual([{ id: central[0]!.id, status: 'OPEN' }]);
  });

  it('the risk pass runs after the batch commits: when it fails, the sessions stay applied and the next change catches up', async () => {
    const at = { institutionId: w.cast.inst.id, departmentId: w.cast.dept.id };
    const student = (await makeUser(w.central.kysely, 'STUDENT', at)).id;
    const assignmentId = await w.assign(w.cast.mentor.id, student);
    const laptop = await makeClient(w, w.cast.mentor);
    await laptop.sync();
    const absent = async (daysAgo: number) =>
      laptop.must('sessions:record', {
        assignmentId,
        sessionDate: new Date(Date.parse('2026-01-30T10:00:00.000Z') - daysAgo * 86_400_000).toISOString(),
        topic: `Missed meeting ${daysAgo}`,
        mode: 'IN_PERSON',
        attendance: 'ABSENT',
      });
    for (let i = 0; i < 3; i++) await absent(i);
    const warnings: string[] = [];
    const log = { info: () => {}, error: () => {}, warn: (m: string) => void warnings.push(m) };
    const dropped: Faults = {
      hit(point) {
        if (point === 'push:risk-pass') throw connectionLost(point);
      },
    };
    const report = await laptop.sync({ faults: dropped, log });
    expect(report).toMatchObject({ pushed: 3, applied: 3, rejected: 0, conflicts: 0 });
    expect(warnings).toEqual(['sync: risk re-evaluation after a replayed batch failed']);
    const k = w.central.kysely;
    const level = async () =>
      (
        await k
          .selectFrom('student_profiles')
          .select('riskLevel')
          .where('userId', '=', student)
          .executeTakeFirstOrThrow()
      ).riskLevel;
    const sessions = await k
      .selectFrom('session_records')
      .select('id')
      .where('assignmentId', '=', assignmentId)
      .execute();
    expect(sessions).toHaveLength(3);
    // Derived data only: the level waits for the student's next change.
    expect(await level()).not.toBe('MEDIUM');
    await absent(3);
    expect(await laptop.sync()).toMatchObject({ pushed: 1, applied: 1 });
    expect(await level()).toBe('MEDIUM');
  });
});
