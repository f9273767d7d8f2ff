import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { decodeText, notSpreadsheet, readCsvText } from './read-csv.ts';
import { listXlsxSheets, readXlsx } from './read-xlsx.ts';
import {
  DEFAULT_READ_LIMITS,
  RosterReadError,
  formatBytes,
  type ReadLimits,
  type RosterTable,
  type ZipLimits,
} from './roster.types.ts';

export interface ReadOptions {
  /** Sheet to read (xlsx); the first visible sheet when absent. */
  sheetName?: string;
  limits?: Partial<Omit<ReadLimits, 'zip'>> & { zip?: Partial<ZipLimits> };
}

const resolveLimits = (o: ReadOptions | undefined): ReadLimits => ({
  ...DEFAULT_READ_LIMITS,
  ...o?.limits,
  zip: { ...DEFAULT_READ_LIMITS.zip, ...o?.limits?.zip },
});

type Kind = 'xlsx' | 'text';

// The bytes decide, not the name: offices rename files, and a hostile file lies about its type.
function sniff(buf: Buffer): Kind {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (buf.length >= 4 && buf.readUInt32BE(0) === 0xd0cf11e0) {
    throw new RosterReadError(
      'OLD_EXCEL_FORMAT',
      'This is an old Excel 97-2003 (.xls) file or a password-protected workbook. Open it in Excel, remove any password, and save it as an Excel Workbook (.xlsx).',
    );
  }
  if (buf.length >= 4 && buf.toString('latin1', 0, 4) === '%PDF') throw notSpreadsheet();
  return 'text';
}

function checkSize(bytes: number, limits: ReadLimits): void {
  if (bytes > limits.maxFileBytes) {
    throw new RosterReadError(
      'TOO_LARGE',
      `This file is ${formatBytes(bytes)}; the largest file you can import is ${formatBytes(limits.maxFileBytes)}. Remove other sheets or split the roster into smaller files.`,
    );
  }
  if (bytes === 0) throw new RosterReadError('EMPTY', 'This file is empty.');
}

const tsvName = (fileName: string): boolean => ['.tsv', '.tab'].includes(extname(fileName).toLowerCase());

/** Reads a roster already in memory; `fileName` only hints the delimiter (.tsv means tab). */
export async function readRosterBuffer(
  buf: Buffer,
  fileName: string,
  options?: ReadOptions,
): Promise<RosterTable> {
  const limits = resolveLimits(options);
  checkSize(buf.length, limits);
  if (sniff(buf) === 'xlsx') return readXlsx(buf, limits, options?.sheetName);
  return readCsvText(decodeText(buf), limits.maxRows, tsvName(fileName) ? '\t' : undefined);
}

/** Reads a roster file; an oversized file is refused from its size alone, before it is read. */
export async function readRosterFile(path: string, options?: ReadOptions): Promise<RosterTable> {
  const limits = resolveLimits(options);
  const info = await stat(path);
  if (!info.isFile()) throw notSpreadsheet();
  checkSize(info.size, limits);
  return readRosterBuffer(await readFile(path), basename(path), options);
}

/** Visible sheet names of a workbook; an empty list for CSV/TSV, which has no sheets. */
export async function listRosterSheets(path: string, options?: ReadOptions): Promise<string[]> {
  const limits = resolveLimits(options);
  const info = await stat(path);
  checkSize(info.size, limits);
  const buf = await readFile(path);
  if (sniff(buf) !== 'xlsx') return [];
  return listXlsxSheets(buf, limits);
}
