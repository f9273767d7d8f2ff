import type { CellValue } from './roster.types.ts';

// Turning what a clerk typed into typed values. Every parser accepts the spellings Indian college
// offices actually use and returns null when it cannot be sure, never a guess.

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

/** The cell as the user would read it: numbers without exponent noise, date-only cells as ISO dates. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    return v.getUTCHours() + v.getUTCMinutes() + v.getUTCSeconds() + v.getUTCMilliseconds() === 0
      ? isoDate(v)
      : v.toISOString();
  }
  // String() of a number below 1e21 never uses an exponent: 9845012346, not 9.845012346e9.
  if (typeof v === 'number') return String(v);
  return v;
}

/** "8.5", "8,5" (decimal comma), " 82 " and numbers; null for anything else. */
export function parseDecimal(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  let s = v.replace(/\s+/g, '');
  if (/^[+-]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  return Number(s);
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/** Excel's 1900 date system (serial 1 = 1900-01-01, with Lotus's phantom 29 Feb 1900). */
export function excelSerialToIsoDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2958466) return null;
  const whole = Math.floor(serial);
  if (date1904) return isoDate(new Date(Date.UTC(1904, 0, 1) + whole * 86_400_000));
  // Excel counts a 29 February 1900 that never was: serial 60 is no date, and serials before it
  // are one day later than the arithmetic from 1899-12-30 gives.
  if (whole === 60) return null;
  const epoch = whole < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return isoDate(new Date(epoch + whole * 86_400_000));
}

/**
 * ISO date (YYYY-MM-DD) from a date cell, an Excel serial, or text in DD/MM/YYYY (the Indian
 * default, also with - or .), YYYY-MM-DD, YYYY/MM/DD or DD-MMM-YYYY / DD MMM YY. A slash date is
 * always read day first: 03/04/2025 is 3 April, as an Indian office means it.
 */
export function parseDate(v: CellValue | undefined): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : isoDate(v);
  if (typeof v === 'number') return excelSerialToIsoDate(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return ymd(+m[3]!, +m[2]!, +m[1]!);
  m = /^(\d{1,2})[\s-]([a-z]{3})[a-z]*[\s,-]+(\d{2}|\d{4})$/i.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) return null;
    const yy = +m[3]!;
    // Two-digit years only come from "05-Mar-24" style cells: 00-49 → 2000s, 50-99 → 1900s.
    const year = m[3]!.length === 4 ? yy : yy < 50 ? 2000 + yy : 1900 + yy;
    return ymd(year, month, +m[1]!);
  }
  return null;
}

const ROMAN: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
  xi: 11,
  xii: 12,
};
const WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};
// Maharashtra's First/Second/Third/Final-year Engineering classes.
const MH_CLASSES: Record<string, number> = { fe: 1, se: 2, te: 3, be: 4 };
const FILLER = new Set(['year', 'yr', 'yrs', 'years', 'sem', 'semester', 'of', 'study', 'class']);

function ordinalToken(token: string): number | null {
  const digits = /^(\d{1,2})(st|nd|rd|th)?$/.exec(token);
  if (digits) return Number(digits[1]);
  return ROMAN[token] ?? WORDS[token] ?? null;
}

/**
 * A small count written the many ways offices write it: 2, "2", "II", "2nd", "Second year",
 * "II B.Tech", "Sem 3". Exactly one number-like word must be present; "2 or 3" is not a year.
 */
export function parseOrdinal(v: CellValue | undefined, max: number): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= max ? v : null;
  if (typeof v !== 'string') return null;
  const compact = v.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (max <= 6 && compact in MH_CLASSES) return MH_CLASSES[compact] ?? null;
  const tokens = v
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t && !FILLER.has(t));
  const found = tokens.map(ordinalToken).filter((n): n is number => n !== null);
  if (found.length !== 1) return null;
  const n = found[0]!;
  return n >= 1 && n <= max ? n : null;
}

/** "82%", "82.5", 82, "82 %" → 82.5-style percentages; null when not a number. */
export function parsePercent(v: CellValue | undefined): number | null {
  if (typeof v === 'string') return parseDecimal(v.replace(/%\s*$/, ''));
  return parseDecimal(v);
}
