import { z } from 'zod';
import { splitFullName } from './names.ts';
import { cellText, parseDecimal, parseOrdinal, parsePercent, round2 } from './values.ts';
import type { CellValue } from './roster.types.ts';

// One parser per roster field. Each turns a cell into a typed value or a sentence a clerk can act
// on; the zod schemas in validate.ts are built from these, so the wording lives in one place.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (message: string): Parsed<never> => ({ ok: false, message });

/** Cells the user left empty: optional fields become undefined, meaning "not given". */
export const isEmpty = (v: CellValue | undefined): boolean => cellText(v).trim() === '';

const quote = (v: CellValue | undefined): string => `"${cellText(v).trim()}"`;

const ROLL_CHARS = /^[A-Z0-9 /-]+$/;

export function parseRollNumber(v: CellValue | undefined): Parsed<string> {
  if (isEmpty(v)) return bad('Roll number is missing.');
  // Text cells keep leading zeros; the reader already turned "00000"-formatted numbers into text.
  const roll = cellText(v).trim().replace(/\s+/g, ' ').toUpperCase();
  if (!ROLL_CHARS.test(roll)) {
    return bad(`Roll number ${quote(v)} may contain only letters, digits, spaces, "-" and "/".`);
  }
  if (roll.length < 3 || roll.length > 50) {
    return bad(`Roll number must be 3 to 50 characters long; found ${quote(v)}.`);
  }
  return ok(roll);
}

const emailSchema = z.email().max(255);

/** Lower-cased address; a hyperlinked "mailto:" cell counts as its address. */
export function parseEmail(v: CellValue | undefined, label = 'Email'): Parsed<string> {
  if (isEmpty(v)) return bad(`${label} is missing.`);
  const email = cellText(v)
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (!emailSchema.safeParse(email).success) {
    return bad(`${label} ${quote(v)} is not a valid email address (it should look like name@college.edu).`);
  }
  return ok(email);
}

export function parseOptionalEmail(v: CellValue | undefined, label: string): Parsed<string | undefined> {
  return isEmpty(v) ? ok(undefined) : parseEmail(v, label);
}

export interface NameParts {
  firstName: string;
  lastName: string;
  title?: string;
}

/** First/last columns win; a single "Name" column is split (see splitFullName). */
export function parseName(
  first: CellValue | undefined,
  last: CellValue | undefined,
  full: CellValue | undefined,
): Parsed<NameParts> {
  const parts: NameParts = !isEmpty(first)
    ? { firstName: cellText(first).trim(), lastName: cellText(last).trim() }
    : splitFullName(cellText(full));
  if (parts.firstName === '') return bad('Name is missing.');
  if (parts.firstName.length > 100) return bad('First name is longer than 100 characters.');
  if (parts.lastName.length > 100) return bad('Last name is longer than 100 characters.');
  return ok(parts);
}

/** Stored compactly ("+919876543210") so the same number typed two ways compares equal. */
export function parsePhone(v: CellValue | undefined): Parsed<string | undefined> {
  if (isEmpty(v)) return ok(undefined);
  const compact = cellText(v)
    .trim()
    .replace(/[\s().-]/g, '');
  if (!/^\+?\d{7,15}$/.test(compact)) {
    return bad(`Phone ${quote(v)} is not a phone number (7 to 15 digits, optionally starting with +).`);
  }
  return ok(compact);
}

const programKey = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

// Each row's program is matched against the same list (twice per preview and commit: validation
// and the unknown-programs list), so the list's keys are worked out once per list, not per row.
const programIndexes = new WeakMap<readonly string[], Map<string, string>>();

function programIndex(knownPrograms: readonly string[]): Map<string, string> {
  let index = programIndexes.get(knownPrograms);
  if (!index) {
    index = new Map();
    // The first program with a key wins, as the former find() over the list did.
    for (const p of knownPrograms) if (!index.has(programKey(p))) index.set(programKey(p), p);
    programIndexes.set(knownPrograms, index);
  }
  return index;
}

/** Matches "btech cse" to the department's "B.Tech CSE"; the department's spelling is kept. */
export function parseProgram(
  v: CellValue | undefined,
  knownPrograms: readonly string[] | undefined,
): Parsed<string | undefined> {
  if (isEmpty(v)) return ok(undefined);
  const text = cellText(v).trim().replace(/\s+/g, ' ');
  if (!knownPrograms) return text.length <= 100 ? ok(text) : bad('Program is longer than 100 characters.');
  const match = programIndex(knownPrograms).get(programKey(text));
  if (match !== undefined) return ok(match);
  const list = knownPrograms.slice(0, 6).join(', ') + (knownPrograms.length > 6 ? ', …' : '');
  return bad(
    knownPrograms.length === 0
      ? `Program ${quote(v)} is not known: this department has no programs set up yet.`
      : `Program ${quote(v)} is not one of this department's programs (${list}).`,
  );
}

/** Year of study 1-6 from a Year/Class column, or from a Semester column as ceil(sem / 2). */
export function parseYearOfStudy(
  year: CellValue | undefined,
  semester: CellValue | undefined,
): Parsed<number | undefined> {
  if (!isEmpty(year)) {
    const n = parseOrdinal(year, 6);
    return n === null
      ? bad(`Year must be 1 to 6 (for example 2, II or 2nd year); found ${quote(year)}.`)
      : ok(n);
  }
  if (isEmpty(semester)) return ok(undefined);
  const sem = parseOrdinal(semester, 12);
  return sem === null
    ? bad(`Semester must be 1 to 12 (for example 3, III or 3rd sem); found ${quote(semester)}.`)
    : ok(Math.ceil(sem / 2));
}

function boundedNumber(
  v: CellValue | undefined,
  n: number | null,
  label: string,
  min: number,
  max: number,
  example: string,
): Parsed<number | undefined> {
  if (isEmpty(v)) return ok(undefined);
  if (n === null) return bad(`${label} must be a number such as ${example}; found ${quote(v)}.`);
  if (n < min || n > max)
    return bad(`${label} must be between ${min} and ${max}; found ${cellText(v).trim()}.`);
  return ok(round2(n));
}

export const parseGpa = (v: CellValue | undefined): Parsed<number | undefined> =>
  boundedNumber(v, parseDecimal(v), 'GPA', 0, 10, '8.25');

export const parseAttendance = (v: CellValue | undefined): Parsed<number | undefined> =>
  boundedNumber(v, parsePercent(v), 'Attendance', 0, 100, '82 or 82.5%');

export function parseMaxMentees(v: CellValue | undefined): Parsed<number | undefined> {
  if (isEmpty(v)) return ok(undefined);
  const n = parseDecimal(v);
  if (n === null || !Number.isInteger(n) || n < 0 || n > 200) {
    return bad(`Maximum mentees must be a whole number from 0 to 200; found ${quote(v)}.`);
  }
  return ok(n);
}

export function parseText(
  v: CellValue | undefined,
  label: string,
  maxLength: number,
): Parsed<string | undefined> {
  if (isEmpty(v)) return ok(undefined);
  const text = cellText(v).trim().replace(/\s+/g, ' ');
  return text.length <= maxLength ? ok(text) : bad(`${label} is longer than ${maxLength} characters.`);
}
