// Dates as office users read them (day month year, 24-hour time), in the computer's time zone.

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined, none = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : none;
}

export function formatDate(iso: string | null | undefined, none = '—'): string {
  return iso ? dateOnly.format(new Date(iso)) : none;
}

// Numbers as the office reads them: grouped thousands, GPA with two decimals, attendance as a %.

const whole = new Intl.NumberFormat('en-GB');

export function formatCount(n: number): string {
  return whole.format(n);
}

/** "1 student", "12 students". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${whole.format(n)} ${n === 1 ? one : many}`;
}

export function formatGpa(gpa: number | null | undefined, none = '—'): string {
  return gpa === null || gpa === undefined ? none : gpa.toFixed(2);
}

export function formatPercent(pct: number | null | undefined, none = '—'): string {
  if (pct === null || pct === undefined) return none;
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "March 2026" for "2026-03". */
export function formatMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  if (!y || !m) return yyyyMm;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

// Times and days for sessions and deadlines.

const timeOnly = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' });
const weekdayDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const dayUtc = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatTime(iso: string): string {
  return timeOnly.format(new Date(iso));
}

/** "Mon 3 Mar". */
export function formatWeekdayDate(iso: string): string {
  return weekdayDate.format(new Date(iso));
}

/** A calendar day stored as "2026-03-31" (or that day's 00:00 UTC), shown as that same day. */
export function formatDay(day: string | null | undefined, none = '—'): string {
  if (!day) return none;
  const d = new Date(day.length === 10 ? `${day}T00:00:00.000Z` : day);
  return Number.isNaN(d.getTime()) ? day : dayUtc.format(d);
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** "today", "tomorrow", "in 3 days", "2 weeks ago": calendar days in the computer's time zone. */
export function formatRelativeDay(iso: string, now: Date = new Date()): string {
  const startOf = (d: Date): number => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(new Date(iso)) - startOf(now)) / 86_400_000);
  if (Math.abs(days) < 14) return relative.format(days, 'day');
  if (Math.abs(days) < 60) return relative.format(Math.trunc(days / 7), 'week');
  return relative.format(Math.trunc(days / 30), 'month');
}
