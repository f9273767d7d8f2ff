import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Central only: a session's change row names the session's assignment (sync_changes.parentId, new
// and nullable, so the seed tables and every other table's triggers stay as they were).
// Why: a change row carried only the session's id, so every laptop asked central about every
// changed session through its scope predicate, the dearest read of a pull, to learn that almost none
// were its own (a student's pull after 200 laptops wrote: ~80 changed sessions, usually none of them
// the student's). A session is only ever in a user's scope when its assignment is (the scope
// module's scopeSessions is "assignment in the user's assignments AND ..."), so a laptop that holds
// neither the session nor its assignment, and saw no change of that assignment in the same batch,
// can skip it (src/core/sync/pull.ts). Rows logged before this step have no parent and are asked
// about as before.
// The triggers keep their names (smms doctor checks them). They are replaced without a moment in
// which a session write goes unrecorded: a stand-in is created first (MySQL and MariaDB run both
// triggers of an event, so a write in between is recorded twice, which only makes a laptop fetch
// the row twice), the old trigger is dropped and made again with the parent, then the stand-in goes.
// FROZEN: never edit after release; add a new migration instead.

const TABLE = 'session_records';
const PK = 'id';
const PARENT = 'assignmentId';

function record(row: 'NEW' | 'OLD', op: 'UPSERT' | 'DELETE', withParent: boolean): string {
  const parentColumn = withParent ? ', parentId' : '';
  const parentValue = withParent ? `, CAST(${row}.\`${PARENT}\` AS CHAR(191))` : '';
  return (
    'UPDATE sync_counter SET v = v + 1 WHERE id = 1; ' +
    'SELECT v INTO nv FROM sync_counter WHERE id = 1; ' +
    `INSERT INTO sync_changes (seq, tableName, rowId, op, changedAt${parentColumn}) ` +
    `VALUES (nv, '${TABLE}', CAST(${row}.\`${PK}\` AS CHAR(191)), '${op}', CURRENT_TIMESTAMP(3)${parentValue});`
  );
}

type Suffix = 'ai' | 'au' | 'ad';
const EVENT: Record<Suffix, string> = { ai: 'INSERT', au: 'UPDATE', ad: 'DELETE' };

function body(suffix: Suffix, withParent: boolean): string {
  if (suffix === 'ai') return record('NEW', 'UPSERT', withParent);
  if (suffix === 'ad') return record('OLD', 'DELETE', withParent);
  return (
    `IF NOT (OLD.\`${PK}\` <=> NEW.\`${PK}\`) THEN ${record('OLD', 'DELETE', withParent)} END IF; ` +
    record('NEW', 'UPSERT', withParent)
  );
}

function create(name: string, suffix: Suffix, withParent: boolean): string {
  return (
    `CREATE TRIGGER ${name} AFTER ${EVENT[suffix]} ON \`${TABLE}\` FOR EACH ROW ` +
    `BEGIN DECLARE nv BIGINT; ${body(suffix, withParent)} END`
  );
}

/** Replaces each trigger by its other form, with a stand-in so that no write goes unrecorded. */
async function swapTriggers(db: Kysely<any>, withParent: boolean): Promise<void> {
  for (const suffix of ['ai', 'au', 'ad'] as const) {
    const name = `smms_sync_${TABLE}_${suffix}`;
    const standIn = `${name}_swap`;
    await sql.raw(`DROP TRIGGER IF EXISTS ${standIn}`).execute(db);
    await sql.raw(create(standIn, suffix, withParent)).execute(db);
    await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    await sql.raw(create(name, suffix, withParent)).execute(db);
    await sql.raw(`DROP TRIGGER ${standIn}`).execute(db);
  }
}

/** Whether sync_changes has the column: a step that stopped half-way (a dropped connection, a
 * server refusing trigger DDL) can be run again. */
async function hasParentColumn(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'sync_changes' AND COLUMN_NAME = 'parentId'`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  // Nullable and last: an instant change on MariaDB ≥ 10.3 and MySQL ≥ 8.0, however long the log
  // (it still waits for a metadata lock behind open transactions: run migrations in a quiet hour).
  if (!(await hasParentColumn(db)))
    await sql`ALTER TABLE sync_changes ADD COLUMN parentId VARCHAR(191) NULL`.execute(db);
  await swapTriggers(db, true);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  await swapTriggers(db, false);
  if (await hasParentColumn(db)) await sql`ALTER TABLE sync_changes DROP COLUMN parentId`.execute(db);
}
