import { sql, type Kysely } from 'kysely';
import { enumCheck, jsonCheck, typesFor, type Types } from './dialect.ts';

// Additive tables for issue 12 items 3, 4 and 6; the seed tables are not touched.
// - department_norms: a department's compliance norms (meetings per mentee per semester, mentees per
//   mentor, days without contact for HIGH-risk students). One row per department, created on first
//   save; missing row = the defaults. A table of its own (not department_settings' JSON) so the
//   norms are plain typed columns and department_settings stays exactly as migration 0005 made it.
// - guardian_contacts: a student's parents/guardians (staff-only).
// - guardian_contact_log: contacts made with a guardian (staff-only; students never see it).
// - letter_templates: a department's letter templates with {{placeholders}}.
// - kudos: positive notes from a mentor or HOD to a student (the student sees them).
// - notification_prefs: per user and notification type, IMMEDIATE or DIGEST (id `<userId>:<type>`).
// - notification_digest_items: notifications held back for a user's daily digest.
// On central (MySQL) every table gets change-capture triggers like migrations 0003/0005. Every key
// is a single column, as sync needs.
// FROZEN: never edit after release; add a new migration instead.

const CAPTURED: Record<string, string> = {
  department_norms: 'departmentId',
  guardian_contacts: 'id',
  guardian_contact_log: 'id',
  letter_templates: 'id',
  kudos: 'id',
  notification_prefs: 'id',
  notification_digest_items: 'id',
};

const CONTACT_MODES = ['PHONE', 'IN_PERSON', 'EMAIL', 'SMS', 'LETTER'] as const;
const NOTIFICATION_TYPES = ['SESSION_REMINDER', 'GOAL_DUE', 'ALERT', 'ASSIGNMENT', 'FEEDBACK'] as const;
const DELIVERY = ['IMMEDIATE', 'DIGEST'] as const;

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

