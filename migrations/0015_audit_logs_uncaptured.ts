import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Central stops capturing audit_logs (made by 0003). No laptop pulls audit rows (each database
// numbers its own, docs/sync-design.md decision 2), yet every audit row a replay wrote took a
// change-log version: one more trigger run under the sync_counter lock, which every central writer
// queues on, and one more sync_changes row that every laptop downloaded and threw away on its next
// pull. Rows already logged stay until the log is pruned; a pull skips them as before.
// FROZEN: never edit after release; add a new migration instead.

const TABLE = 'audit_logs';
const PK = 'id';

function record(rowExpr: string, op: 'UPSERT' | 'DELETE'): string {
  return (
    'UPDATE sync_counter SET v = v + 1 WHERE id = 1; ' +
    'SELECT v INTO nv FROM sync_counter WHERE id = 1; ' +
    `INSERT INTO sync_changes (seq, tableName, rowId, op, changedAt) ` +
    `VALUES (nv, '${TABLE}', CAST(${rowExpr} AS CHAR(191)), '${op}', CURRENT_TIMESTAMP(3));`
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  for (const suffix of ['ai', 'au', 'ad'])
    await sql.raw(`DROP TRIGGER IF EXISTS smms_sync_${TABLE}_${suffix}`).execute(db);
}

/** Back to 0003's triggers, exactly as it made them. */
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  const name = (suffix: string) => `smms_sync_${TABLE}_${suffix}`;
  const ddl = [
    `CREATE TRIGGER ${name('ai')} AFTER INSERT ON \`${TABLE}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ${record(`NEW.\`${PK}\``, 'UPSERT')} END`,
    `CREATE TRIGGER ${name('au')} AFTER UPDATE ON \`${TABLE}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ` +
      `IF NOT (OLD.\`${PK}\` <=> NEW.\`${PK}\`) THEN ${record(`OLD.\`${PK}\``, 'DELETE')} END IF; ` +
      `${record(`NEW.\`${PK}\``, 'UPSERT')} END`,
    `CREATE TRIGGER ${name('ad')} AFTER DELETE ON \`${TABLE}\` FOR EACH ROW ` +
      `BEGIN DECLARE nv BIGINT; ${record(`OLD.\`${PK}\``, 'DELETE')} END`,
  ];
  for (const statement of ddl) await sql.raw(statement).execute(db);
}
