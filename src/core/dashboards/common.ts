import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CURRENT_LINK } from '../scope/index.ts';
import { parseActionItems } from '../sessions/action-items.ts';

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

/**
 * Open (not done) action items of the sessions of current assignments (ACTIVE or PAUSED) that
 * match `assignmentFilter`, due date first (undated last), then session date. Cancelled sessions
 * carry no live items.
 */
export async function openActionItems(
  db: Kysely<Database>,
  where: { mentorId?: string; studentId?: string },
): Promise<OpenItem[]> {
  let q = db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as sp', 'sp.userId', 'a.studentId')
    .select(['s.id', 's.sessionDate', 's.actionItems', 'a.studentId', 'sp.firstName', 'sp.lastName'])
    .where('a.status', 'in', CURRENT_LINK)
    .where('s.status', '!=', 'CANCELLED')
    .where('s.actionItems', 'is not', null);
  if (where.mentorId) q = q.where('a.mentorId', '=', where.mentorId);
  if (where.studentId) q = q.where('a.studentId', '=', where.studentId);
  const rows = await q.execute();
  const items = rows.flatMap((r) =>
    parseActionItems(r.actionItems)
      .filter((i) => !i.done)
      .map((i) => ({
        sessionId: r.id,
        sessionDate: r.sessionDate,
        studentId: r.studentId,
        studentName: fullName(r.firstName, r.lastName),
        text: i.text,
        dueOn: i.dueOn ?? null,
      })),
  );
  return items.sort(
    (x, y) =>
      (x.dueOn ?? '9999').localeCompare(y.dueOn ?? '9999') ||
      x.sessionDate.localeCompare(y.sessionDate) ||
      x.sessionId.localeCompare(y.sessionId),
  );
}
