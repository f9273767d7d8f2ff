import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messyStudents, PROGRAMS, workbookBuffer } from '../../../tests/fixtures/roster/build-xlsx.ts';
import { suggestMapping } from './mapping.ts';
import { readRosterBuffer } from './read-file.ts';
import { validateStudentRoster } from './validate.ts';
import type { RosterLookup } from './validate.types.ts';
import { cellText } from './values.ts';
import { writeErrorReportCsv, writeErrorReportXlsx } from './write-error-report.ts';
import { safeSheetName, writeTableCsv, writeTableXlsx, type TableData } from './write-table.ts';
import type { CellValue } from './roster.types.ts';

const HEADERS = ['Roll Number', 'Name', 'Email', 'GPA', 'Notes', 'Admitted'];

async function firstSheet(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets[0]!;
}

describe('CSV export', () => {
  it('writes UTF-8 with BOM and CRLF, and neutralises cells Excel would run as formulas', () => {
    const csv = writeTableCsv({
      headers: ['Name', 'Phone', 'Note', 'Score'],
      rows: [
        ['José', '+919876543210', '=HYPERLINK("http://x.example","click")\nsecond line', -5],
        ['@SUM(A1)', '-5', '\tx', 0.5],
        ["'quoted", 'plain', null, null],
      ],
    });
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString('utf8')).toBe(
      'Name,Phone,Note,Score\r\n' +
        'José,"\'+919876543210","\'=HYPERLINK(""http://x.example"",""click"")\nsecond line",-5\r\n' +
        '"\'@SUM(A1)","\'-5","\'\tx",0.5\r\n' +
        '"\'\'quoted",plain,,\r\n',
    );
  });
});

describe('XLSX export', () => {
  it('writes typed cells: text stays text (never a formula), numbers and dates stay typed', async () => {
    const admitted = new Date(Date.UTC(2024, 6, 1));
    const buf = await writeTableXlsx({
      headers: HEADERS,
      rows: [['00423', '=1+2', 'a@x.in', 8.25, '+91 98450', admitted]],
      sheetName: 'Students: CSE/2025 [final] list that is long',
    });
    const ws = await firstSheet(buf);
    expect(ws.name).toBe('Students  CSE 2025  final  list');
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A2').value).toBe('00423');
    expect(ws.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').formula).toBeUndefined();
    expect(ws.getCell('D2').value).toBe(8.25);
    expect(ws.getCell('F2').value).toEqual(admitted);
    expect(ws.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('cleans sheet names to what Excel accepts', () => {
    expect(safeSheetName(undefined)).toBe('Sheet1');
    expect(safeSheetName("'Audit'")).toBe('Audit');
    expect(safeSheetName('a/b\\c?d*e:f[g]h')).toBe('a b c d e f g h');
  });
});

// Values our reader gives back unchanged: it trims text and drops empty rows by design, and XML
// turns "\r\n" inside a cell into "\n", so generated text is trimmed, non-empty and CR-free.
// eslint-disable-next-line no-control-regex -- control characters cannot be stored in xlsx XML
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\r\ud800-\udfff]/;
const text = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.constantFrom('00123', '=1+2', '+919876543210', '-5', '@x', "'=y", "'", '8.50', '82%', 'TRUE', 'Ñandú'),
  )
  .filter((s) => s === s.trim() && s !== '' && !UNSTORABLE.test(s));
const number = fc
  .double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 })
  .map((n) => (n === 0 ? 0 : n));
const date = fc
  .integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) })
  .chain((ms) => fc.constantFrom(new Date(ms), new Date(ms - (ms % 86_400_000))));
const cell: fc.Arbitrary<CellValue> = fc.oneof(text, number, date, fc.constant(null));
const tableArb = fc
  .array(fc.tuple(text, cell, cell, cell, cell, cell), { minLength: 1, maxLength: 25 })
  .map((rows): TableData => ({ headers: HEADERS, rows }));

