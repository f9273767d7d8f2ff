import { describe, expect, it } from 'vitest';
import { messyStudents, workbookBuffer } from '../../../tests/fixtures/roster/build-xlsx.ts';
import { readRosterBuffer } from './read-file.ts';
import { parseDate } from './values.ts';

describe('reading a messy .xlsx roster built with exceljs', () => {
  it('finds the header below the merged title and keeps Excel row numbers', async () => {
    const t = await readRosterBuffer(await workbookBuffer(messyStudents), 'roster.xlsx');
    expect(t.sheetNames).toEqual(['CSE 2025']);
    expect(t.sheetName).toBe('CSE 2025');
    expect(t.headerRowIndex).toBe(4);
    // The merged "Student Name" sits in its master cell B; C (covered by the merge, no data) goes.
    expect(t.headers).toEqual([
      'Roll No.',
      'Student Name',
      'Email ID',
      'Mobile',
      'Branch',
      'Semester',
      'CGPA',
      'Att%',
      'Faculty Advisor',
      'Date of Birth',
    ]);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([5, 6, 7, 9, 10]);
  });

  it('keeps what the user sees: leading zeros, text numbers, rich text, links, formulas, percents', async () => {
    const t = await readRosterBuffer(await workbookBuffer(messyStudents), 'roster.xlsx');
    const [r5, r6, r7, r9] = t.rows;
    expect(r5!.cells['Roll No.']).toBe('00123');
    expect(r6!.cells['Roll No.']).toBe('00423'); // 423 shown through the "00000" format
    expect(r7!.cells['Roll No.']).toBe(21042);
    expect(r9!.cells['Roll No.']).toBe('21CSE0042'); // trailing space trimmed
    expect(r5!.cells['Email ID']).toBe('Ramesh.K@College.EDU');
    expect(r6!.cells['Email ID']).toBe('priya@college.edu'); // hyperlink cell → its text
    expect(r7!.cells['Student Name']).toBe('Anil Kumar'); // rich text runs joined
    expect(r5!.cells['CGPA']).toBe('8.5'); // number stored as text stays text
    expect(r6!.cells['CGPA']).toBe(8.46); // cached formula result, never re-evaluated
    expect(r6!.cells['Att%']).toBe('75.5%'); // 0.755 formatted as a percentage
    expect(r6!.cells['Mobile']).toBe(9845012346);
    expect(r6!.cells['Faculty Advisor']).toBeNull();
  });

  it('turns date cells, serials and text dates into ISO dates', async () => {
    const t = await readRosterBuffer(await workbookBuffer(messyStudents), 'roster.xlsx');
    const dob = t.rows.map((r) => parseDate(r.cells['Date of Birth']));
    expect(dob).toEqual(['2004-08-15', '2004-01-14', '2003-03-05', null, '2004-12-01']);
    expect(t.rows[0]!.cells['Date of Birth']).toBeInstanceOf(Date);
  });

  it('reads a chosen sheet by name, defaults to the first visible one, and lists visible sheets', async () => {
    const buf = await workbookBuffer((wb) => {
      const lookup = wb.addWorksheet('Lookups');
      lookup.state = 'hidden';
      lookup.addRow(['Program']);
      wb.addWorksheet('ECE').addRows([
        ['Roll No', 'Name'],
        ['ECE001', 'Asha'],
      ]);
      wb.addWorksheet('CSE').addRows([
        ['Roll No', 'Name'],
        ['CSE001', 'Ravi'],
      ]);
    });
    const first = await readRosterBuffer(buf, 'x.xlsx');
    expect(first.sheetNames).toEqual(['ECE', 'CSE']);
    expect(first.rows[0]!.cells['Roll No']).toBe('ECE001');
    const cse = await readRosterBuffer(buf, 'x.xlsx', { sheetName: 'cse' });
    expect(cse.rows[0]!.cells['Name']).toBe('Ravi');
    await expect(readRosterBuffer(buf, 'x.xlsx', { sheetName: 'MECH' })).rejects.toMatchObject({
      code: 'SHEET_NOT_FOUND',
      message: expect.stringContaining('ECE, CSE'),
    });
  });

  it('names blank and repeated titles so every column stays addressable', async () => {
    const buf = await workbookBuffer((wb) => {
      wb.addWorksheet('S').addRows([
        ['Roll No', 'Email', null, 'Email'],
        ['A001', 'a@x.in', 'note', 'b@x.in'],
      ]);
    });
    const t = await readRosterBuffer(buf, 'x.xlsx');
    expect(t.headers).toEqual(['Roll No', 'Email', 'Column C', 'Email (2)']);
    expect(t.rows[0]!.cells).toEqual({
      'Roll No': 'A001',
      Email: 'a@x.in',
      'Column C': 'note',
      'Email (2)': 'b@x.in',
    });
  });

  it('reads formula cells without a cached value as empty, and error results as the error text', async () => {
    const buf = await workbookBuffer((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Roll No', 'GPA', 'Attendance']);
      ws.addRow(['A001', { formula: 'B3*2' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    });
    const t = await readRosterBuffer(buf, 'x.xlsx');
    expect(t.rows[0]!.cells).toEqual({ 'Roll No': 'A001', GPA: null, Attendance: '#DIV/0!' });
  });

  it('reads 1904-system workbooks (old Mac Excel) to the same dates', async () => {
    const buf = await workbookBuffer((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.addRow(['Roll No', 'Admitted']);
      ws.addRow(['A001', new Date(Date.UTC(2024, 5, 1))]);
    });
    const t = await readRosterBuffer(buf, 'x.xlsx');
    expect(parseDate(t.rows[0]!.cells['Admitted'])).toBe('2024-06-01');
  });

  it('gives a cell merged down a column to every row it covers, and reads two-line headers', async () => {
    const buf = await workbookBuffer((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(1).values = ['Roll No', 'Student', null, 'Programme'];
      ws.getRow(2).values = [null, 'First Name', 'Last Name', null];
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:C1');
      ws.mergeCells('D1:D2');
      ws.getRow(3).values = ['R001', 'Asha', 'Rao', 'B.Tech CSE'];
      ws.getRow(4).values = ['R002', 'Ravi', 'Iyer'];
      ws.getRow(5).values = ['R003', 'Meena', 'Das', 'MCA'];
      ws.mergeCells('D3:D4');
    });
    const t = await readRosterBuffer(buf, 'x.xlsx');
    expect(t.headerRowIndex).toBe(2);
    expect(t.headers).toEqual(['Roll No', 'First Name', 'Last Name', 'Programme']);
    expect(t.rows.map((r) => [r.cells['Roll No'], r.cells['Programme']])).toEqual([
      ['R001', 'B.Tech CSE'],
      ['R002', 'B.Tech CSE'],
      ['R003', 'MCA'],
    ]);
  });
});
