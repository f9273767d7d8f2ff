/**
 * What every reader returns, whatever the file type. A cell is what the user sees in the sheet:
 * text (trimmed), a number, a date (UTC midnight for date-only cells) or nothing.
 */
export type CellValue = string | number | Date | null;

export interface RosterRow {
  /** The row number the user sees in Excel (1-based, counting title and blank rows). */
  rowNumber: number;
  cells: Record<string, CellValue>;
}

export interface RosterTable {
  /** Worksheet names in workbook order (xlsx only). */
  sheetNames?: string[];
  /** The sheet that was read (xlsx only). */
  sheetName?: string;
  /** 1-based row number of the header row, as the user sees it in Excel. */
  headerRowIndex: number;
  /** Column titles, trimmed; unique (a repeated title gets " (2)"); "Column F" for a blank title. */
  headers: string[];
  /** Non-blank rows below the header, in file order. */
  rows: RosterRow[];
}

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxUncompressedBytes: number;
  /** Largest allowed uncompressed/compressed ratio for any entry bigger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
  /** Cells (`<c` elements) across all worksheets; bounds the memory exceljs will use. */
  maxCells: number;
}

export interface ReadLimits {
  /** Files larger than this are refused before any parsing. */
  maxFileBytes: number;
  /** Non-blank data rows in the chosen sheet or CSV. */
  maxRows: number;
  zip: ZipLimits;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
  zip: {
    // A 50,000-row, 30-column sheet is about 60 MB of XML; leave room for styles and strings.
    maxUncompressedBytes: 200 * 1024 * 1024,
    // Real sheets compress 5-30x; runs of identical empty styled cells reach ~100x; deflate tops out
    // near 1030x, which is what bombs use.
    maxRatio: 200,
    ratioFloorBytes: 1024 * 1024,
    maxEntries: 5_000,
    maxCells: 2_000_000,
  },
};

export type RosterReadErrorCode =
  | 'TOO_LARGE'
  | 'NOT_SPREADSHEET'
  | 'OLD_EXCEL_FORMAT'
  | 'SUSPICIOUS_ZIP'
  | 'TOO_MANY_ROWS'
  | 'SHEET_NOT_FOUND'
  | 'EMPTY'
  | 'DAMAGED';

/** A file we refuse to read; `message` is written for the person who chose the file. */
export class RosterReadError extends Error {
  readonly code: RosterReadErrorCode;
  constructor(code: RosterReadErrorCode, message: string) {
    super(message);
    this.name = 'RosterReadError';
    this.code = code;
  }
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
