import { PassThrough } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { loadExcelJS } from './exceljs.ts';
import { cellText } from './values.ts';
import { csvLines, safeSheetName } from './write-table.ts';
import type { CellValue } from './roster.types.ts';

// Exports of whole tables (up to 100,000 rows) are written page by page as the rows are read. The
// in-memory workbook of write-table.ts keeps an object per cell (a 100,000 × 12 export would take
// gigabytes), so xlsx goes through exceljs's streaming writer: each row is serialised and dropped.
// Same cell rules as write-table.ts: strings stay strings (never formulas), dates get a date format.

export interface TableSink {
  addRows(rows: readonly CellValue[][]): Promise<void>;
  /** The finished file. */
  finish(): Promise<Buffer>;
}

const isMidnightUtc = (d: Date): boolean => d.getTime() % 86_400_000 === 0;

function widths(headers: readonly string[], rows: readonly CellValue[][]): number[] {
  return headers.map((h, i) => {
    let w = h.length;
    for (const r of rows.slice(0, 1000)) w = Math.max(w, cellText(r[i] ?? null).length);
    return Math.min(60, Math.max(8, w + 2));
  });
}

export async function xlsxSink(headers: readonly string[], sheetName?: string): Promise<TableSink> {
  const { stream: excelStream } = await loadExcelJS();
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new excelStream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'SMMS Desktop';
  let ws: ExcelJS.Worksheet | undefined;
  // Column widths come from the first page, so the sheet starts when the first rows arrive.
  const start = (first: readonly CellValue[][]): ExcelJS.Worksheet => {
    const sheet = wb.addWorksheet(safeSheetName(sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = widths(headers, first).map((width) => ({ width }));
    if (headers.length > 0) {
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
    }
    const head = sheet.addRow([...headers]);
    head.font = { bold: true };
    head.commit();
    return sheet;
  };
  return {
    async addRows(rows) {
      ws ??= start(rows);
      for (const values of rows) {
        const row = ws.addRow(headers.map((_, i) => values[i] ?? null));
        values.forEach((v, i) => {
          if (v instanceof Date)
            row.getCell(i + 1).numFmt = isMidnightUtc(v) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
        });
        row.commit();
      }
    },
    async finish() {
      ws ??= start([]);
      ws.commit();
      await wb.commit();
      await done;
      return Buffer.concat(chunks);
    },
  };
}

/** UTF-8 with BOM, CRLF, formula-safe: the same text writeTableCsv produces, built page by page. */
export function csvSink(headers: readonly string[]): TableSink {
  const parts: string[] = [`\uFEFF${csvLines(headers, [], true)}`];
  return {
    async addRows(rows) {
      if (rows.length > 0) parts.push(csvLines(headers, rows, false));
    },
    async finish() {
      return Buffer.from(`${parts.join('\r\n')}\r\n`, 'utf8');
    },
  };
}
