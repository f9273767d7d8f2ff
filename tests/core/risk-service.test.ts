import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_THRESHOLDS } from '../../src/shared/contract/risk.contract.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';

describe.each(DIALECTS)('risk thresholds and department runs on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('starts from the defaults, saves validated thresholds with an audit row and re-evaluates', async () => {
    const w = h.world;
    const s = h.as('DEPARTMENT_ADMIN');
    const view = await h.must(s, 'risk:get-thresholds', {});
    expect(view).toMatchObject({
      departmentId: w.dept.id,
      isDefault: true,
      thresholds: DEFAULT_RISK_THRESHOLDS,
      updatedAt: null,
    });

    // Student attendance 85 (builder default): LOW under the defaults, MEDIUM under "below 90".
    const thresholds = { ...DEFAULT_RISK_THRESHOLDS, attendancePct: { medium: 90, high: 60.5 } };
    const saved = await h.must(s, 'risk:set-thresholds', { thresholds });
    expect(saved.view).toMatchObject({
      isDefault: false,
      thresholds,
      updatedById: w.deptAdmin.id,
      updatedAt: h.clock.now().toISOString(),
    });
    expect(saved.run.levels.MEDIUM).toBeGreaterThanOrEqual(3);
    expect(saved.run.alertsRaised).toBe(saved.run.levels.MEDIUM);
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'risk:set-thresholds')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ entity: 'departments', entityId: w.dept.id, userId: w.deptAdmin.id });
    expect(JSON.parse(audit.beforeState!)).toEqual({ riskThresholds: null });
    expect(JSON.parse(audit.afterState!)).toEqual({ riskThresholds: thresholds });
    expect((await h.must(s, 'students:get', { id: w.student.id })).riskLevel).toBe('MEDIUM');
    // The department's audit trail shows the change to its admin.
    const trail = await h.must(s, 'audit:list', { entity: 'departments' });
    expect(trail.rows.some((r) => r.action === 'risk:set-thresholds')).toBe(true);

    const again = await h.must(s, 'risk:run-department', {});
    expect(again).toMatchObject({ changedLevels: 0, alertsRaised: 0, alertsUpdated: 0, alertsClosed: 0 });
    const back = await h.must(s, 'risk:set-thresholds', { thresholds: DEFAULT_RISK_THRESHOLDS });
    expect(back.run.alertsClosed).toBe(saved.run.alertsRaised);
  });

  it('refuses inconsistent thresholds and departments out of scope', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const bad = (t: object) =>
      h.call(s, 'risk:set-thresholds', {
        thresholds: { ...DEFAULT_RISK_THRESHOLDS, ...t } as typeof DEFAULT_RISK_THRESHOLDS,
      });
    const r1 = await bad({ gpa: { medium: 5, high: 6 } });
    expect(r1).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', issues: [{ path: 'thresholds.gpa.high' }] },
    });
    expect(await bad({ attendancePct: { medium: 101, high: 50 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ gpa: { medium: 5.555, high: 4 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ consecutiveAbsences: { medium: 3, high: 3 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await bad({ weeksWithoutSession: { medium: 0, high: null } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    // null switches a level off
    expect(await bad({ weeksWithoutSession: { medium: null, high: 8 } })).toMatchObject({ ok: true });
    await h.must(s, 'risk:set-thresholds', { thresholds: DEFAULT_RISK_THRESHOLDS });
    const other = await h.call(s, 'risk:get-thresholds', { departmentId: h.world.otherDept.id });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const inst2 = await h.call(h.as('INSTITUTION_ADMIN'), 'risk:run-department', {
      departmentId: h.world.dept2.id,
    });
    expect(inst2).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(
      await h.call(h.as('SUPER_ADMIN'), 'risk:get-thresholds', { departmentId: h.world.dept2.id }),
    ).toMatchObject({ ok: true });
    expect(h.errors).toEqual([]);
  });
});
