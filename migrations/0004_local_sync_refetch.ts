import { type Kysely } from 'kysely';
import { typesFor } from './dialect.ts';

// Local (SQLite) only: rows a pull must fetch again from central. A pull never overwrites a row that a
// still-PENDING outbox entry touched (the user's unsynced work wins until pushed); the central change it
// skipped is remembered here, and so are the rows of a REJECTED replay, whose optimistic local state
// central never had. The next pull refetches them through the scope predicate and forgets them in the
// same SQLite transaction. Central needs nothing new.
// FROZEN: never edit after release; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  if (t.dialect !== 'sqlite') return;
  await db.schema
    .createTable('sync_refetch')
    .addColumn('tableName', t.text, (c) => c.notNull())
    .addColumn('rowId', t.text, (c) => c.notNull())
    .addColumn('addedAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addPrimaryKeyConstraint('sync_refetch_pk', ['tableName', 'rowId'])
    .modifyEnd(t.tableEnd)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sync_refetch').ifExists().execute();
}
