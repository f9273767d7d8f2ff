// A meeting time is picked as a day and a clock time on this computer (local time) and travels as
// an ISO-8601 UTC instant with milliseconds, the form every date-time in the contract takes.

export interface DayTime {
  /** "2026-03-31", or '' when not chosen. */
  date: string;
  /** "14:30", or '' when not chosen. */
  time: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function toIso(value: DayTime): string | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.date);
  const clock = /^(\d{1,2}):(\d{2})$/.exec(value.time);
  if (!day || !clock) return null;
  const d = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(clock[1]), Number(clock[2]));
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function fromIso(iso: string | null | undefined): DayTime {
  if (!iso) return { date: '', time: '' };
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * What a person types into a date field: "31/03/2026", "31-3-26", "2026-03-31" or "31 Mar 2026"
 * (day first, as written in India and Britain). Returns "YYYY-MM-DD" or null.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim().toLowerCase();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (numeric) {
    const y = Number(numeric[3]);
    return isoDay(y < 100 ? 2000 + y : y, Number(numeric[2]), Number(numeric[1]));
  }
  const named = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/.exec(t);
  if (named) {
    const month = MONTHS.indexOf(named[2]!) + 1;
    return month > 0 ? isoDay(Number(named[3]), month, Number(named[1])) : null;
  }
  return null;
}

/** Today on this computer as "YYYY-MM-DD". */
export function today(now: Date = new Date()): string {
  return fromIso(now.toISOString()).date;
}

/** A day-time rounded up to the next half hour after `now`: a sensible default for a new meeting. */
export function nextHalfHour(now: Date = new Date(), daysAhead = 0): DayTime {
  const d = new Date(now.getTime());
  d.setDate(d.getDate() + daysAhead);
  d.setSeconds(0, 0);
  d.setMinutes(d.getMinutes() < 30 ? 30 : 60);
  return fromIso(d.toISOString());
}

/** A weekday `daysAhead` from now at 10:00 (a Sunday moves to Monday): the default for a planned meeting. */
export function officeMorning(now: Date = new Date(), daysAhead = 1): DayTime {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysAhead, 10, 0);
  if (d.getDay() === 0) d.setDate(d.getDate() + 1);
  return fromIso(d.toISOString());
}
