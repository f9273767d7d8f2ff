import type { Semester } from '../../shared/contract/compliance.contract.ts';

// Semester boundaries for compliance: January–June (S1) and July–December (S2), as calendar days in
// India (IST, UTC+5:30, like every report). Fixed halves rather than a per-department calendar:
// colleges in the field start terms in late July/August and January, and a meeting norm per half
// year is what the surveyed record books count. A semester runs from its first IST midnight up to,
// not including, the next semester's.

const IST_OFFSET_MS = 330 * 60_000;

const istMidnight = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 1) - IST_OFFSET_MS).toISOString();

export function semesterOf(instant: string): Semester {
  const ist = new Date(Date.parse(instant) + IST_OFFSET_MS);
  const year = ist.getUTCFullYear();
  const first = ist.getUTCMonth() < 6;
  return {
    label: first ? `${year} S1 (Jan–Jun)` : `${year} S2 (Jul–Dec)`,
    start: istMidnight(year, first ? 0 : 6),
    end: first ? istMidnight(year, 6) : istMidnight(year + 1, 0),
  };
}

/** The semester's midpoint: meeting shortfalls are reminded from here on (earlier, everyone is short). */
export function semesterMidpoint(s: Semester): string {
  const a = Date.parse(s.start);
  return new Date(a + (Date.parse(s.end) - a) / 2).toISOString();
}

export const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (floor): 14 days and 23 hours is 14 days. */
export function wholeDays(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}
