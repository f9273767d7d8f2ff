import { sql, type Kysely } from 'kysely';
import { jsonCheck, typesFor } from './dialect.ts';

// Additive tables for the mentoring-care features; the seed tables are not touched.
// - department_settings: per-department settings the seed has no column for (risk thresholds).
//   One row per department, created on first save; missing row = the app's defaults.
// - attachment_blobs: attachment bytes, content-addressed and cut in 1 MiB chunks.
//   attachments.storagePath = 'blob:sha256:<hex>' names the blob; the chunks of that blob are the
//   rows with that sha256, in `part` order. Chunks, because MariaDB's default max_allowed_packet is
//   16 MiB and an attachment may be 20 MiB; content-addressed, because the same file attached twice
//   (or replayed by sync) is stored once and can never disagree with its name.
// On central (MySQL) both get change-capture triggers like migration 0003's, so a sync pull can
// deliver them once the sync module lists them (chunk ids are single-column for that reason).
// FROZEN: never edit after release; add a new migration instead.

const CAPTURED: Record<string, string> = {
  department_settings: 'departmentId',
  attachment_blobs: 'id',
};

function record(table: string, rowExpr: string, op: 'UPSERT' | 'DELETE'): string {
  return (
    'UPDATE sync_counter SET v = v + 1 WHERE id = 1; ' +
    'SELECT v INTO nv FROM sync_counter WHERE id = 1; ' +
    `INSERT INTO sync_changes (seq, tableName, rowId, op, changedAt) ` +
    `VALUES (nv, '${table}', CAST(${rowExpr} AS CHAR(191)), '${op}', CURRENT_TIMESTAMP(3));`
  );
}

function triggers(table: string, pk: string): string[] {
  const name = (suffix: string) => `smms_sync_${table}_${suffix}`;
  return [
    `CREATE TRIGGER ${name('ai')} AFTER INSERT ON \`${table}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ${record(table, `NEW.\`${pk}\``, 'UPSERT')} END`,
    `CREATE TRIGGER ${name('au')} AFTER UPDATE ON \`${table}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ` +
      `IF NOT (OLD.\`${pk}\` <=> NEW.\`${pk}\`) THEN ${record(table, `OLD.\`${pk}\``, 'DELETE')} END IF; ` +
      `${record(table, `NEW.\`${pk}\``, 'UPSERT')} END`,
    `CREATE TRIGGER ${name('ad')} AFTER DELETE ON \`${table}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ${record(table, `OLD.\`${pk}\``, 'DELETE')} END`,
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  await db.schema
    .createTable('department_settings')
    .addColumn('departmentId', t.id, (c) => c.primaryKey())
    .addColumn('riskThresholds', t.json, (c) => jsonCheck(t, 'riskThresholds')(c.notNull()))
    .addColumn('updatedById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint(
      'department_settings_departmentId_fkey',
      ['departmentId'],
      'departments',
      ['id'],
      (c) => c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('department_settings_updatedById_fkey', ['updatedById'], 'users', ['id'], (c) =>
      c.onDelete('set null').onUpdate('cascade'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  if (t.dialect === 'sqlite') {
    await db.schema
      .createIndex('department_settings_updatedById_fkey')
      .on('department_settings')
      .column('updatedById')
      .execute();
  }

  await db.schema
    .createTable('attachment_blobs')
    .addColumn('id', t.varchar(80), (c) => c.primaryKey())
    .addColumn('sha256', t.varchar(64), (c) => c.notNull())
    .addColumn('part', t.int, (c) => c.notNull())
    .addColumn('bytes', t.dialect === 'mysql' ? sql`mediumblob` : sql`blob`, (c) => c.notNull())
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .modifyEnd(t.tableEnd)
    .execute();
  await db.schema
    .createIndex('attachment_blobs_sha256_part_key')
    .on('attachment_blobs')
    .columns(['sha256', 'part'])
    .unique()
    .execute();

  if (t.dialect === 'mysql') {
    for (const [table, pk] of Object.entries(CAPTURED)) {
      for (const ddl of triggers(table, pk)) await sql.raw(ddl).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  if (t.dialect === 'mysql') {
    for (const table of Object.keys(CAPTURED)) {
      for (const suffix of ['ai', 'au', 'ad'])
        await sql.raw(`DROP TRIGGER IF EXISTS smms_sync_${table}_${suffix}`).execute(db);
    }
  }
  await db.schema.dropTable('attachment_blobs').ifExists().execute();
  await db.schema.dropTable('department_settings').ifExists().execute();
}
