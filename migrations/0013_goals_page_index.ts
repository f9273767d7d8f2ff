import { type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Local (SQLite) only: goals(studentId, status, targetDate, id). goals:list and goals:overdue go
// from the students in scope to their goals through INDEX(studentId, status), then count them and
// sort them on targetDate (then id) to cut a page. SQLite's tables keep a rowid, so each of a
// department's 12,000 goals was read whole for its targetDate (the overdue filter's date, the
// sort's key) and its id (the tie-breaker); with both in the index the count and the page's sort
// never leave it. Central is left as it is: its goal reads were not measured here, and InnoDB's
// secondary indexes already end with the primary key (the id).
// FROZEN: never edit after release; add a new migration instead.

const INDEX = 'goals_studentId_status_targetDate_id_idx';

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema
    .createIndex(INDEX)
    .on('goals')
    .columns(['studentId', 'status', 'targetDate', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await db.schema.dropIndex(INDEX).ifExists().execute();
}
