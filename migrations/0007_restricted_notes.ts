import { sql, type Kysely } from 'kysely';
import { enumCheck, typesFor } from './dialect.ts';

// Additive tables for restricted notes and the handover packet (issue 12 items 2 and 5):
// - student_notes: staff notes about a student. visibility STAFF = the student's current mentors
//   and the admins in scope; RESTRICTED = only its author and the department admin of the student's
//   department (src/core/scope/notes.scope.ts). Synced, so central captures its changes like 0003.
// - department_note_settings: one row per department, created on first save; missing row = the
//   default (an outgoing mentor's staff notes do NOT follow the student to the new mentor). A table
//   of its own rather than a column on department_settings, whose rows must carry risk thresholds.
// FROZEN: never edit after release; add a new migration instead.

const VISIBILITIES = ['STAFF', 'RESTRICTED'] as const;
const CATEGORIES = ['MEDICAL', 'SAFEGUARDING', 'PERSONAL', 'ACADEMIC', 'OTHER'] as const;

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
  const notes = db.schema
    .createTable('student_notes')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('authorId', t.id, (c) => c.notNull())
    .addColumn('sessionId', t.id)
    .addColumn('visibility', t.enumOf(VISIBILITIES), (c) =>
      enumCheck(t, 'visibility', VISIBILITIES)(c.notNull().defaultTo('STAFF')),
    )
    .addColumn('category', t.enumOf(CATEGORIES), (c) =>
      enumCheck(t, 'category', CATEGORIES)(c.notNull().defaultTo('OTHER')),
    )
    .addColumn('body', t.text, (c) => c.notNull())
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint('student_notes_studentId_fkey', ['studentId'], 'users', ['id'], (c) =>
      c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('student_notes_authorId_fkey', ['authorId'], 'users', ['id'], (c) =>
      c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint('student_notes_sessionId_fkey', ['sessionId'], 'session_records', ['id'], (c) =>
      c.onDelete('set null').onUpdate('cascade'),
    );
  await notes.modifyEnd(t.tableEnd).execute();
  await db.schema
    .createIndex('student_notes_studentId_createdAt_idx')
    .on('student_notes')
    .columns(['studentId', 'createdAt'])
    .execute();
  if (t.dialect === 'sqlite') {
    for (const column of ['authorId', 'sessionId'])
      await db.schema
        .createIndex(`student_notes_${column}_fkey`)
        .on('student_notes')
        .column(column)
        .execute();
  }

  await db.schema
    .createTable('department_note_settings')
    .addColumn('departmentId', t.id, (c) => c.primaryKey())
    .addColumn('notesFollowHandover', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('updatedById', t.id)
    .addColumn('createdAt', t.datetime, (c) => c.notNull().defaultTo(t.now))
    .addColumn('updatedAt', t.datetime, (c) => c.notNull())
    .addForeignKeyConstraint(
      'department_note_settings_departmentId_fkey',
      ['departmentId'],
      'departments',
      ['id'],
      (c) => c.onDelete('cascade').onUpdate('cascade'),
    )
    .addForeignKeyConstraint(
      'department_note_settings_updatedById_fkey',
      ['updatedById'],
      'users',
      ['id'],
      (c) => c.onDelete('set null').onUpdate('cascade'),
    )
    .modifyEnd(t.tableEnd)
    .execute();
  if (t.dialect === 'sqlite') {
    await db.schema
      .createIndex('department_note_settings_updatedById_fkey')
      .on('department_note_settings')
      .column('updatedById')
      .execute();
  }

  if (t.dialect === 'mysql') {
    for (const ddl of triggers('student_notes', 'id')) await sql.raw(ddl).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  if (t.dialect === 'mysql') {
    for (const suffix of ['ai', 'au', 'ad'])
      await sql.raw(`DROP TRIGGER IF EXISTS smms_sync_student_notes_${suffix}`).execute(db);
  }
  await db.schema.dropTable('department_note_settings').ifExists().execute();
  await db.schema.dropTable('student_notes').ifExists().execute();
}
