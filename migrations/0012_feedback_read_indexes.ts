import { type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Local (SQLite) only: three covering indexes for a department admin's feedback screens when the
// scope cannot filter (src/core/scope/whole.ts: a one-department database reads session_feedback
// without joining every row to its session and assignment).
// - session_feedback(createdAt, id): feedback:list's default page (newest first) walks it and stops
//   after the page instead of sorting 46,000 rows.
// - session_feedback(type, sessionId, recipientUserId, rating): feedback:summary reads the rated
//   (STUDENT_TO_MENTOR) rows from the index alone, in session id order, so its lookups of their
//   sessions walk the next index forwards (~20% cheaper than in recipient order). A mentor's own
//   summary keeps INDEX(recipientUserId).
// - session_records(id, sessionDate): the summary's month of each rated session, read from the
//   index instead of through the primary key to the session's whole row (SQLite keeps rowid
//   tables: its primary-key index holds only the id).
// Central needs none of them: InnoDB's secondary indexes end with the primary key and its rows are
// clustered on it, and central always holds several departments, where the scope joins stay.
// FROZEN: never edit after release; add a new migration instead.

const INDEXES = [
  { name: 'session_feedback_createdAt_id_idx', table: 'session_feedback', columns: ['createdAt', 'id'] },
  {
    name: 'session_feedback_type_sessionId_recipientUserId_rating_idx',
    table: 'session_feedback',
    columns: ['type', 'sessionId', 'recipientUserId', 'rating'],
  },
  { name: 'session_records_id_sessionDate_idx', table: 'session_records', columns: ['id', 'sessionDate'] },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  for (const i of INDEXES) {
    await db.schema
      .createIndex(i.name)
      .on(i.table)
      .columns([...i.columns])
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  for (const i of INDEXES) await db.schema.dropIndex(i.name).ifExists().execute();
}
