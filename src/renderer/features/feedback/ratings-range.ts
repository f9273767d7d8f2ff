import type { FeedbackSummaryRow } from '../../../shared/contract/feedback.contract.ts';
import { formatDay, plural } from '../../format.ts';

// Dates and totals of the Mentor ratings view. feedback:summary groups sessions by the UTC month of
// their date (the first seven characters of the ISO string), so the range is whole UTC days too: a
// range in local days would move each end by the time-zone offset, and the first or last month's
// row would take in a few hours of its neighbour.

export type RatingsPeriod = 'month' | 'semester';

export interface DayRange {
  /** "2025-12-01" */
  from: string;
  /** "2026-11-26", inclusive. */
  to: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Today as a UTC day, the default range's end. The computer's local date would cut the day short
 * west of UTC: at 20:30 in New York the local date is still the 26th while a session at 19:30
 * local is on the 27th in UTC, after the range's `to` (23:59:59.999Z on the 26th).
 */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The call's ISO instants: `to` covers the whole of its last day, as the call's bound is inclusive. */
export function rangeInput(range: DayRange): { from: string; to: string } {
  return { from: `${range.from}T00:00:00.000Z`, to: `${range.to}T23:59:59.999Z` };
}

/** First day of the month or semester a day falls in (semesters as the core's: Jan–Jun, Jul–Dec). */
export function periodStartDay(day: string, period: RatingsPeriod): string {
  if (period === 'month') return `${day.slice(0, 7)}-01`;
  return Number(day.slice(5, 7)) >= 7 ? `${day.slice(0, 4)}-07-01` : `${day.slice(0, 4)}-01-01`;
}

/** Last day of the month or semester a day falls in. */
export function periodEndDay(day: string, period: RatingsPeriod): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  // The month after the period's last month, day 0: the period's last day.
  const endMonth = period === 'month' ? m : m >= 7 ? 12 : 6;
  const last = new Date(Date.UTC(y, endMonth, 0));
  return `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}`;
}

/**
 * The default dates: by month, the last 12 months up to today (this month counts as one); by
 * semester, this semester and the one before, whole. (Rounding 12 months back to the start of the
 * semester they fall in reached up to 17 months back, a third semester's row.)
 */
export function defaultRange(period: RatingsPeriod, today: string): DayRange {
  if (period === 'semester') {
    const y = Number(today.slice(0, 4));
    const from = Number(today.slice(5, 7)) >= 7 ? `${y}-01-01` : `${y - 1}-07-01`;
    return { from, to: today };
  }
  const back = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 12, 1));
  return { from: `${back.getUTCFullYear()}-${pad(back.getUTCMonth() + 1)}-01`, to: today };
}

/** What the button that brings the default dates back says. */
export const DEFAULT_RANGE_LABEL: Record<RatingsPeriod, string> = {
  month: 'Last 12 months',
  semester: 'This and last semester',
};

/**
 * Whether the dates start or end inside a period, so its row counts only part of it. An end at or
 * after today cuts nothing: no session after today has been rated yet.
 */
export function cutsPeriod(range: DayRange, period: RatingsPeriod, today: string): boolean {
  const startCut = periodStartDay(range.from, period) !== range.from;
  const endCut = range.to < today && periodEndDay(range.to, period) !== range.to;
  return startCut || endCut;
}

/**
 * Totals over the rows shown: distinct mentors, ratings, and the average of all those ratings
 * (each row weighted by its count, not the mean of the rows' averages). The rows carry averages
 * rounded to two decimals, so the result may be off by a few thousandths: it is shown to one.
 */
export function totals(rows: readonly FeedbackSummaryRow[]): {
  mentors: number;
  ratings: number;
  average: number | null;
} {
  let ratings = 0;
  let sum = 0;
  for (const r of rows) {
    ratings += r.count;
    sum += r.average * r.count;
  }
  return {
    mentors: new Set(rows.map((r) => r.mentorId)).size,
    ratings,
    average: ratings > 0 ? sum / ratings : null,
  };
}

/** "4.3": an average rating to one decimal. */
export function formatAverage(average: number): string {
  return average.toFixed(1);
}

/**
 * The line above the table: what the rows add up to (once they are there), over which dates, and
 * why a mentor's figures may differ from the office's.
 */
export function summaryLine(o: {
  rows: readonly FeedbackSummaryRow[] | null;
  range: DayRange;
  period: RatingsPeriod;
  today: string;
  forMentor: boolean;
}): string {
  const dates = `on sessions from ${formatDay(o.range.from)} to ${formatDay(o.range.to)}.`;
  const t = totals(o.rows ?? []);
  const parts = [
    t.average === null
      ? `Ratings students gave ${o.forMentor ? 'you' : 'their mentors'} ${dates}`
      : `${o.forMentor ? '' : `${plural(t.mentors, 'mentor')} · `}${plural(t.ratings, 'rating')} · average ${formatAverage(t.average)} out of 5, ${dates}`,
  ];
  if (t.average !== null && cutsPeriod(o.range, o.period, o.today)) {
    parts.push(`The dates cut a ${o.period} short: its row counts only the sessions inside them.`);
  }
  // The call counts the feedback the caller may read: a student's confidential word to the
  // department office is not the mentor's to see, so its rating is not in the mentor's averages.
  if (o.forMentor) parts.push('Feedback kept confidential to the department office is not counted.');
  return parts.join(' ');
}
