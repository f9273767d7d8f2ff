import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/core/db/schema.ts';

// local_session_counts (migration 0018) against what its triggers must keep it equal to.

export type CountRow = { departmentId: string; status: string; sessionDate: string; n: number };

export const COUNTS = `select departmentId, status, sessionDate, n from local_session_counts`;
export const JOIN = `select a.departmentId, s.status, s.sessionDate, count(*) as n
  from session_records s join mentor_assignments a on a.id = s.assignmentId
  group by a.departmentId, s.status, s.sessionDate`;

export async function countRows(db: Kysely<Database>, q: string): Promise<CountRow[]> {
  return (await sql<CountRow>`${sql.raw(q)} order by 1, 2, 3`.execute(db)).rows;
}

/** Keys in one and not the other, both ways (a count differing included): 0 when they are equal. */
export async function countsDiffering(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (
    select * from (${sql.raw(COUNTS)} except ${sql.raw(JOIN)})
    union all
    select * from (${sql.raw(JOIN)} except ${sql.raw(COUNTS)}))`.execute(db);
  return Number(rows[0]!.n);
}
