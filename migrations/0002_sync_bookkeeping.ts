import { sql, type Kysely } from 'kysely';
import { enumCheck, typesFor } from './dialect.ts';

// Sync bookkeeping (../shared/spec/SYNC.md), additive: the seed tables are not touched.
// Central (MySQL): a commit-ordered change log. Every synced table's triggers (a later migration)
// bump the single sync_counter row inside the writer's transaction and stamp sync_changes.seq with
// it; the row lock is held until commit, so no seq becomes visible before every lower one and a
// pull by "seq > cursor" never skips a late-committing writer (no gap tracking needed).
// Local (SQLite): the outbox of this user's own mutations and a small key/value state table.
// FROZEN: never edit after release; add a new migration instead.

const OP = ['UPSERT', 'DELETE'];
const OUTCOME = ['APPLIED', 'REJECTED', 'CONFLICT'];
const OUTBOX_STATUS = ['PENDING', 'APPLIED', 'REJECTED', 'CONFLICT', 'DISCARDED'];

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  if (t.dialect === 'mysql') {
    await db.schema
      .createTable('sync_counter')
      .addColumn('id', t.int, (c) => c.primaryKey())
      .addColumn('v', t.bigint, (c) => c.notNull())
      .modifyEnd(t.tableEnd)
      .execute();
    await db.insertInto('sync_counter').values({ id: 1, v: 0 }).execute();

    await db.schema
      .createTable('sync_changes')
      .addColumn('seq', t.bigint, (c) => c.primaryKey())
      .addColumn('tableName', t.varchar(64), (c) => c.notNull())
      .addColumn('rowId', t.varchar(191), (c) => c.notNull())
      .addColumn('op', t.enumOf(OP), (c) => c.notNull())
      .addColumn('changedAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
      .modifyEnd(t.tableEnd)
      .execute();
    await db.schema
      .createIndex('sync_changes_changedAt_idx')
      .on('sync_changes')
      .column('changedAt')
      .execute();

    await db.schema
      .createTable('sync_mutations')
      .addColumn('mutationId', t.varchar(64), (c) => c.primaryKey())
      .addColumn('clientId', t.varchar(64), (c) => c.notNull())
      .addColumn('userId', t.id, (c) => c.notNull())
      .addColumn('pushSeq', t.bigint, (c) => c.notNull())
      .addColumn('callName', t.varchar(100), (c) => c.notNull())
      .addColumn('receivedAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
      .addColumn('outcome', t.enumOf(OUTCOME), (c) => c.notNull())
      .addColumn('detail', t.json)
      .modifyEnd(t.tableEnd)
      .execute();
    await db.schema
      .createIndex('sync_mutations_clientId_pushSeq_idx')
      .on('sync_mutations')
      .columns(['clientId', 'pushSeq'])
      .execute();

    await db.schema
      .createTable('sync_clients')
      .addColumn('clientId', t.varchar(64), (c) => c.primaryKey())
      .addColumn('userId', t.id, (c) => c.notNull())
      .addColumn('appVersion', t.varchar(50))
      .addColumn('lastPushSeq', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('lastPushAt', t.datetime)
      .addColumn('lastPullAt', t.datetime)
      .addColumn('cursor', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
      .modifyEnd(t.tableEnd)
      .execute();
    await db.schema.createIndex('sync_clients_userId_idx').on('sync_clients').column('userId').execute();
    return;
  }

  await db.schema
    .createTable('sync_outbox')
    .addColumn('seq', sql`integer`, (c) => c.primaryKey().autoIncrement())
    .addColumn('mutationId', t.text, (c) => c.notNull().unique())
    .addColumn('callName', t.text, (c) => c.notNull())
    .addColumn('input', t.json, (c) => c.notNull())
    .addColumn('generatedIds', t.json, (c) => c.notNull())
    .addColumn('baseValues', t.json)
    .addColumn('touchedRows', t.json, (c) => c.notNull())
    .addColumn('clientTime', t.datetime, (c) => c.notNull())
    .addColumn('userId', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) =>
      enumCheck(t, 'status', OUTBOX_STATUS)(c.notNull().defaultTo('PENDING')),
    )
    .addColumn('detail', t.json)
    .addColumn('attempts', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('pushedAt', t.datetime)
    .modifyEnd(t.tableEnd)
    .execute();
  await db.schema
    .createIndex('sync_outbox_status_seq_idx')
    .on('sync_outbox')
    .columns(['status', 'seq'])
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('key', t.text, (c) => c.primaryKey())
    .addColumn('value', t.text, (c) => c.notNull())
    .modifyEnd(t.tableEnd)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'sync_state',
    'sync_outbox',
    'sync_clients',
    'sync_mutations',
    'sync_changes',
    'sync_counter',
  ]) {
    await db.schema.dropTable(name).ifExists().execute();
  }
}
