import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { buildTable, type RawRow } from './table-build.ts';
import { RosterReadError, type CellValue, type RosterTable } from './roster.types.ts';

/** Blank and title lines a CSV may carry beyond maxRows before we stop parsing it. */
const ROW_SLACK = 1_000;

export const notSpreadsheet = (): RosterReadError =>
  new RosterReadError(
    'NOT_SPREADSHEET',
    'This file is not a spreadsheet or CSV file. Choose an Excel workbook (.xlsx) or a CSV file.',
  );

const startsWith = (buf: Buffer, bytes: number[]): boolean => bytes.every((b, i) => buf[i] === b);

// C0 controls other than tab, LF and CR, DEL, and the replacement character: text files have
// next to none, binary files are full of them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

const SAMPLE_BYTES = 256 * 1024;

function looksLikeText(sample: string): boolean {
  if (sample.includes('\u0000')) return false;
  const controls = sample.match(CONTROL)?.length ?? 0;
  return controls <= Math.max(2, sample.length / 1000);
}

type Decode = (bytes: Buffer) => string;
const utf16le: Decode = (b) => iconv.decode(b, 'utf16le');
const utf16be: Decode = (b) => iconv.decode(b, 'utf16be');
const win1252: Decode = (b) => iconv.decode(b, 'win1252');
const utf8: Decode = (b) => b.toString('utf8');

/**
 * UTF-8 (with or without BOM) first; Excel's "Unicode text" is UTF-16 with a BOM; anything that is
 * not valid UTF-8 was saved by Excel on an Indian/Western Windows PC, i.e. Windows-1252. A sample
 * is judged before the whole file is decoded, so binary garbage costs no more than its bytes.
 */
export function decodeText(buf: Buffer): string {
  let body = buf;
  let decode: Decode;
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) [body, decode] = [buf.subarray(3), utf8];
  else if (startsWith(buf, [0xff, 0xfe])) [body, decode] = [buf.subarray(2), utf16le];
  else if (startsWith(buf, [0xfe, 0xff])) [body, decode] = [buf.subarray(2), utf16be];
  else if (buf.includes(0)) throw notSpreadsheet();
  else {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
      if (!looksLikeText(text.slice(0, SAMPLE_BYTES))) throw notSpreadsheet();
      return refuseWebPage(text);
    } catch (err) {
      if (err instanceof RosterReadError) throw err;
      decode = win1252;
    }
  }
  if (!looksLikeText(decode(body.subarray(0, SAMPLE_BYTES)))) throw notSpreadsheet();
  return refuseWebPage(decode(body));
}

function refuseWebPage(text: string): string {
  if (/^\s*<(!doctype html|html|table)\b/i.test(text)) {
    throw new RosterReadError(
      'NOT_SPREADSHEET',
      'This file is a web page saved under a spreadsheet name. Open it in Excel and save it as an Excel Workbook (.xlsx).',
    );
  }
  return text;
}

/** Undoes our own export's formula-injection guard ('=…, ''…), so an export re-imports unchanged. */
const NEUTRALISED = /^'[=+\-@\t\r']/;

function csvCell(raw: string | undefined): CellValue {
  if (raw === undefined) return null;
  const unguarded = NEUTRALISED.test(raw) ? raw.slice(1) : raw;
  const v = unguarded.trim();
  return v === '' ? null : v;
}

type Delimiter = ',' | ';' | '\t';
const DELIMITERS: Delimiter[] = [',', ';', '\t'];

/**
 * Papa's own guess scores by average field count and is thrown off by title lines and short
 * files, so we let Papa split a sample with each candidate and keep the delimiter under which the
 * most rows share one field count of two or more (ties: more columns, then the order above).
 */
export function guessDelimiter(text: string): Delimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: { d: Delimiter; rows: number; fields: number } = { d: ',', rows: 0, fields: 0 };
  for (const d of DELIMITERS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: d, preview: 50 }).data;
    const tally = new Map<number, number>();
    for (const r of rows) {
      if (r.length >= 2 && r.some((f) => f.trim() !== ''))
        tally.set(r.length, (tally.get(r.length) ?? 0) + 1);
    }
    for (const [fields, count] of tally) {
      if (count > best.rows || (count === best.rows && fields > best.fields))
        best = { d, rows: count, fields };
    }
  }
  return best.d;
}

/** Parses CSV/TSV text (delimiter guessed among comma, semicolon and tab unless given). */
export function readCsvText(raw: string, maxRows: number, delimiter?: Delimiter): RosterTable {
  // Excel honours a first line "sep=;" and hides it, so the rows it shows start below it.
  const sep = /^sep=([,;\t])\r?\n/i.exec(raw);
  const text = sep ? raw.slice(sep[0].length) : raw;
  const limit = maxRows + ROW_SLACK;
  const parsed = Papa.parse<string[]>(text, {
    delimiter: delimiter ?? (sep?.[1] as Delimiter | undefined) ?? guessDelimiter(text),
    skipEmptyLines: false,
    preview: limit + 1,
  });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new RosterReadError(
      'DAMAGED',
      `Row ${(quoteError.row ?? 0) + 1} opens a quotation mark (") that is never closed, so the rest of the file cannot be read reliably. Fix that row and try again.`,
    );
  }
  if (parsed.data.length > limit) {
    throw new RosterReadError(
      'TOO_MANY_ROWS',
      `This file has more than ${maxRows.toLocaleString('en-IN')} rows of data. Split it into smaller files and import them one after another.`,
    );
  }
  // Papa gives one record per row as Excel shows it, so a quoted multi-line cell stays one row.
  const rows: RawRow[] = parsed.data.map((fields, i) => ({
    rowNumber: i + 1,
    values: fields.map(csvCell),
  }));
  return buildTable(rows, maxRows);
}
