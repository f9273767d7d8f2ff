import type * as ExcelJS from 'exceljs';

// exceljs takes about a third of a second to load, so it is loaded by the first spreadsheet read or
// written rather than by importing the roster code, which the core does on every app start and
// `smms` run.
let loading: Promise<typeof ExcelJS> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((m) => m.default);
  return loading;
}
