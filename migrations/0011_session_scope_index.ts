import { type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Local (SQLite) only: session_records(assignmentId, sessionDate, id). Admin reads of feedback go
// from the department's assignments to their sessions to the feedback on each session, and need the
// session's id and date for every session in scope (58,000 in a department). SQLite's tables keep a
// rowid, so the (assignmentId, sessionDate) index (and 0010's (assignmentId, status, sessionDate))
// made it read each session's whole row for its id; with the id in the index the walk never leaves
// it (feedback count ≈ 58 → 28 ms CPU). Central needs nothing: InnoDB's secondary indexes already
// end with the primary key.
// FROZEN: never edit after release; add a new migration instead.

const INDEX = 'session_records_assignmentId_sessionDate_id_idx';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema
    .createIndex(INDEX)
    .on('session_records')
    .columns(['assignmentId', 'sessionDate', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema.dropIndex(INDEX).ifExists().execute();
}
