import type * as ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { loadExcelJS } from './exceljs.ts';
import { cellText } from './values.ts';
import type { CellValue } from './roster.types.ts';

/** Any table screen's current view: column titles and rows of cells in the same order. */
export interface TableData {
  headers: string[];
  rows: CellValue[][];
  /** Worksheet name (xlsx); cleaned to Excel's rules. */
  sheetName?: string;
}

export interface XlsxStyleHints {
  /** Cells to shade, e.g. the cells an error report blames: [rowIndex, columnIndex] pairs. */
  highlight?: ReadonlySet<string>;
  /** Columns whose text wraps (long messages). */
  wrapColumns?: ReadonlySet<number>;
}

export const cellKey = (rowIndex: number, columnIndex: number): string => `${rowIndex}:${columnIndex}`;

const isMidnightUtc = (d: Date): boolean => d.getTime() % 86_400_000 === 0;

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function safeSheetName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

function columnWidth(header: string, rows: CellValue[][], i: number): number {
  let width = header.length;
  // The first thousand rows show the shape of a column well enough, and keep export time flat.
  for (const row of rows.slice(0, 1000)) width = Math.max(width, cellText(row[i] ?? null).length);
  return Math.min(60, Math.max(8, width + 2));
}

function writeCell(cell: ExcelJS.Cell, value: CellValue): void {
  if (value instanceof Date) {
    cell.value = value;
    cell.numFmt = isMidnightUtc(value) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
    return;
  }
  // Strings are written as strings, so "00423" keeps its zeros and "=1+2" is never a formula.
  cell.value = value;
}

/** An .xlsx workbook with one sheet: bold frozen header, filter buttons, typed cells. */
export async function writeTableXlsx(table: TableData, hints: XlsxStyleHints = {}): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  wb.creator = 'SMMS Desktop';
  const ws = wb.addWorksheet(safeSheetName(table.sheetName), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = table.headers.map((h, i) => ({ width: columnWidth(h, table.rows, i) }));
  const header = ws.getRow(1);
  table.headers.forEach((h, i) => (header.getCell(i + 1).value = h));
  header.font = { bold: true };
  table.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    table.headers.forEach((_, c) => {
      const cell = row.getCell(c + 1);
      writeCell(cell, values[c] ?? null);
      if (hints.highlight?.has(cellKey(r, c))) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD7D7' } };
      }
      if (hints.wrapColumns?.has(c)) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  });
  if (table.headers.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Papa's own escapeFormulae pattern (/^[=+\-@\t\r].*$/) lets a multi-line "=cmd|…\n…" through
// because "." stops at the newline; any cell that merely starts with a trigger is escaped here.
// A value that itself starts with an apostrophe is escaped too, so the reader, which removes one
// apostrophe before a trigger or an apostrophe, gives back exactly what was exported.
const FORMULA_TRIGGER = /^[=+\-@\t\r']/;

/** CSV lines (CRLF, formula-safe, no BOM, no trailing newline) for `rows`; with the header row when asked. */
export function csvLines(
  headers: readonly string[],
  rows: readonly CellValue[][],
  withHeader: boolean,
): string {
  const data = rows.map((row) =>
    headers.map((_, i) => {
      const v = row[i] ?? null;
      return typeof v === 'number' ? v : cellText(v);
    }),
  );
  const text = Papa.unparse(
    { fields: [...headers], data },
    { newline: '\r\n', escapeFormulae: FORMULA_TRIGGER, header: withHeader },
  );
  // Papa ends a header-only table with a line break; rows never get one.
  return text.endsWith('\r\n') ? text.slice(0, -2) : text;
}

/**
 * CSV for Excel: UTF-8 with BOM (else Excel reads it as ANSI and mangles "é"), CRLF, and text
 * cells that Excel would run as a formula prefixed with an apostrophe. Numbers stay unprefixed
 * (-5 is a number, not an attack); our reader removes the apostrophe again on import.
 */
export function writeTableCsv(table: TableData): Buffer {
  return Buffer.from(`\uFEFF${csvLines(table.headers, table.rows, true)}\r\n`, 'utf8');
}
