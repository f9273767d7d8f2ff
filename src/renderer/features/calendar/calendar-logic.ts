// Calendar arithmetic in the computer's local time: weeks start on Monday (as timetables in India
// and Britain do), a month view always shows six whole weeks.

export type CalendarView = 'week' | 'month';

const DAY_MS = 86_400_000;

export function startOfDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

export function addDays(d: Date, n: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
}

export function startOfWeek(d: Date): Date {
  const day = startOfDay(d);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** "2026-03-31" for the local day of an instant. */
export function dayKey(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The days shown for the view around `anchor`, first to last. */
export function visibleDays(view: CalendarView, anchor: Date): Date[] {
  if (view === 'week') {
    const first = startOfWeek(anchor);
    return Array.from({ length: 7 }, (_, i) => addDays(first, i));
  }
  const first = startOfWeek(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

/** The sessions:calendar range for the days shown: from the first day's start to the end of the last. */
export function rangeFor(view: CalendarView, anchor: Date): { from: string; to: string } {
  const days = visibleDays(view, anchor);
  const end = addDays(days[days.length - 1]!, 1);
  return { from: days[0]!.toISOString(), to: new Date(end.getTime() - 1).toISOString() };
}

/** The anchor one page earlier or later. */
export function step(view: CalendarView, anchor: Date, by: -1 | 1): Date {
  if (view === 'week') return addDays(anchor, 7 * by);
  return new Date(anchor.getFullYear(), anchor.getMonth() + by, 1);
}

export function groupByDay<T extends { sessionDate: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of [...rows].sort((a, b) => a.sessionDate.localeCompare(b.sessionDate))) {
    const key = dayKey(new Date(r.sessionDate));
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/** "3 – 9 March 2026", "30 March – 5 April 2026" or "March 2026". */
export function titleFor(view: CalendarView, anchor: Date): string {
  if (view === 'month')
    return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' }).format(anchor);
  const days = visibleDays('week', anchor);
  const first = days[0]!;
  const last = days[6]!;
  const dm = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long' });
  const sameMonth = first.getMonth() === last.getMonth();
  const start = sameMonth ? String(first.getDate()) : dm.format(first);
  return `${start} – ${dm.format(last)} ${last.getFullYear()}`;
}

export const isSameDay = (a: Date, b: Date): boolean =>
  Math.abs(startOfDay(a).getTime() - startOfDay(b).getTime()) < DAY_MS / 2;
