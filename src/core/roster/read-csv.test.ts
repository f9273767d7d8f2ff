import { describe, expect, it } from 'vitest';
import { readRosterBuffer } from './read-file.ts';

// CSV fixtures are written as raw bytes, the way Excel and LibreOffice save them.
const bytes = (...parts: (string | number[] | Buffer)[]): Buffer =>
  Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );
const BOM = [0xef, 0xbb, 0xbf];

describe('reading CSV and TSV rosters', () => {
  it('reads UTF-8 with BOM and CRLF, keeping leading zeros and text as typed', async () => {
    const buf = bytes(BOM, 'Roll No,Name,Email,CGPA\r\n00123,Kavya Iyer,kavya@college.edu,8.50\r\n');
    const t = await readRosterBuffer(buf, 'r.csv');
    expect(t.headers).toEqual(['Roll No', 'Name', 'Email', 'CGPA']); // no BOM glued to "Roll No"
    expect(t.rows).toEqual([
      {
        rowNumber: 2,
        cells: { 'Roll No': '00123', Name: 'Kavya Iyer', Email: 'kavya@college.edu', CGPA: '8.50' },
      },
    ]);
  });

  it('reads a Windows-1252 file with semicolons and a title line (Excel "CSV" on a European locale)', async () => {
    const latin = Buffer.from(
      'Student list;;\r\n;;\r\nRoll No;Name;CGPA\r\n21CS001;José Muñoz;8,5\r\n21CS002;Ana Peña;7,0\r\n',
      'latin1',
    );
    const curly = bytes('21CS003;Ryan D', [0x92], 'Souza;9\r\n');
    const t = await readRosterBuffer(Buffer.concat([latin, curly]), 'r.csv');
    expect(t.headerRowIndex).toBe(3);
    expect(t.rows.map((r) => r.cells['Name'])).toEqual(['José Muñoz', 'Ana Peña', 'Ryan D\u2019Souza']);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6]);
    expect(t.rows[0]!.cells['CGPA']).toBe('8,5');
  });

  it('treats UTF-8 without BOM as UTF-8, not Windows-1252', async () => {
    const t = await readRosterBuffer(bytes('Roll No,Name\n21CS001,Zoë Ñandú\n'), 'r.csv');
    expect(t.rows[0]!.cells['Name']).toBe('Zoë Ñandú');
  });

  it('detects tabs, and uses tabs for .tsv even when a comma looks plausible', async () => {
    const detected = await readRosterBuffer(bytes('Roll No\tName\tEmail\n001\tRao, K\tk@x.in\n'), 'r.txt');
    expect(detected.rows[0]!.cells['Name']).toBe('Rao, K');
    const forced = await readRosterBuffer(bytes('Roll No\tName, in full\n001\tRao, K\n'), 'r.tsv');
    expect(forced.headers).toEqual(['Roll No', 'Name, in full']);
  });

  it('reads Excel "Unicode Text" (UTF-16 LE with BOM, tab separated)', async () => {
    const text = Buffer.from('Roll No\tName\r\n0042\tSrī Lakṣmī\r\n', 'utf16le');
    const t = await readRosterBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), text]), 'r.txt');
    expect(t.rows[0]!.cells).toEqual({ 'Roll No': '0042', Name: 'Srī Lakṣmī' });
  });

  it('skips blank lines but keeps the row numbers Excel would show, with quoted multi-line cells as one row', async () => {
    const t = await readRosterBuffer(
      bytes('Roll No,Name,Remarks\n\n001,Asha,"line one\nline two"\n,,\n002,"Rao, K",\n'),
      'r.csv',
    );
    expect(t.headerRowIndex).toBe(1);
    expect(t.rows.map((r) => [r.rowNumber, r.cells['Name'], r.cells['Remarks']])).toEqual([
      [3, 'Asha', 'line one\nline two'],
      [5, 'Rao, K', null],
    ]);
  });

  it('undoes the formula guard of our own CSV export', async () => {
    const t = await readRosterBuffer(bytes("Roll No,Phone,Note\n001,'+919876543210,'=1+2\n"), 'r.csv');
    expect(t.rows[0]!.cells).toEqual({ 'Roll No': '001', Phone: '+919876543210', Note: '=1+2' });
  });

  it('refuses an unterminated quote instead of swallowing the rest of the file', async () => {
    const buf = bytes('Roll No,Name\n001,"Asha\n002,Ravi\n003,Meena\n');
    await expect(readRosterBuffer(buf, 'r.csv')).rejects.toMatchObject({
      code: 'DAMAGED',
      message: expect.stringContaining('Row 2'),
    });
  });

  it('reads a CSV renamed .xlsx by its content', async () => {
    const t = await readRosterBuffer(bytes('Roll No,Name\n001,Asha\n'), 'roster.xlsx');
    expect(t.rows[0]!.cells['Name']).toBe('Asha');
  });

  it('honours an Excel "sep=" line and numbers rows as Excel shows them (without that line)', async () => {
    const t = await readRosterBuffer(bytes('sep=;\r\nRoll No;Name, full\r\n001;Rao, K\r\n'), 'r.csv');
    expect(t.headerRowIndex).toBe(1);
    expect(t.rows).toEqual([{ rowNumber: 2, cells: { 'Roll No': '001', 'Name, full': 'Rao, K' } }]);
  });
});
