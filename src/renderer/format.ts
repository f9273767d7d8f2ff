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
