import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/connect.ts';
import { schemaStatus } from '../db/migrate.ts';
import { checkRoles, central, withLockRetry } from './central.ts';
import { getState } from './local-state.ts';
import { SYNCED_TABLE_NAMES, TABLE_NOUNS, isSyncedTable, type SyncedTable } from './tables.ts';

// Switching a standalone computer to synced (SYNC.md "Modes": "offers to upload the standalone data
// once (an import), never a silent merge"). Central must be empty for an upload; a central that
// already holds another institution, or this institution from somewhere else, is refused in words
// the admin can act on. A computer whose cache came from central (disconnected, now reconnecting)
// simply catches up.

/** Tables copied to central, parents before children (foreign keys stay on for the check below). */
const UPLOAD_TABLES = [
  ...SYNCED_TABLE_NAMES,
  'password_resets',
  'department_settings',
  'attachment_blobs',
  'roster_mappings',
  'audit_logs',
] as const;

/** Progress words for the upload's tables that are not synced (TABLE_NOUNS names the rest). */
const UPLOAD_NOUNS: Record<Exclude<(typeof UPLOAD_TABLES)[number], SyncedTable>, string> = {
  password_resets: 'password resets',
  roster_mappings: 'import mappings',
  audit_logs: 'audit log',
};

/** audit_logs ids are numbered by each database: central numbers the uploaded rows itself. */
const DROP_COLUMNS: Partial<Record<(typeof UPLOAD_TABLES)[number], string>> = { audit_logs: 'id' };
/** Rows per INSERT: blobs are big, the rest are small. */
const CHUNK: Partial<Record<(typeof UPLOAD_TABLES)[number], number>> = { attachment_blobs: 10 };

export type ConnectPlan = 'upload' | 'reconnect' | 'join' | 'refuse';

export interface CentralContents {
  institutions: { id: string; name: string; code: string }[];
  users: number;
}

export async function centralContents(db: Db): Promise<CentralContents> {
  return central(async () => {
    const institutions = await db.kysely
      .selectFrom('institutions')
      .select(['id', 'name', 'code'])
      .orderBy('name')
      .execute();
    const users = await db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { institutions, users: Number(users.n) };
  });
}

export async function localHasData(local: Db): Promise<boolean> {
  for (const table of SYNCED_TABLE_NAMES) {
    const { rows } = await sql`select 1 from ${sql.table(table)} limit 1`.execute(local.kysely);
    if (rows.length > 0) return true;
  }
  return false;
}

const names = (list: { name: string }[]): string => list.map((i) => i.name).join(', ');

