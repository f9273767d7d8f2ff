import type { Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// INDEX(assignmentId, status, sessionDate) on session_records. Sessions carry no departmentId, so a
// department's session figures (a department admin's dashboards: sessions per status in a month,
// overdue SCHEDULED sessions) have to start from the department's assignments. With the spec's
// INDEX(assignmentId, sessionDate) each session found still needs its row read for its status; with
// INDEX(status, sessionDate) every department's sessions are read. This one answers "this
// assignment's sessions of this status in this date range" from the index alone, so the cost follows
// the department's size, not the institution's. Additive: the spec's indexes stay as they are.
// FROZEN: never edit after release; add a new migration instead.

const NAME = 'session_records_assignmentId_status_sessionDate_idx';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex(NAME)
    .on('session_records')
    .columns(['assignmentId', 'status', 'sessionDate'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // SQLite's DROP INDEX takes no table (index names are per schema); MySQL's requires one.
  const drop = db.schema.dropIndex(NAME);
  await (dialectOf(db) === 'mysql' ? drop.on('session_records') : drop).execute();
}