describe('re-import round trip: our reader reads what our writer wrote, unchanged', () => {
  it('xlsx keeps every value and its type', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const read = await readRosterBuffer(await writeTableXlsx(t), 'export.xlsx');
        expect(read.headerRowIndex).toBe(1);
        expect(read.headers).toEqual(t.headers);
        expect(read.rows.map((r) => t.headers.map((h) => r.cells[h]))).toEqual(t.rows);
        expect(read.rows.map((r) => r.rowNumber)).toEqual(t.rows.map((_, i) => i + 2));
      }),
      { numRuns: 40 },
    );
  });

  it('csv keeps every value as the text Excel would show', async () => {
    await fc.assert(
      fc.asyncProperty(tableArb, async (t) => {
        const read = await readRosterBuffer(writeTableCsv(t), 'export.csv');
        expect(read.headers).toEqual(t.headers);
        const expected = t.rows.map((r) => r.map((v) => (v === null ? null : cellText(v))));
        expect(read.rows.map((r) => t.headers.map((h) => r.cells[h]))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('error report', () => {
  const lookup: RosterLookup = {
    existingByRoll: async () => [],
    existingByEmail: async (emails) =>
      emails.includes('rao@college.edu')
        ? [
            {
              userId: 'u-rao',
              email: 'rao@college.edu',
              role: 'MENTOR',
              departmentId: null,
              rollNumber: null,
            },
          ]
        : [],
  };
  async function messyValidation() {
    const source = await readRosterBuffer(await workbookBuffer(messyStudents), 'roster.xlsx');
    const { mapping } = suggestMapping(source.headers, 'students');
    const v = await validateStudentRoster(source, { mapping, knownPrograms: PROGRAMS, lookup });
    return { source, mapping, v };
  }

  it('holds only the rejected rows, as read, with a Problem column; blamed cells are shaded', async () => {
    const { source, v } = await messyValidation();
    const ws = await firstSheet(await writeErrorReportXlsx(source, v.problems));
    expect(ws.getRow(1).values).toEqual([undefined, ...source.headers, 'Problem']);
    expect(ws.rowCount).toBe(3);
    expect(ws.getCell('A2').value).toBe('21CSE0042');
    expect(String(ws.getCell('K2').value)).toBe(
      'Roll number 21CSE0042 appears twice in this file (rows 9 and 10). Email "meena@college" is not a valid email address (it should look like name@college.edu). Semester must be 1 to 12 (for example 3, III or 3rd sem); found "Sem 13". GPA must be between 0 and 10; found 12.5. Attendance must be between 0 and 100; found 140.',
    );
    const shaded = (addr: string): boolean =>
      (ws.getCell(addr).fill as ExcelJS.FillPattern | undefined)?.pattern === 'solid';
    expect(['A2', 'C2', 'F2', 'G2', 'H2'].every(shaded)).toBe(true);
    expect(shaded('B2')).toBe(false);
  });

  it('re-imports after the clerk fixes it: Problem is left unmapped and the rows pass', async () => {
    const { source, mapping, v } = await messyValidation();
    for (const [buf, name] of [
      [await writeErrorReportXlsx(source, v.problems), 'fix.xlsx'],
      [writeErrorReportCsv(source, v.problems), 'fix.csv'],
    ] as const) {
      const report = await readRosterBuffer(buf, name);
      expect(report.headers).toEqual([...source.headers, 'Problem']);
      const suggestion = suggestMapping(report.headers, 'students');
      expect(suggestion.mapping).toEqual(mapping);
      expect(suggestion.unmappedHeaders).toContain('Problem');
      const fixed = structuredClone(report);
      const [r9, r10] = fixed.rows;
      Object.assign(r9!.cells, { 'Email ID': 'meena@college.edu', Semester: '3', CGPA: '9.5', 'Att%': '94' });
      Object.assign(r10!.cells, { 'Roll No.': '21CSE0043', Branch: 'B.Tech CSE' });
      const again = await validateStudentRoster(fixed, { mapping, knownPrograms: PROGRAMS, lookup });
      expect(again.problems, name).toEqual([]);
      expect(again.valid.map((r) => r.rollNumber)).toEqual(['21CSE0042', '21CSE0043']);
    }
  });

  it('replaces an old Problem column instead of adding a second one', async () => {
    const { source, v } = await messyValidation();
    const report = await readRosterBuffer(writeErrorReportCsv(source, v.problems), 'fix.csv');
    const again = await readRosterBuffer(
      writeErrorReportCsv(report, [{ row: 2, column: 'CGPA', value: '', message: 'Still wrong.' }]),
      'again.csv',
    );
    expect(again.headers.filter((h) => h.startsWith('Problem'))).toEqual(['Problem']);
    expect(again.rows.map((r) => r.cells['Problem'])).toEqual(['Still wrong.']);
  });
});
