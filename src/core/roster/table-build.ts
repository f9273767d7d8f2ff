import { headerMatchScore } from './mapping.ts';
import { RosterReadError, type CellValue, type RosterRow, type RosterTable } from './roster.types.ts';

/** One row of the sheet as read, before we know which row is the header. */
export interface RawRow {
  rowNumber: number;
  values: CellValue[];
}

/** Offices put a title, a date line and a blank row or two above the real header. */
const HEADER_SEARCH_ROWS = 15;

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const isBlank = (row: RawRow): boolean => row.values.every((v) => v === null);

const headerText = (v: CellValue): string =>
  v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).replace(/\s+/g, ' ').trim();

function pickHeaderRow(candidates: RawRow[]): RawRow {
  let best: RawRow | undefined;
  let bestScore = 0;
  for (const row of candidates) {
    const score = headerMatchScore(row.values.map(headerText));
    if (score > bestScore) {
      best = row;
      bestScore = score;
    }
  }
  if (best) return best;
  // No known titles at all (a table export of another screen): take the first row made only of
  // text with at least two titles, which skips a one-cell title line.
  const textual = candidates.find((r) => {
    const filled = r.values.filter((v) => v !== null);
    return filled.length >= 2 && filled.every((v) => typeof v === 'string');
  });
  return textual ?? (candidates[0] as RawRow);
}

function makeHeaders(header: RawRow, width: number): string[] {
  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let i = 0; i < width; i++) {
    const base = headerText(header.values[i] ?? null) || `Column ${columnLetter(i)}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    headers.push(n === 1 ? base : `${base} (${n})`);
  }
  return headers;
}

/** Finds the header row, names the columns and keys every later non-blank row by header. */
export function buildTable(rows: Iterable<RawRow>, maxRows: number): RosterTable {
  const candidates: RawRow[] = [];
  const iterator = rows[Symbol.iterator]();
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    if (isBlank(next.value)) continue;
    candidates.push(next.value);
    if (candidates.length >= HEADER_SEARCH_ROWS) break;
  }
  if (candidates.length === 0) {
    throw new RosterReadError('EMPTY', 'This sheet is empty: there is no header row and no data.');
  }
  const header = pickHeaderRow(candidates);
  const dataRows = candidates.filter((r) => r.rowNumber > header.rowNumber);
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    if (isBlank(next.value)) continue;
    dataRows.push(next.value);
    if (dataRows.length > maxRows) {
      throw new RosterReadError(
        'TOO_MANY_ROWS',
        `This sheet has more than ${maxRows.toLocaleString('en-IN')} rows of data. Split it into smaller files and import them one after another.`,
      );
    }
  }
  let width = header.values.length;
  for (const r of dataRows) width = Math.max(width, r.values.length);
  const headers = makeHeaders(header, width);
  const out: RosterRow[] = dataRows.map((r) => {
    const cells: Record<string, CellValue> = {};
    headers.forEach((h, i) => (cells[h] = r.values[i] ?? null));
    return { rowNumber: r.rowNumber, cells };
  });
  return { headerRowIndex: header.rowNumber, headers: dropEmptyColumns(headers, header, out), rows: out };
}

/** A column with neither a title nor any data is formatting residue, not a column. */
function dropEmptyColumns(headers: string[], header: RawRow, rows: RosterRow[]): string[] {
  const keep = headers.filter(
    (h, i) => (header.values[i] ?? null) !== null || rows.some((r) => r.cells[h] !== null),
  );
  if (keep.length === headers.length) return headers;
  const dropped = headers.filter((h) => !keep.includes(h));
  for (const r of rows) for (const h of dropped) delete r.cells[h];
  return keep;
}
