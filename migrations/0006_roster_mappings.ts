import type { Kysely } from 'kysely';
import { jsonCheck, typesFor } from './dialect.ts';

// Additive table for roster imports: the column mapping each department last used, per roster kind
// (students | mentors), so next term's file from the same office maps itself. Written in the import's
// own transaction. Not a synced table: a laptop keeps the mappings of imports made on it and central
// those of imports replayed or made there; nothing depends on the two agreeing.
// FROZEN: never edit after release; add a new migration instead.

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  await db.schema
    .createTable('roster_mappings')
    .addColumn('departmentId', t.id, (c) => c.notNull())
    .addColumn('kind', t.varchar(20), (c) => c.notNull())
    .addColumn('mapping', t.json, (c) => jsonCheck(t, 'mapping')(c.notNull()))
    .addColumn('updatedById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addPrimaryKeyConstraint('roster_mappings_pkey', ['departmentId', 'kind'])
    .addForeignKeyConstraint(
      'roster_mappings_departmentId_fkey',
      ['departmentId'],
      'departments',
      ['id'],
      (c) => c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('roster_mappings_updatedById_fkey', ['updatedById'], 'users', ['id'], (c) =>
      c.onDelete('set null').onUpdate('cascade'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  if (t.dialect === 'sqlite') {
    await db.schema
      .createIndex('roster_mappings_updatedById_fkey')
      .on('roster_mappings')
      .column('updatedById')
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('roster_mappings').ifExists().execute();
}
