import { sql } from 'kysely';

// Pieces the four dashboards share: calendar months (UTC), enum tallies, open action items.

export interface MonthRange {
  month: string;
  from: string;
  to: string;
}

/** The calendar month (UTC) `offset` months from the one holding `now`: [from, to). */
export function monthRange(now: string, offset = 0): MonthRange {
  const d = new Date(now);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return { month: start.toISOString().slice(0, 7), from: start.toISOString(), to: end.toISOString() };
}

/** `{ key: n }` for every key, 0 where the grouped query had no row. */
export function tally<K extends string>(
  keys: readonly K[],
  rows: readonly { k: string | null; n: number | string | bigint }[],
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows)
    if (r.k !== null && (keys as readonly string[]).includes(r.k)) out[r.k as K] += Number(r.n);
  return out;
}

export const countAll = sql<number | string>`count(*)`;
export const fullName = (first: string | null, last: string | null): string =>
  `${first ?? ''} ${last ?? ''}`.trim();

export interface OpenItem {
  sessionId: string;
  sessionDate: string;
  studentId: string;
  studentName: string;
  text: string;
  dueOn: string | null;
}

/** Due date first (undated last), then the session's date. */
export function sortItems(items: OpenItem[]): OpenItem[] {
  return items.sort(
    (x, y) =>
      (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') ||
      x.sessionDate.localeCompare(y.sessionDate) ||
      x.sessionId.localeCompare(y.sessionId),
  );
}
