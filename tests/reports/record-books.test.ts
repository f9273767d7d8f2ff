import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { subscribeReportProgress, type TaskProgress } from '../../src/core/reports/progress.ts';
import type { CallName } from '../../src/shared/contract/index.ts';
import type { ReportFile } from '../../src/shared/contract/reports.contract.ts';
import type { Result } from '../../src/shared/result.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { pdfFile, pdfPages, pdfText, savePage1Png } from './support/pdf.ts';
import { NOW, makeReportWorld, type ReportWorld } from './support/world.ts';

// Mentor Record Books and the handover packet, rendered and read back with poppler on both dialects:
// a RESTRICTED note is in the printed text only for its author and the student's department admin.

const RESTRICTED = 'RESTRICTED-MEDICAL-A1 carries an inhaler';
const STAFF = 'STAFF-NOTE-A1 strong in lab work';

describe.each(DIALECTS)('record books on %s', (dialect) => {
  let db: TestDb;
  let core: Core;
  let w: ReportWorld;
  const errors: string[] = [];
  const klass = { program: 'B.Tech CSE', yearOfStudy: 2 };

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
    const as = core.openTrustedSession(w.mentorA.id);
    for (const [visibility, body] of [
      ['RESTRICTED', RESTRICTED],
      ['STAFF', STAFF],
    ] as const) {
      const r = await core.dispatch(
        'notes:create',
        { studentId: w.a1.id, visibility, category: 'MEDICAL', body },
        as,
      );
      if (!r.ok) throw new Error(r.error.message);
    }
  });
  afterAll(async () => {
    expect(errors).toEqual([]);
    await db.drop();
  });

  const run = async (userId: string, call: CallName, input: Record<string, unknown>) =>
    (await core.dispatch(call, input, core.openTrustedSession(userId))) as Result<
      ReportFile & { books?: number }
    >;

  async function text(userId: string, call: CallName, input: Record<string, unknown>, png?: string) {
    const r = await run(userId, call, input);
    if (!r.ok) throw new Error(`${call}: ${r.error.code} ${r.error.message}`);
    const path = pdfFile(Buffer.from(r.data.pdfBase64, 'base64'));
    expect(pdfPages(path)).toBe(r.data.pages);
    if (png) savePage1Png(path, `${png}-${dialect}`);
    return { text: pdfText(path), path, file: r.data };
  }

  it('the HOD prints a class: one book per student, each on a new page, restricted note included and audited', async () => {
    const {
      text: t,
      path,
      file,
    } = await text(w.hod.id, 'reports:record-books', { ...klass }, 'record-books-class');
    expect(file.books).toBe(4);
    expect(t).toContain(RESTRICTED);
    expect(t).toContain(STAFF);
    expect(t).toContain('Parent / Guardian');
    expect(t).toContain('Head of Department');
    expect(t).toContain('Register for supplementary exam');
    // Each book starts on a new page: the pages that open a book carry its title line.
    const starts: string[] = [];
    for (let p = 1; p <= file.pages; p++) {
      const page = pdfText(path, p, p);
      if (page.includes('Mentor Record Book') && /CSE220\d/.test(page)) {
        const roll = /· (CSE220\d) ·/.exec(page)?.[1];
        if (roll && !starts.includes(roll)) starts.push(roll);
      }
    }
    expect(starts).toEqual(['CSE2201', 'CSE2202', 'CSE2203', 'CSE2204']);
    const audits = await db.kysely
      .selectFrom('audit_logs')
      .select(['userId', 'afterState'])
      .where('action', '=', 'notes:read-restricted')
      .where('userId', '=', w.hod.id)
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.afterState).toContain('reports:record-books');
  });

  it('readers who may not read the restricted note get books without it', async () => {
    const dean = await text(w.dean.id, 'reports:record-books', { ...klass, departmentId: w.dept.id });
    expect(dean.text).toContain(STAFF);
    expect(dean.text).not.toContain('RESTRICTED-MEDICAL');
    const b = await text(w.mentorB.id, 'reports:record-books', { mentorId: w.mentorB.id });
    expect(b.file.books).toBe(2);
    expect(b.text).not.toContain('RESTRICTED-MEDICAL');
    expect(b.text).not.toContain('STAFF-NOTE-A1');
    const a = await text(w.mentorA.id, 'reports:record-books', { mentorId: w.mentorA.id });
    expect(a.text).toContain(RESTRICTED);
    const refused = await run(w.mentorB.id, 'reports:record-books', { mentorId: w.mentorA.id });
    expect(refused.ok ? 'OK' : refused.error.code).toBe('FORBIDDEN');
    const other = await run(w.otherHod.id, 'reports:record-books', { studentId: w.a1.id });
    expect(other.ok ? 'OK' : other.error.code).toBe('NOT_FOUND');
  });

  it('reports progress, and a cancel stops the batch without a file', async () => {
    const seen: TaskProgress[] = [];
    const hod = core.openTrustedSession(w.hod.id);
    const stop = subscribeReportProgress((e) => {
      seen.push(e);
      if (e.taskId === 'cancel-me' && e.label.startsWith('Reading record book 1 ')) {
        void core.dispatch('record-books:cancel', { taskId: 'cancel-me' }, hod);
      }
    });
    try {
      const done = await run(w.hod.id, 'reports:record-books', { ...klass, taskId: 'full' });
      expect(done.ok).toBe(true);
      const full = seen.filter((e) => e.taskId === 'full');
      expect(full.at(-1)).toMatchObject({ done: 100, total: 100, label: 'Done' });
      expect(full.map((e) => e.label)).toContain('Reading record book 4 of 4');
      const cancelled = await run(w.hod.id, 'reports:record-books', { ...klass, taskId: 'cancel-me' });
      expect(cancelled.ok ? 'OK' : cancelled.error.code).toBe('CONFLICT');
      expect(seen.filter((e) => e.taskId === 'cancel-me').map((e) => e.label)).not.toContain('Done');
    } finally {
      stop();
    }
  });

  it('a cancel while the pages are drawn stops the render without a file', async () => {
    const seen: TaskProgress[] = [];
    const hod = core.openTrustedSession(w.hod.id);
    const stop = subscribeReportProgress((e) => {
      if (e.taskId !== 'cancel-drawing') return;
      seen.push(e);
      if (e.label === 'Drawing pages' && seen.filter((x) => x.label === 'Drawing pages').length === 1)
        void core.dispatch('record-books:cancel', { taskId: 'cancel-drawing' }, hod);
    });
    try {
      const r = await run(w.hod.id, 'reports:record-books', { ...klass, taskId: 'cancel-drawing' });
      expect(r.ok ? 'OK' : r.error.code).toBe('CONFLICT');
      // Stopped by the render itself, not refused after a finished drawing.
      expect(r.ok ? '' : r.error.message).toBe('The report was cancelled before it was finished.');
      expect(seen.map((e) => e.label)).toContain('Drawing pages');
      expect(seen.map((e) => e.label)).not.toContain('Done');
    } finally {
      stop();
    }
    // The next batch starts a fresh render thread and completes.
    expect((await run(w.hod.id, 'reports:record-books', { ...klass })).ok).toBe(true);
  });

  it('the handover packet is one page with open goals, open alerts, sessions and risk reasons', async () => {
    const { text: t, file } = await text(
      w.mentorA.id,
      'reports:handover',
      { studentId: w.a1.id },
      'handover',
    );
    expect(file.pages).toBe(1);
    expect(t).toContain('Handover Packet');
    expect(t).toContain('Clear all backlogs');
    expect(t).toContain('CGPA 5.20 is below 5.50.');
    expect(t).toContain('Backlog clearance plan');
    expect(t).toContain('Meet the maths tutor');
    expect(t).toContain('HIGH');
    expect(t).not.toContain('RESTRICTED-MEDICAL');
  });
});
