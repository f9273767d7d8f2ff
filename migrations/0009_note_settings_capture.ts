import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// department_note_settings (made by 0007) becomes a synced table: laptops of the department's staff
// need the setting itself, not only the notes it lets through (the handover summary made offline says
// whether a former mentor's notes follow; the settings screen on a second laptop shows the value).
// Central (MySQL) gets the change-capture triggers of 0003/0005/0007/0008. Rows saved before this
// step were never captured, so each is recorded once here as an UPSERT, the way a trigger does it:
// laptops already past that point in the change log pull them on their next sync.
// FROZEN: never edit after release; add a new migration instead.

const TABLE = 'department_note_settings';
const PK = 'departmentId';

function record(rowExpr: string, op: 'UPSERT' | 'DELETE'): string {
  return (
    'UPDATE sync_counter SET v = v + 1 WHERE id = 1; ' +
    'SELECT v INTO nv FROM sync_counter WHERE id = 1; ' +
    `INSERT INTO sync_changes (seq, tableName, rowId, op, changedAt) ` +
    `VALUES (nv, '${TABLE}', CAST(${rowExpr} AS CHAR(191)), '${op}', CURRENT_TIMESTAMP(3));`
  );
}

const TRIGGERS = [
  `CREATE TRIGGER smms_sync_${TABLE}_ai AFTER INSERT ON \`${TABLE}\` FOR EACH ROW ` +
    `BEGIN DECLARE nv BIGINT; ${record(`NEW.\`${PK}\``, 'UPSERT')} END`,
  `CREATE TRIGGER smms_sync_${TABLE}_au AFTER UPDATE ON \`${TABLE}\` FOR EACH ROW ` +
    `BEGIN DECLARE nv BIGINT; ` +
    `IF NOT (OLD.\`${PK}\` <=> NEW.\`${PK}\`) THEN ${record(`OLD.\`${PK}\``, 'DELETE')} END IF; ` +
    `${record(`NEW.\`${PK}\``, 'UPSERT')} END`,
  `CREATE TRIGGER smms_sync_${TABLE}_ad AFTER DELETE ON \`${TABLE}\` FOR EACH ROW ` +
    `BEGIN DECLARE nv BIGINT; ${record(`OLD.\`${PK}\``, 'DELETE')} END`,
];

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite: a laptop captures its own writes with TEMP triggers made from the synced-table list.
  if (dialectOf(db) !== 'mysql') return;
  for (const ddl of TRIGGERS) await sql.raw(ddl).execute(db);
  // Rows written before the triggers existed: one UPSERT each, numbered by the counter like any write.
  // The trigger is already in place, so a concurrent save is captured by it; recording a row twice
  // only makes a laptop fetch it twice.
  const rows = await db.selectFrom(TABLE).select(PK).orderBy(PK).execute();
  for (const row of rows) {
    await db.transaction().execute(async (trx) => {
      await sql`UPDATE sync_counter SET v = v + 1 WHERE id = 1`.execute(trx);
      const { v } = await trx
        .selectFrom('sync_counter')
        .select('v')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      await sql`INSERT INTO sync_changes (seq, tableName, rowId, op, changedAt)
        VALUES (${v}, ${TABLE}, ${row[PK]}, 'UPSERT', CURRENT_TIMESTAMP(3))`.execute(trx);
    });
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  for (const suffix of ['ai', 'au', 'ad'])
    await sql.raw(`DROP TRIGGER IF EXISTS smms_sync_${TABLE}_${suffix}`).execute(db);
}