/** FK to users; SQLite gets the index MySQL creates for every FK itself. */
async function fkIndex(db: Kysely<any>, t: Types, table: string, column: string): Promise<void> {
  if (t.dialect === 'sqlite') {
    await db.schema.createIndex(`${table}_${column}_fkey`).on(table).column(column).execute();
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  const toUser = (c: any, onDelete: 'cascade' | 'set null') => c.onDelete(onDelete).onUpdate('cascade');

  await db.schema
    .createTable('department_norms')
    .addColumn('departmentId', t.id, (c) => c.primaryKey())
    .addColumn('minMeetingsPerSemester', t.int, (c) => c.notNull())
    .addColumn('maxMenteesPerMentor', t.int, (c) => c.notNull())
    .addColumn('maxDaysWithoutContactHigh', t.int, (c) => c.notNull())
    .addColumn('updatedById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint(
      'department_norms_departmentId_fkey',
      ['departmentId'],
      'departments',
      ['id'],
      (c) => c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('department_norms_updatedById_fkey', ['updatedById'], 'users', ['id'], (c) =>
      toUser(c, 'set null'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await fkIndex(db, t, 'department_norms', 'updatedById');

  await db.schema
    .createTable('guardian_contacts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('name', t.varchar(191), (c) => c.notNull())
    .addColumn('relation', t.varchar(60), (c) => c.notNull())
    .addColumn('phone', t.varchar(40))
    .addColumn('email', t.varchar(191))
    .addColumn('createdById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint('guardian_contacts_studentId_fkey', ['studentId'], 'users', ['id'], (c) =>
      toUser(c, 'cascade'),
    )
    .addForeignKeyConstraint('guardian_contacts_createdById_fkey', ['createdById'], 'users', ['id'], (c) =>
      toUser(c, 'set null'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await fkIndex(db, t, 'guardian_contacts', 'studentId');
  await fkIndex(db, t, 'guardian_contacts', 'createdById');

  await db.schema
    .createTable('guardian_contact_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('guardianId', t.id)
    .addColumn('contactedAt', t.datetime, (c) => c.notNull())
    .addColumn('mode', t.enumOf(CONTACT_MODES), (c) => enumCheck(t, 'mode', CONTACT_MODES)(c.notNull()))
    .addColumn('reason', t.text, (c) => c.notNull())
    .addColumn('outcome', t.text)
    .addColumn('followUpOn', t.datetime)
    .addColumn('followUpDoneAt', t.datetime)
    .addColumn('createdById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint('guardian_contact_log_studentId_fkey', ['studentId'], 'users', ['id'], (c) =>
      toUser(c, 'cascade'),
    )
    .addForeignKeyConstraint(
      'guardian_contact_log_guardianId_fkey',
      ['guardianId'],
      'guardian_contacts',
      ['id'],
      (c) => c.onDelete('set null').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('guardian_contact_log_createdById_fkey', ['createdById'], 'users', ['id'], (c) =>
      toUser(c, 'set null'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await db.schema
    .createIndex('guardian_contact_log_studentId_contactedAt_idx')
    .on('guardian_contact_log')
    .columns(['studentId', 'contactedAt'])
    .execute();
  await fkIndex(db, t, 'guardian_contact_log', 'guardianId');
  await fkIndex(db, t, 'guardian_contact_log', 'createdById');

  await db.schema
    .createTable('letter_templates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('departmentId', t.id, (c) => c.notNull())
    .addColumn('name', t.varchar(120), (c) => c.notNull())
    .addColumn('subject', t.varchar(191), (c) => c.notNull())
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('updatedById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint(
      'letter_templates_departmentId_fkey',
      ['departmentId'],
      'departments',
      ['id'],
      (c) => c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('letter_templates_updatedById_fkey', ['updatedById'], 'users', ['id'], (c) =>
      toUser(c, 'set null'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await fkIndex(db, t, 'letter_templates', 'departmentId');
  await fkIndex(db, t, 'letter_templates', 'updatedById');

  await db.schema
    .createTable('kudos')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('fromUserId', t.id)
    .addColumn('message', t.text, (c) => c.notNull())
    .addColumn('createdAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint('kudos_studentId_fkey', ['studentId'], 'users', ['id'], (c) =>
      toUser(c, 'cascade'),
    )
    .addForeignKeyConstraint('kudos_fromUserId_fkey', ['fromUserId'], 'users', ['id'], (c) =>
      toUser(c, 'set null'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await fkIndex(db, t, 'kudos', 'studentId');
  await fkIndex(db, t, 'kudos', 'fromUserId');

  await db.schema
    .createTable('notification_prefs')
    .addColumn('id', t.varchar(191), (c) => c.primaryKey())
    .addColumn('userId', t.id, (c) => c.notNull())
    .addColumn('type', t.enumOf(NOTIFICATION_TYPES), (c) =>
      enumCheck(t, 'type', NOTIFICATION_TYPES)(c.notNull()),
    )
    .addColumn('delivery', t.enumOf(DELIVERY), (c) => enumCheck(t, 'delivery', DELIVERY)(c.notNull()))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint('notification_prefs_userId_fkey', ['userId'], 'users', ['id'], (c) =>
      toUser(c, 'cascade'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await fkIndex(db, t, 'notification_prefs', 'userId');

  await db.schema
    .createTable('notification_digest_items')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('userId', t.id, (c) => c.notNull())
    .addColumn('type', t.enumOf(NOTIFICATION_TYPES), (c) =>
      enumCheck(t, 'type', NOTIFICATION_TYPES)(c.notNull()),
    )
    .addColumn('title', t.varchar(255), (c) => c.notNull())
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('payload', t.json, (c) => jsonCheck(t, 'payload')(c))
    .addColumn('createdAt', t.datetime, (c) => c.notNull())
    .addColumn('digestId', t.id)
    .addForeignKeyConstraint('notification_digest_items_userId_fkey', ['userId'], 'users', ['id'], (c) =>
      toUser(c, 'cascade'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  await db.schema
    .createIndex('notification_digest_items_userId_digestId_idx')
    .on('notification_digest_items')
    .columns(['userId', 'digestId'])
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
  for (const table of [
    'notification_digest_items',
    'notification_prefs',
    'kudos',
    'letter_templates',
    'guardian_contact_log',
    'guardian_contacts',
    'department_norms',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
