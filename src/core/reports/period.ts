import { invalid } from '../errors.ts';
import { addDays, formatDate, istDay, istDayStart } from './format.ts';

// Report periods are whole IST calendar days, both ends included: "1 Oct 2026 – 31 Oct 2026" runs
// from 00:00 IST on 1 Oct to 00:00 IST on 1 Nov (exclusive), stored as UTC instants for SQL.
//
// The previous period (risk report "changes since the previous period") is the window of the
// same number of days that ends where this one starts: for 1–31 Oct it is 31 Aug – 30 Sep.

export interface Period {
  /** First day, "YYYY-MM-DD" (IST). */
  from: string;
  /** Last day, included. */
  to: string;
  /** 00:00 IST on `from`, as ISO UTC. */
  startIso: string;
  /** 00:00 IST on the day after `to` (exclusive), as ISO UTC. */
  endIso: string;
  days: number;
  label: string;
}

export const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 5 * 366;

export function makePeriod(from: string, to: string): Period {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  const startIso = istDayStart(from);
  const endIso = istDayStart(addDays(to, 1));
  return {
    from,
    to,
    startIso,
    endIso,
    days,
    label: `${formatDate(startIso)} – ${formatDate(istDayStart(to))}`,
  };
}

/**
 * The period a report covers: the days asked for; without `to`, up to today (IST); without
 * `from`, the `defaultDays` days ending on `to`.
 */
export function resolvePeriod(
  input: { from?: string; to?: string },
  nowIso: string,
  defaultDays = DEFAULT_PERIOD_DAYS,
): Period {
  const to = input.to ?? istDay(nowIso);
  const from = input.from ?? addDays(to, -(defaultDays - 1));
  if (from > to) throw invalid('from', 'The start date is after the end date.');
  const p = makePeriod(from, to);
  if (p.days > MAX_PERIOD_DAYS) throw invalid('from', 'Choose a period of at most five years.');
  return p;
}

/** The same number of days immediately before `p`. */
export function previousPeriod(p: Period): Period {
  return makePeriod(addDays(p.from, -p.days), addDays(p.from, -1));
}
