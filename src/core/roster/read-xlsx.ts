import type * as ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';
import { buildTable, type RawRow } from './table-build.ts';
import { inspectXlsxZip } from './zip-guard.ts';
import { RosterReadError, type CellValue, type ReadLimits, type RosterTable } from './roster.types.ts';

/** `<row>` elements allowed beyond maxRows: title lines, blank lines and styled empty rows. */
const ROW_ELEMENT_SLACK = 1_000;

const stripQuoted = (fmt: string): string => fmt.replace(/"[^"]*"|\[[^\]]*]|\\./g, '');

/**
 * exceljs gives the stored number, but for identifiers the user's truth is the displayed text:
 * a roll number typed as 00423 in a column formatted "00000" is stored as 423.
 */
function numberCell(n: number, numFmt: string | undefined): CellValue {
  const fmt = stripQuoted(numFmt ?? '');
  if (fmt === '@') return String(n);
  if (/^0+$/.test(fmt) && Number.isInteger(n) && n >= 0) return String(n).padStart(fmt.length, '0');
  // A cell formatted as a percentage shows 82% for the stored 0.82; the user means 82.
  if (fmt.includes('%')) return `${Math.round(n * 100 * 1e6) / 1e6}%`;
  return n;
}

function scalar(v: unknown, numFmt: string | undefined): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? numberCell(v, numFmt) : null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    return scalar((o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''), numFmt);
  }
  // Formula cells: the value Excel last calculated; we never evaluate formulas ourselves.
  if ('formula' in o || 'sharedFormula' in o) return scalar(o.result, numFmt);
  if ('hyperlink' in o) return scalar(o.text, numFmt);
  if (typeof o.error === 'string') return o.error;
  return null;
}

function cellValue(cell: ExcelJS.Cell, merge: ExcelJS.ValueType): CellValue {
  if (cell.type === merge) {
    // A cell merged down a column ("B.Tech CSE" spanning a block of students, or "Roll No"
    // spanning both lines of a two-line header) belongs to every row it covers; a cell merged
    // across columns (a title, "Student Name" over B:C) belongs to its first column only.
    const master = cell.master;
    return master.col === cell.col ? scalar(master.value, master.numFmt) : null;
  }
  return scalar(cell.value, cell.numFmt);
}

function rawRows(sheet: ExcelJS.Worksheet, merge: ExcelJS.ValueType): RawRow[] {
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      values[col - 1] = cellValue(cell, merge);
    });
    for (let i = 0; i < values.length; i++) values[i] ??= null;
    rows.push({ rowNumber, values });
  });
  return rows;
}

const visibleSheets = (wb: ExcelJS.Workbook): ExcelJS.Worksheet[] =>
  wb.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');

async function loadWorkbook(buf: Buffer, limits: ReadLimits): Promise<ExcelJS.Workbook> {
  const counts = await inspectXlsxZip(buf, limits.zip);
  if (counts.maxRowsInSheet > limits.maxRows + ROW_ELEMENT_SLACK) {
    throw new RosterReadError(
      'TOO_MANY_ROWS',
      `This workbook has a sheet with more than ${limits.maxRows.toLocaleString('en-IN')} rows. Split it into smaller files and import them one after another.`,
    );
  }
  const { Workbook } = await loadExcelJS();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw new RosterReadError(
      'DAMAGED',
      'This Excel file could not be read. Open it in Excel and save it again as .xlsx.',
    );
  }
  return wb;
}

/** Names of the sheets a user can see, in workbook order (hidden lookup sheets are left out). */
export async function listXlsxSheets(buf: Buffer, limits: ReadLimits): Promise<string[]> {
  return visibleSheets(await loadWorkbook(buf, limits)).map((ws) => ws.name);
}

/** Reads the chosen sheet (by name, any visibility) or the first visible one. */
export async function readXlsx(buf: Buffer, limits: ReadLimits, sheetName?: string): Promise<RosterTable> {
  const wb = await loadWorkbook(buf, limits);
  const sheetNames = visibleSheets(wb).map((ws) => ws.name);
  const sheet = sheetName
    ? wb.worksheets.find((ws) => ws.name.trim().toLowerCase() === sheetName.trim().toLowerCase())
    : visibleSheets(wb)[0];
  if (!sheet) {
    throw new RosterReadError(
      'SHEET_NOT_FOUND',
      sheetName
        ? `This workbook has no sheet named "${sheetName}". Its sheets are: ${sheetNames.join(', ')}.`
        : 'This workbook has no visible sheet.',
    );
  }
  const { ValueType } = await loadExcelJS();
  const table = buildTable(rawRows(sheet, ValueType.Merge), limits.maxRows);
  return { sheetNames, sheetName: sheet.name, ...table };
}
