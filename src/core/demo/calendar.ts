// The academic calendar demo data lives in. Indian engineering colleges run an odd semester from
// mid-July to November and an even one from January to May; mentoring happens on weekdays in
// office hours, India time (UTC+05:30). All arithmetic is in epoch milliseconds (UTC).

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const IST_OFFSET = 5 * HOUR + 30 * MINUTE;

/**
 * Default "today" of the demo: mid even semester, so the odd semester is history, the even one
 * is half done and sessions are scheduled ahead. Fixed so that the same seed gives the same rows.
 */
export const DEFAULT_AS_OF = '2026-03-16';

export interface Calendar {
  /** The generator's "now": nothing is created after it; sessions after it are still SCHEDULED. */
  now: number;
  /** First calendar year of the academic year (2025 for 2025–26). */
  year: number;
  /** The day the department started using SMMS (staff and continuing students created). */
  setup: number;
  /** Reporting day of first-year students. */
  freshersJoin: number;
  odd: Window;
  even: Window;
  /** Sessions are planned at most this far ahead of `now`. */
  horizon: number;
}

export interface Window {
  start: number;
  end: number;
}

const utc = (y: number, month: number, d: number): number => Date.UTC(y, month - 1, d);

/** `asOf` is a day (YYYY-MM-DD); "now" is 10:00 that day, India time. */
export function calendarFor(asOf: string = DEFAULT_AS_OF): Calendar {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!m) throw new Error(`"${asOf}" is not a day (YYYY-MM-DD).`);
  const day = utc(Number(m[1]), Number(m[2]), Number(m[3]));
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== asOf) {
    throw new Error(`"${asOf}" is not a calendar day.`);
  }
  const now = atIst(day, 10, 0);
  // Until late August the running academic year has barely begun; demo the one just finished.
  const y = new Date(day).getUTCFullYear();
  const year = day >= utc(y, 8, 25) ? y : y - 1;
  return {
    now,
    year,
    setup: atIst(utc(year, 6, 20), 11, 0),
    freshersJoin: atIst(utc(year, 8, 4), 9, 30),
    odd: { start: utc(year, 7, 15), end: utc(year, 11, 20) },
    even: { start: utc(year + 1, 1, 5), end: utc(year + 1, 5, 15) },
    horizon: now + 35 * DAY,
  };
}

/** `day` (UTC midnight of a date) at hh:mm India time. */
export function atIst(day: number, hh: number, mm: number): number {
  return startOfDay(day) + hh * HOUR + mm * MINUTE - IST_OFFSET;
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

/** Moves a Saturday to Friday and a Sunday to Monday (same week's working day nearest to it). */
export function toWeekday(day: number): number {
  const dow = new Date(day).getUTCDay();
  if (dow === 6) return day - DAY;
  if (dow === 0) return day + DAY;
  return day;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** "Mon, 16 Mar 2026, 10:30 AM" in India time, for notification bodies. */
export function istLabel(ms: number): string {
  const d = new Date(ms + IST_OFFSET);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const h = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const hh = h % 12 === 0 ? 12 : h % 12;
  return (
    `${days[d.getUTCDay()]}, ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}, ` +
    `${hh}:${mm} ${h < 12 ? 'AM' : 'PM'}`
  );
}
