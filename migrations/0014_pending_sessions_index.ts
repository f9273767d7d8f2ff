import { type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Local (SQLite) only: session_records(status, sessionDate, id, assignmentId). sessions:pending
// reads the SCHEDULED sessions whose time has passed (1,700 of a department's 58,000): its page
// walks them oldest first and its counts group them by assignment. On (status, sessionDate) SQLite
// read each session's whole row for its id and assignmentId (its tables keep a rowid, and that
// index holds only the rowid); with both in the index the walk never leaves it, and ties on
// sessionDate come out in id order without a sort. Central needs nothing: InnoDB's secondary
// indexes end with the primary key and central's reads keep the assignment scope joins.
// FROZEN: never edit after release; add a new migration instead.

const INDEX = 'session_records_status_sessionDate_id_assignmentId_idx';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema
    .createIndex(INDEX)
    .on('session_records')
    .columns(['status', 'sessionDate', 'id', 'assignmentId'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema.dropIndex(INDEX).ifExists().execute();
}
