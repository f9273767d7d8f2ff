import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Central change capture (SYNC.md): AFTER INSERT/UPDATE/DELETE triggers on every synced table, so a
// write from any tool (this app, the SMMS web app, an admin's SQL) lands in sync_changes inside the
// writer's own transaction. Each trigger bumps the single sync_counter row first; that row stays
// locked until the writer commits, so versions become visible strictly in order and a pull of
// "seq > cursor" can never skip a transaction that commits late (migration 0002 explains the table).
// A primary-key change is recorded as DELETE of the old id plus UPSERT of the new one.
// password_resets is not synced (codes are issued and used against central) and roles never change.
// FROZEN: never edit after release; add a new migration instead.

export const CAPTURED_TABLES: Record<string, string> = {
  institutions: 'id',
  departments: 'id',
  users: 'id',
  user_profiles: 'userId',
  mentor_profiles: 'userId',
  student_profiles: 'userId',
  mentor_assignments: 'id',
  session_records: 'id',
  session_feedback: 'id',
  goals: 'id',
  goal_updates: 'id',
  notifications: 'id',
  alerts: 'id',
  attachments: 'id',
  audit_logs: 'id',
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
  if (dialectOf(db) !== 'mysql') return;
  await db.schema
    .createIndex('sync_changes_tableName_rowId_idx')
    .on('sync_changes')
    .columns(['tableName', 'rowId'])
    .execute();
  for (const [table, pk] of Object.entries(CAPTURED_TABLES)) {
    for (const ddl of triggers(table, pk)) await sql.raw(ddl).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  for (const table of Object.keys(CAPTURED_TABLES)) {
    for (const suffix of ['ai', 'au', 'ad'])
      await sql.raw(`DROP TRIGGER IF EXISTS smms_sync_${table}_${suffix}`).execute(db);
  }
  await db.schema.dropIndex('sync_changes_tableName_rowId_idx').on('sync_changes').execute();
}
