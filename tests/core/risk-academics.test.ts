import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// students:update-academics re-evaluates risk in its own transaction (issue 4 item 5: "runs after
// every relevant write").
describe.each(DIALECTS)('students:update-academics runs the risk engine on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('raises, escalates and closes the alert and returns the new riskLevel', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const id = h.world.student.id;
    const alerts = () => h.db.kysely.selectFrom('alerts').selectAll().where('studentId', '=', id).execute();

    const low = await h.must(s, 'students:update-academics', { id, attendancePct: 75 });
    expect(low.riskLevel).toBe('LOW');
    expect(await alerts()).toEqual([]);

    const medium = await h.must(s, 'students:update-academics', { id, attendancePct: 74.99 });
    expect(medium.riskLevel).toBe('MEDIUM');
    expect(await alerts()).toMatchObject([{ category: 'ATTENDANCE', severity: 'WARN', status: 'OPEN' }]);

    const high = await h.must(s, 'students:update-academics', { id, gpa: 4.99 });
    expect(high.riskLevel).toBe('HIGH');

    h.clock.advance(60_000);
    await h.must(s, 'students:update-academics', { id, gpa: 8, attendancePct: 90 });
    const after = await alerts();
    expect(after.every((a) => a.status === 'CLOSED' && a.closedById === null)).toBe(true);
    expect(after).toHaveLength(2);
    expect((await h.must(s, 'students:get', { id })).riskLevel).toBe('LOW');
  });

  it('leaves risk alone when only program or year changes', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const id = h.world.unassigned.id;
    await h.db.kysely
      .updateTable('student_profiles')
      .set({ attendancePct: 50 })
      .where('userId', '=', id)
      .execute();
    const r = await h.must(s, 'students:update-academics', { id, program: 'B.Tech IT' });
    expect(r.riskLevel).toBe('LOW');
    expect(await h.db.kysely.selectFrom('alerts').select('id').where('studentId', '=', id).execute()).toEqual(
      [],
    );
    expect(h.errors).toEqual([]);
  });
});
