import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { generateDemo } from '../../src/core/demo/generate.ts';
import { istDayStart } from '../../src/core/reports/format.ts';
import type { CallName } from '../../src/shared/contract/index.ts';
import type { ReportFile } from '../../src/shared/contract/reports.contract.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { pdfFile, pdfPages, pdfText, savePage1Png, wordsOutside } from './support/pdf.ts';

// Every report on the demo department (realistic names, months of sessions), read back with
// poppler and checked against figures counted straight from the tables; page 1 of each is saved
// as a PNG in tests/reports/output/ for a person to look at. SQLite only: this is about what the
// documents say and look like; both dialects are covered by reports.test.ts.

const NOW = '2026-03-16T06:30:00.000Z'; // the demo's "today", 12:00 IST
const PERIOD = { from: '2026-02-15', to: '2026-03-16' };

describe('report samples on demo data', () => {
  let db: TestDb;
  let core: Core;
  const id = async (email: string): Promise<string> =>
    (await db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;

  beforeAll(async () => {
    db = await freshDb('sqlite');
    await generateDemo(db, { scale: 'small' });
    core = createCore({
      db,
      appVersion: 'test',
      platform: 'test',
      clock: new ManualClock(NOW),
      validateOutput: true,
    });
  });
  afterAll(async () => {
    await db.drop();
  });

  async function render(email: string, call: CallName, input: Record<string, unknown>, png: string) {
    const r = await core.dispatch(call, input, core.openTrustedSession(await id(email)));
    if (!r.ok) throw new Error(`${call}: ${r.error.message}`);
    const file = r.data as ReportFile;
    const path = pdfFile(Buffer.from(file.pdfBase64, 'base64'));
    expect(pdfPages(path)).toBe(file.pages);
    expect(wordsOutside(path)).toEqual([]);
    savePage1Png(path, png);
    return { file, text: pdfText(path) };
  }

  const cseSessions = () =>
    db.kysely
      .selectFrom('session_records as s')
      .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
      .innerJoin('departments as d', 'd.id', 'a.departmentId')
      .where('d.code', '=', 'CSE')
      .where('s.sessionDate', '>=', istDayStart(PERIOD.from))
      .where('s.sessionDate', '<', istDayStart('2026-03-17'));

  it('session report: the grand total matches the tables', async () => {
    const { text } = await render('hod.cse@demo.smms', 'reports:sessions', PERIOD, 'sessions');
    const c = await cseSessions()
      .select([
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when s.status = 'COMPLETED' then 1 else 0 end)`.as('done'),
      ])
      .executeTakeFirstOrThrow();
    expect(text).toMatch(new RegExp(`\\nTotal ${Number(c.n)} ${Number(c.done)} `));
  });

  it('risk report: every HIGH student of the department is listed', async () => {
    const { text } = await render('hod.cse@demo.smms', 'reports:risk', PERIOD, 'risk');
    const high = await db.kysely
      .selectFrom('student_profiles as sp')
      .innerJoin('users as u', 'u.id', 'sp.userId')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select('sp.rollNumber')
      .where('d.code', '=', 'CSE')
      .where('sp.riskLevel', '=', 'HIGH')
      .execute();
    expect(high.length).toBeGreaterThan(0);
    expect(text).toContain(`Students at HIGH risk (${high.length})`);
    for (const s of high) expect(text).toContain(s.rollNumber);
  });

  it('a mentor’s reports never contain another mentor’s students', async () => {
    const mentor = await id('omkar.shinde@demo.smms');
    const rolls = await db.kysely
      .selectFrom('student_profiles as sp')
      .leftJoin('mentor_assignments as a', (j) =>
        j.onRef('a.studentId', '=', 'sp.userId').on('a.mentorId', '=', mentor),
      )
      .select(['sp.rollNumber', 'a.id as mine'])
      .execute();
    const others = rolls.filter((r) => r.mine === null).map((r) => r.rollNumber);
    expect(others.length).toBeGreaterThan(100);
    for (const call of ['reports:sessions', 'reports:risk'] as const) {
      const { text } = await render('omkar.shinde@demo.smms', call, PERIOD, `mentor-${call.split(':')[1]}`);
      expect(others.filter((roll) => text.includes(roll))).toEqual([]);
    }
  });

  it('mentor load, dossier and department summary render, the summary on one page', async () => {
    const load = await render('hod.cse@demo.smms', 'reports:mentor-load', PERIOD, 'mentor-load');
    expect(load.text).toContain('Mr. Omkar Shinde');
    const student = await id('22cse0001@demo.smms');
    const dossier = await render(
      'omkar.shinde@demo.smms',
      'reports:student',
      { studentId: student },
      'dossier',
    );
    expect(dossier.text).toContain('22CSE0001');
    const dept = await render('hod.cse@demo.smms', 'reports:department', PERIOD, 'department');
    expect(dept.file.pages).toBe(1);
    expect(dept.text).toContain('Top concerns');
  });
});
