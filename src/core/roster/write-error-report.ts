import { cellKey, writeTableCsv, writeTableXlsx, type TableData } from './write-table.ts';
import type { RosterTable } from './roster.types.ts';
import type { RowProblem } from './validate.types.ts';

export const PROBLEM_HEADER = 'Problem';

export interface ErrorReport {
  table: TableData;
  /** Cells the problems point at, as cellKey(rowIndex, columnIndex) into table.rows. */
  blamed: Set<string>;
}

/**
 * The rejected rows exactly as read, plus a "Problem" column. The clerk fixes the cells and
 * imports this file again: "Problem" matches no roster field, so it is simply left unmapped. An
 * older "Problem" column (a report being re-imported and failing again) is replaced, not repeated.
 */
export function buildErrorReport(source: RosterTable, problems: readonly RowProblem[]): ErrorReport {
  const headers = source.headers.filter((h) => h !== PROBLEM_HEADER);
  const byRow = new Map<number, RowProblem[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const columnIndex = new Map(headers.map((h, i) => [h, i]));
  const blamed = new Set<string>();
  const rows = source.rows
    .filter((r) => byRow.has(r.rowNumber))
    .map((r, rowIndex) => {
      const rowProblems = byRow.get(r.rowNumber) ?? [];
      for (const p of rowProblems) {
        const c = columnIndex.get(p.column);
        if (c !== undefined) blamed.add(cellKey(rowIndex, c));
      }
      const messages = [...new Set(rowProblems.map((p) => p.message))];
      return [...headers.map((h) => r.cells[h] ?? null), messages.join(' ')];
    });
  return {
    table: { headers: [...headers, PROBLEM_HEADER], rows, sheetName: 'Rows to fix' },
    blamed,
  };
}

/** The error report as .xlsx: blamed cells shaded, the Problem column wrapped. */
export async function writeErrorReportXlsx(
  source: RosterTable,
  problems: readonly RowProblem[],
): Promise<Buffer> {
  const report = buildErrorReport(source, problems);
  const problemColumn = report.table.headers.length - 1;
  return writeTableXlsx(report.table, {
    highlight: report.blamed,
    wrapColumns: new Set([problemColumn]),
  });
}

/** The error report as CSV (UTF-8 with BOM, formula-safe). */
export function writeErrorReportCsv(source: RosterTable, problems: readonly RowProblem[]): Buffer {
  return writeTableCsv(buildErrorReport(source, problems).table);
}
