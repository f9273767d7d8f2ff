import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { subscribeReportProgress, type TaskProgress } from '../../src/core/reports/progress.ts';
import type { CallName } from '../../src/shared/contract/index.ts';
import type { ReportFile } from '../../src/shared/contract/reports.contract.ts';
import type { Result } from '../../src/shared/result.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { pdfFile, pdfPages, pdfText, wordsOutside } from './support/pdf.ts';
import { NOW, PERIOD, makeReportWorld, type ReportWorld } from './support/world.ts';

// The reports:* calls end to end on both dialects: rendered PDFs read back with poppler. Scope
// and visibility are proved on the text a reader would see.

describe.each(DIALECTS)('reports on %s', (dialect) => {
  let db: TestDb;
  let core: Core;
  let w: ReportWorld;
  const errors: string[] = [];

  beforeAll(async () => {
    db = await freshDb(dialect);
    const log = { info: () => {}, warn: () => {}, error: (m: string) => void errors.push(m) };
    core = createCore({
      db,
      appVersion: 'test',
      platform: 'test',
      clock: new ManualClock(NOW),
      log,
      validateOutput: true,
    });
    w = await makeReportWorld(db.kysely);
  });
  afterAll(async () => {
    expect(errors).toEqual([]);
    await db.drop();
  });

  async function report(
    userId: string,
    call: CallName,
    input: Record<string, unknown>,
  ): Promise<Result<ReportFile>> {
    return (await core.dispatch(call, input, core.openTrustedSession(userId))) as Result<ReportFile>;
  }

  /** The report's PDF text (checked to be a real PDF whose page count the call reports). */
  async function text(userId: string, call: CallName, input: Record<string, unknown>): Promise<string> {
    const r = await report(userId, call, input);
    if (!r.ok) throw new Error(`${call}: ${r.error.code} ${r.error.message}`);
    const path = pdfFile(Buffer.from(r.data.pdfBase64, 'base64'));
    expect(pdfPages(path)).toBe(r.data.pages);
    expect(wordsOutside(path)).toEqual([]);
    return pdfText(path);
  }

  it('session report: the HOD sees both mentors with totals and summaries; names keep their diacritics', async () => {
    const t = await text(w.hod.id, 'reports:sessions', PERIOD);
    expect(t).toContain('Sahyadri College of Engineering');
    expect(t).toContain('Computer Science and Engineering');
    expect(t).toContain('Mentoring Session Report');
    expect(t).toContain('1 Mar 2026 – 31 Mar 2026');
    expect(t).toMatch(/Dr\. Lakshmi Narayanan \(Department administrator\) 20 Mar 2026, 10:00 am IST/);
    expect(t).toContain(
      'Generated 20 Mar 2026, 10:00 am IST by Dr. Lakshmi Narayanan Confidential: for departmental use only Page 1 of',
    );
    expect(t).toContain('Śrīnivās Rāmānujan');
    expect(t).toContain('Zoya Fernandes');
    // Totals: Dr. Meera Iyer has 4 sessions in March (3 completed, 1 scheduled), 1 present-absent.
    expect(t).toMatch(/Dr\. Meera Iyer 4 3 1 0 2 1 1 1/);
    expect(t).toMatch(/Prof\. Rahul Deshpande 2 1 0 1 1 0 0 0/);
    expect(t).toMatch(/Total 6 4 1 1 3 1 1 1/);
    expect(t).toContain('SECRET-SUMMARY-A1');
    expect(t).toContain('SECRET-SUMMARY-B1');
    expect(t).not.toContain('February check-in');
    expect(t).toMatch(/Page 1 of \d/);
  });

  it('session report: a mentor’s report never contains another mentor’s students', async () => {
    const t = await text(w.mentorA.id, 'reports:sessions', PERIOD);
    expect(t).toContain('Śrīnivās Rāmānujan');
    expect(t).toContain('Ananya Kulkarni');
    expect(t).toContain('SECRET-SUMMARY-A1');
    for (const leak of [
      'Zoya Fernandes',
      'Gurpreet Singh',
      'SECRET-SUMMARY-B1',
      'Rahul Deshpande',
      'Hostel issues',
    ]) {
      expect(t).not.toContain(leak);
    }
    expect(t).toMatch(/Total 4 3 1 0/);
  });

  it('session report without summaries has no summary column and no summary text', async () => {
    const t = await text(w.hod.id, 'reports:sessions', { ...PERIOD, includeSummaries: false });
    expect(t).not.toContain('Summary (staff only)');
    expect(t).not.toContain('SECRET-SUMMARY');
    expect(t).toContain('Summaries are not included in this copy.');
  });

  it('session report for one mentor or one student, and ids outside scope are not found', async () => {
    const one = await text(w.hod.id, 'reports:sessions', { ...PERIOD, mentorId: w.mentorB.id });
    expect(one).toContain('Mentor: Prof. Rahul Deshpande');
    expect(one).not.toContain('Śrīnivās');
    const st = await text(w.hod.id, 'reports:sessions', { ...PERIOD, studentId: w.a2.id });
    expect(st).toContain('Ananya Kulkarni');
    expect(st).not.toContain('Backlog clearance plan');
    const foreign = await report(w.mentorA.id, 'reports:sessions', { ...PERIOD, studentId: w.b1.id });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const otherDept = await report(w.otherHod.id, 'reports:sessions', { ...PERIOD, departmentId: w.dept.id });
    expect(otherDept).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const reversed = await report(w.hod.id, 'reports:sessions', { from: '2026-03-31', to: '2026-03-01' });
    expect(reversed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('risk report: HIGH then MEDIUM, changes since the previous period, alerts flow', async () => {
    const t = await text(w.hod.id, 'reports:risk', PERIOD);
    const high = t.indexOf('Students at HIGH risk (2)');
    const medium = t.indexOf('Students at MEDIUM risk (1)');
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(t.indexOf('Zoya Fernandes')).toBeGreaterThan(high);
    expect(t.indexOf('Ananya Kulkarni')).toBeGreaterThan(medium);
    expect(t).toMatch(
      /Śrīnivās Rāmānujan CSE2201 B\.Tech CSE · Y2 5\.20 61\.5% 10 Mar 2026 1 Dr\. Meera Iyer/,
    );
    // a1 was LOW on 1 March and is HIGH now; a2's change was in February, before this period.
    expect(t).toMatch(/Śrīnivās Rāmānujan CSE2201 LOW HIGH Worse/);
    expect(t).not.toMatch(/Ananya Kulkarni CSE2202 HIGH/);
    expect(t).toMatch(/HIGH 1 2 \+1/);
    expect(t).toMatch(/LOW 2 1 -1/);
    expect(t).toMatch(/Alerts opened 2 1/);
    expect(t).toMatch(/Alerts closed 0 1/);
    expect(t).toContain('Previous period: 29 Jan 2026 – 28 Feb 2026');
  });

  it('risk report for a mentor: only its mentees, and no alert counts about others', async () => {
    const t = await text(w.mentorA.id, 'reports:risk', PERIOD);
    expect(t).toContain('Śrīnivās Rāmānujan');
    expect(t).not.toContain('Zoya Fernandes');
    expect(t).toMatch(/Alerts opened 1 1/);
  });

  it('mentor load: per-mentor figures, ratings the reader may see, and a mentor sees only itself', async () => {
    const t = await text(w.hod.id, 'reports:mentor-load', PERIOD);
    // Meera: 2 active / 15, planned 4 held 3, 1 pending (dated 25 Mar, after "now": not overdue),
    // ratings 5 and 2 (the department-only one counts for the HOD) → 3.5 (2), 1 open alert.
    expect(t).toMatch(/Dr\. Meera Iyer Available 2 \/ 15 0 4 3 75% 0 1 3\.5 \(2\) 1/);
    expect(t).toMatch(/Prof\. Rahul Deshpande Available 2 \/ 15 0 1 1 100% 1 0 4\.0 \(1\) 1/);
    const own = await text(w.mentorA.id, 'reports:mentor-load', PERIOD);
    expect(own).toMatch(/Dr\. Meera Iyer Available 2 \/ 15 0 4 3 75% 0 1 5\.0 \(1\) 1/);
    expect(own).not.toContain('Rahul Deshpande');
  });

  it('dossier by the mentor: its feedback, never department-only feedback', async () => {
    const t = await text(w.mentorA.id, 'reports:student', { studentId: w.a1.id });
    expect(t).toContain('Student Mentoring Dossier');
    expect(t).toContain('CSE2201');
    expect(t).toContain('Helpful and patient mentor');
    expect(t).toContain('PRIVATE-MENTOR-NOTE');
    expect(t).toContain('SECRET-SUMMARY-A1');
    expect(t).toContain('Clear all backlogs');
    expect(t).toContain('study-plan-march.pdf');
    expect(t).toContain('CGPA 5.20 is below 5.50.');
    expect(t).not.toContain('DEPT-ONLY-COMPLAINT');
  });

  it('dossier by the HOD includes department-only feedback; by the student, no staff-only data', async () => {
    const hod = await text(w.hod.id, 'reports:student', { studentId: w.a1.id });
    expect(hod).toContain('DEPT-ONLY-COMPLAINT');
    const own = await text(w.a1.id, 'reports:student', { studentId: w.a1.id });
    expect(own).toContain('Keep going, good effort');
    expect(own).toContain('Backlog clearance plan');
    // The student wrote the complaint: "the giver always sees it".
    expect(own).toContain('DEPT-ONLY-COMPLAINT');
    for (const hidden of [
      'SECRET-SUMMARY',
      'PRIVATE-MENTOR-NOTE',
      'CGPA 5.20 is below',
      'Alerts (',
      'Notes (staff only)',
    ]) {
      expect(own).not.toContain(hidden);
    }
    expect(own).not.toContain('Confidential');
    const other = await report(w.a1.id, 'reports:student', { studentId: w.a2.id });
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('department summary fits one page and names the concerns', async () => {
    const r = await report(w.hod.id, 'reports:department', PERIOD);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.pages).toBe(1);
    expect(r.data.fileName).toBe('department-summary_CSE_2026-03-01-to-2026-03-31.pdf');
    const t = pdfText(pdfFile(Buffer.from(r.data.pdfBase64, 'base64')));
    expect(t).toContain('Department Mentoring Summary');
    expect(t).toContain('2 students at HIGH risk: Śrīnivās Rāmānujan (CSE2201), Zoya Fernandes (CSE2203).');
    expect(t).toContain('Open alerts needing a decision: 1 critical, 0 grievance.');
    expect(t).toContain('Completed sessions per month');
    const dean = await text(w.dean.id, 'reports:department', PERIOD);
    expect(dean).toContain('All departments');
  });

  it('reports progress under the call’s taskId, ending at 100', async () => {
    const seen: TaskProgress[] = [];
    const stop = subscribeReportProgress((e) => seen.push(e));
    try {
      await text(w.hod.id, 'reports:risk', { ...PERIOD, taskId: 'task-risk-1' });
    } finally {
      stop();
    }
    expect(seen.length).toBeGreaterThan(3);
    expect(seen.every((e) => e.taskId === 'task-risk-1' && e.total === 100)).toBe(true);
    expect(seen.map((e) => e.done)).toEqual([...seen.map((e) => e.done)].sort((a, b) => a - b));
    expect(seen.at(-1)).toMatchObject({ done: 100, label: 'Done' });
  });
});
