import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workbookBuffer } from '../../../tests/fixtures/roster/build-xlsx.ts';
import {
  deflatedEntry,
  deflatedRun,
  sheetXml,
  workbookSkeleton,
  zipFile,
  type RawEntry,
} from '../../../tests/fixtures/roster/build-zip.ts';
import { measureInChild } from '../../../tests/fixtures/roster/measure-roster.ts';
import { readRosterBuffer, readRosterFile } from './read-file.ts';

const GB = 1024 * 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
let bombSheet: RawEntry;
let dir: string;

beforeAll(async () => {
  // 1 GB of spaces deflates to about 1 MB: the classic single-entry bomb, built once for the file.
  bombSheet = await deflatedRun(SHEET, GB);
  dir = await mkdtemp(join(tmpdir(), 'smms-roster-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile and broken files are refused with a clear message', () => {
  it('a hand-made minimal workbook passes the guard and reads normally', async () => {
    const xlsx = zipFile([...workbookSkeleton(), deflatedEntry(SHEET, sheetXml(3, 2))]);
    const t = await readRosterBuffer(xlsx, 'ok.xlsx');
    expect(t.headers).toEqual(['1', '1 (2)']);
    expect(t.rows.map((r) => r.rowNumber)).toEqual([2, 3]);
  });

  it('refuses a zip bomb that declares its size, before inflating it', async () => {
    const bomb = zipFile([...workbookSkeleton(), bombSheet]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expect(readRosterBuffer(bomb, 'roster.xlsx')).rejects.toMatchObject({
      code: 'SUSPICIOUS_ZIP',
      message: expect.stringContaining('zip bomb'),
    });
  });

  it('refuses a zip bomb whose directory lies about its size, after inflating only what it declared', async () => {
    const bomb = zipFile([...workbookSkeleton(), bombSheet], { [SHEET]: 20_000 });
    await expect(readRosterBuffer(bomb, 'roster.xlsx')).rejects.toMatchObject({
      code: 'SUSPICIOUS_ZIP',
      message: expect.stringContaining('larger than it declares'),
    });
  });

  it('refuses a workbook that expands beyond the total limit, a ZIP64 size marker, and too many parts', async () => {
    const big = zipFile([...workbookSkeleton(), deflatedEntry(SHEET, sheetXml(2000, 5))]);
    await expect(
      readRosterBuffer(big, 'x.xlsx', { limits: { zip: { maxUncompressedBytes: 100_000 } } }),
    ).rejects.toMatchObject({ code: 'SUSPICIOUS_ZIP', message: expect.stringContaining('expands to') });
    const zip64 = zipFile([...workbookSkeleton(), bombSheet], { [SHEET]: 0xffffffff });
    await expect(readRosterBuffer(zip64, 'x.xlsx')).rejects.toMatchObject({
      message: expect.stringContaining('more than 4 GB'),
    });
    const parts = zipFile([...workbookSkeleton(), deflatedEntry(SHEET, sheetXml(2, 2))]);
    await expect(
      readRosterBuffer(parts, 'x.xlsx', { limits: { zip: { maxEntries: 3 } } }),
    ).rejects.toMatchObject({ code: 'SUSPICIOUS_ZIP', message: expect.stringContaining('5 parts') });
  });

  it('refuses too many cells or rows before exceljs builds them', async () => {
    const wide = zipFile([...workbookSkeleton(), deflatedEntry(SHEET, sheetXml(2000, 10))]);
    await expect(
      readRosterBuffer(wide, 'x.xlsx', { limits: { zip: { maxCells: 10_000 } } }),
    ).rejects.toMatchObject({ code: 'SUSPICIOUS_ZIP', message: expect.stringContaining('10,000 cells') });
    const tall = zipFile([...workbookSkeleton(), deflatedEntry(SHEET, sheetXml(3000, 1))]);
    await expect(readRosterBuffer(tall, 'x.xlsx', { limits: { maxRows: 1000 } })).rejects.toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringContaining('more than 1,000 rows'),
    });
  });

  it('counts only non-blank data rows against the row limit', async () => {
    const buf = await workbookBuffer((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['Roll No', 'Name']);
      for (let i = 0; i < 1001; i++) ws.addRow([`R${i}`, 'x']);
    });
    await expect(readRosterBuffer(buf, 'x.xlsx', { limits: { maxRows: 1000 } })).rejects.toMatchObject({
      code: 'TOO_MANY_ROWS',
    });
    const t = await readRosterBuffer(buf, 'x.xlsx', { limits: { maxRows: 1001 } });
    expect(t.rows).toHaveLength(1001);
  });

  it('refuses a CSV over the default 50,000 rows', async () => {
    const lines = ['Roll No,Name'];
    for (let i = 0; i < 50_001; i++) lines.push(`R${i},Name ${i}`);
    await expect(readRosterBuffer(Buffer.from(lines.join('\n')), 'big.csv')).rejects.toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: expect.stringContaining('50,000'),
    });
  });

  it('refuses a 200 MB file from its size alone, and honours a configured limit', async () => {
    const path = join(dir, 'huge.xlsx');
    await writeFile(path, '');
    await truncate(path, 200 * 1024 * 1024); // sparse: no 200 MB is ever written or read
    await expect(readRosterFile(path)).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message:
        'This file is 200.0 MB; the largest file you can import is 20.0 MB. Remove other sheets or split the roster into smaller files.',
    });
    await expect(
      readRosterBuffer(Buffer.from('Roll No\n001\n'), 'a.csv', { limits: { maxFileBytes: 5 } }),
    ).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('refuses binary garbage renamed .csv, with and without NUL bytes', async () => {
    const garbage = randomBytes(64 * 1024);
    const noNul = Buffer.from(garbage.map((b) => (b === 0 ? 1 : b)));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), noNul]);
    for (const buf of [garbage, noNul, png, Buffer.from('%PDF-1.7\n%âãÏÓ\n')]) {
      await expect(readRosterBuffer(buf, 'roster.csv')).rejects.toMatchObject({
        code: 'NOT_SPREADSHEET',
        message:
          'This file is not a spreadsheet or CSV file. Choose an Excel workbook (.xlsx) or a CSV file.',
      });
    }
  });

  it('names the real problem for a .docx or .zip, an old .xls, a web page, a truncated or empty file', async () => {
    const docx = zipFile([deflatedEntry('word/document.xml', '<w:document/>')]);
    await expect(readRosterBuffer(docx, 'r.xlsx')).rejects.toMatchObject({ code: 'NOT_SPREADSHEET' });
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    await expect(readRosterBuffer(ole, 'r.xls')).rejects.toMatchObject({
      code: 'OLD_EXCEL_FORMAT',
      message: expect.stringContaining('97-2003'),
    });
    const html = Buffer.from('<html><body><table><tr><td>Roll No</td></tr></table></body></html>');
    await expect(readRosterBuffer(html, 'r.xls')).rejects.toMatchObject({
      message: expect.stringContaining('web page'),
    });
    const good = await workbookBuffer((wb) => wb.addWorksheet('S').addRow(['Roll No']));
    await expect(readRosterBuffer(good.subarray(0, good.length - 40), 'r.xlsx')).rejects.toMatchObject({
      code: 'DAMAGED',
    });
    await expect(readRosterBuffer(Buffer.alloc(0), 'r.csv')).rejects.toMatchObject({ code: 'EMPTY' });
    await expect(readRosterBuffer(Buffer.from('\r\n\r\n,,\r\n'), 'r.csv')).rejects.toMatchObject({
      code: 'EMPTY',
    });
  });

  it('keeps memory bounded: a lying 1 GB bomb and 19 MB of garbage cost a fresh process little', async () => {
    // Without the guard, exceljs (JSZip) inflates the whole gigabyte before it notices the lie:
    // measured at 1.2 GB peak RSS and 13 s. Each case runs in its own process so its peak is its own.
    const bombPath = join(dir, 'bomb-lying.xlsx');
    await writeFile(bombPath, zipFile([...workbookSkeleton(), bombSheet], { [SHEET]: 20_000 }));
    const garbagePath = join(dir, 'garbage.csv');
    await writeFile(garbagePath, Buffer.from(randomBytes(19 * 1024 * 1024).map((b) => b || 1)));
    for (const [name, path] of [
      ['bomb', bombPath],
      ['garbage', garbagePath],
    ] as const) {
      const r = measureInChild(name, path);
      expect(r.outcome, name).toMatch(/^(SUSPICIOUS_ZIP|NOT_SPREADSHEET)$/);
      expect(r.peakRssMb - r.baselineRssMb, name).toBeLessThan(64);
    }
  });
});