/** What connecting this computer to that central would do, decided before anything is written. */
export async function planConnect(
  local: Db,
  centralDb: Db,
): Promise<{ plan: ConnectPlan; message: string; contents: CentralContents | null }> {
  const schema = await central(() => schemaStatus(centralDb));
  if (schema.applied.length === 0 || schema.pending.length > 0) {
    return {
      plan: 'refuse',
      contents: null,
      message:
        schema.applied.length === 0
          ? 'The central database has no SMMS tables yet. Ask IT to run "smms migrate" on it first.'
          : 'The central database is behind this version of SMMS. Ask IT to run "smms migrate" on it first.',
    };
  }
  if (schema.unknown.length > 0) {
    return {
      plan: 'refuse',
      contents: null,
      message: 'The central database was upgraded by a newer SMMS. Update this app first.',
    };
  }
  try {
    await checkRoles(local.kysely, centralDb.kysely);
  } catch (err) {
    return { plan: 'refuse', contents: null, message: (err as Error).message };
  }
  const contents = await centralContents(centralDb);
  const mine = await local.kysely.selectFrom('institutions').select(['id', 'name', 'code']).execute();
  const fromCentral = (await getState(local.kysely, 'snapshotStartedAt')) !== null;
  const centralEmpty = contents.institutions.length === 0 && contents.users === 0;
  const overlap = mine.filter((m) => contents.institutions.some((c) => c.id === m.id));

  if (fromCentral) {
    if (centralEmpty || overlap.length < mine.length) {
      return {
        plan: 'refuse',
        contents,
        message:
          'This computer’s data came from a different central database. Connect it to that one, or ask IT to reinstall it.',
      };
    }
    return {
      plan: 'reconnect',
      contents,
      message: 'This computer’s copy came from this central database: it reconnects and catches up.',
    };
  }
  if (!(await localHasData(local))) {
    // A fresh install: it can only become a copy of what central already holds (sync:join).
    if (contents.institutions.length === 0) {
      return {
        plan: 'refuse',
        contents,
        message:
          'The central database is empty: there is nothing to join. Set up a new institution instead; its data can be uploaded to this central database later from the Sync page.',
      };
    }
    return {
      plan: 'join',
      contents,
      message: `The central database holds ${names(contents.institutions)}. This computer will download the records your account may see, and keep them in sync.`,
    };
  }
  if (centralEmpty) {
    return {
      plan: 'upload',
      contents,
      message: `The central database is empty. This computer’s data (${names(mine)}) will be uploaded to it once, and from then on kept in sync.`,
    };
  }
  if (overlap.length === 0) {
    return {
      plan: 'refuse',
      contents,
      message: `The central database already holds another institution (${names(contents.institutions)}). This computer’s ${names(mine)} cannot be merged into it: use an empty central database for it.`,
    };
  }
  return {
    plan: 'refuse',
    contents,
    message: `The central database already holds ${names(overlap)}, but this computer’s copy was not made from it. Uploading would overwrite central’s records; ask IT which copy is the right one.`,
  };
}

export interface UploadProgress {
  done: number;
  total: number;
  label: string;
}

async function countRows(local: Db): Promise<number> {
  let total = 0;
  for (const table of UPLOAD_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
      local.kysely,
    );
    total += Number(rows[0]?.n ?? 0);
  }
  return total;
}

/**
 * Copies every row of this standalone database to an empty central, in one central transaction (all
 * or nothing), with foreign keys checked. Central's triggers record every row in sync_changes, so
 * other computers receive them like any write. Returns the rows copied per table.
 */
export async function uploadStandalone(
  local: Db,
  centralDb: Db,
  onProgress?: (p: UploadProgress) => void,
): Promise<{ table: string; rows: number }[]> {
  const total = await countRows(local);
  return withLockRetry(() =>
    centralDb.kysely.transaction().execute(async (trx) => {
      // Nobody uploaded in between: the check and the copy commit together.
      const busy = await sql`select id from institutions limit 1 for update`.execute(trx);
      if (busy.rows.length > 0)
        throw new Error('The central database is no longer empty; nothing was uploaded.');
      const out: { table: string; rows: number }[] = [];
      let done = 0;
      for (const table of UPLOAD_TABLES) {
        let copied = 0;
        let after = 0;
        const size = CHUNK[table] ?? 500;
        for (;;) {
          const { rows } = await sql<
            Record<string, unknown>
          >`select rowid as "__rowid", * from ${sql.table(table)}
            where rowid > ${after} order by rowid limit ${size}`.execute(local.kysely);
          if (rows.length === 0) break;
          after = Number(rows.at(-1)!.__rowid);
          const values = rows.map((r) => {
            const { __rowid: _r, ...row } = r;
            const drop = DROP_COLUMNS[table];
            if (drop) delete row[drop];
            return row;
          });
          await (trx as Kysely<Record<string, Record<string, unknown>>>)
            .insertInto(table)
            .values(values)
            .execute();
          copied += rows.length;
          done += rows.length;
          onProgress?.({
            done,
            total,
            label: `Uploading ${isSyncedTable(table) ? TABLE_NOUNS[table] : UPLOAD_NOUNS[table]}`,
          });
        }
        out.push({ table, rows: copied });
      }
      return out;
    }),
  );
}
