import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { RosterReadError, type ZipLimits } from './roster.types.ts';

// exceljs hands the whole file to JSZip, which inflates every entry fully into memory and trusts
// nothing but the deflate stream itself. So before exceljs sees a byte we read the zip's central
// directory, refuse implausible sizes, and then inflate each entry once more as a stream, counting
// real bytes against the declared ones (a bomb can lie in its directory) and counting rows and cells
// so an oversized sheet is refused before exceljs builds millions of cell objects.

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const SIZE_MARKER = 0xffffffff;

const suspicious = (detail: string): RosterReadError =>
  new RosterReadError(
    'SUSPICIOUS_ZIP',
    `This Excel file cannot be opened safely: ${detail}. Open it in Excel, check it, and save it again as .xlsx.`,
  );

const damaged = (): RosterReadError =>
  new RosterReadError(
    'DAMAGED',
    'This Excel file is damaged or incomplete. Open it in Excel and save it again as .xlsx.',
  );

function findEndOfCentralDirectory(buf: Buffer): number {
  // The EOCD record sits in the last 22 bytes plus an optional comment of up to 64 KB.
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  }
  throw damaged();
}

function readCentralDirectory(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) throw suspicious(`it holds ${count} parts`);
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL_SIG) throw damaged();
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function checkDeclaredSizes(entries: ZipEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    // A 0xFFFFFFFF size means "4 GB or more, see the ZIP64 record": never a roster.
    if (e.uncompressedSize === SIZE_MARKER || e.compressedSize === SIZE_MARKER) {
      throw suspicious('it claims to contain more than 4 GB of data');
    }
    if (e.method !== 0 && e.method !== 8) throw suspicious('it uses an unsupported compression');
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw suspicious(`one part expands ${Math.round(ratio)} times (a "zip bomb")`);
    }
  }
  if (total > limits.maxUncompressedBytes) {
    throw suspicious(`it expands to ${Math.round(total / (1024 * 1024))} MB`);
  }
}

function entryData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL_SIG) throw damaged();
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw damaged();
  return buf.subarray(start, start + e.compressedSize);
}

export interface SheetCounts {
  /** Largest number of `<row>` elements in any one worksheet. */
  maxRowsInSheet: number;
  /** `<c>` elements across all worksheets. */
  cells: number;
}

const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const CELL_TAG = /<(?:\w+:)?c[\s>/]/g;

const countMatches = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** Inflates one entry as a stream; throws as soon as it yields more than it declared. */
async function inflateCounting(
  data: Buffer,
  e: ZipEntry,
  isSheet: boolean,
): Promise<{ rows: number; cells: number }> {
  const source = Readable.from([data]);
  const stream = e.method === 8 ? source.pipe(createInflateRaw()) : source;
  let bytes = 0;
  let rows = 0;
  let cells = 0;
  // A tag cut by a chunk boundary is carried over whole (from its '<') and counted once.
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > e.uncompressedSize) throw suspicious('its contents are larger than it declares');
      if (!isSheet) continue;
      const text = carry + chunk.toString('latin1');
      const lastOpen = text.lastIndexOf('<');
      const splitAt = lastOpen >= 0 && text.length - lastOpen < 32 ? lastOpen : text.length;
      const complete = text.slice(0, splitAt);
      rows += countMatches(complete, ROW_TAG);
      cells += countMatches(complete, CELL_TAG);
      carry = text.slice(splitAt);
    }
  } catch (err) {
    source.destroy();
    if (err instanceof RosterReadError) throw err;
    throw damaged();
  }
  rows += countMatches(carry, ROW_TAG);
  cells += countMatches(carry, CELL_TAG);
  return { rows, cells };
}

/**
 * Refuses zip bombs and oversized workbooks before exceljs inflates anything. Memory stays at the
 * file plus one inflate window, whatever the file claims.
 */
export async function inspectXlsxZip(buf: Buffer, limits: ZipLimits): Promise<SheetCounts> {
  const entries = readCentralDirectory(buf, limits);
  if (!entries.some((e) => /^\/?xl\/workbook\.xml$/i.test(e.name))) {
    // A .docx, .pptx or plain .zip renamed .xlsx: the same container, but no workbook inside.
    throw new RosterReadError(
      'NOT_SPREADSHEET',
      'This file is not a spreadsheet or CSV file. Choose an Excel workbook (.xlsx) or a CSV file.',
    );
  }
  checkDeclaredSizes(entries, limits);
  let maxRowsInSheet = 0;
  let cells = 0;
  for (const e of entries) {
    const isSheet = /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(e.name);
    const counted = await inflateCounting(entryData(buf, e), e, isSheet);
    maxRowsInSheet = Math.max(maxRowsInSheet, counted.rows);
    cells += counted.cells;
    if (cells > limits.maxCells) {
      throw suspicious(`its sheets hold more than ${limits.maxCells.toLocaleString('en-IN')} cells`);
    }
  }
  return { maxRowsInSheet, cells };
}
