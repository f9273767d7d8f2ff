import { MIGRATIONS } from '../../../migrations/index.ts';
import { MIGRATION_TABLE } from '../db/migrate.ts';
import { openSqliteFile, type RawSqlite } from './sqlite-file.ts';

// What a database file is: readable at all, internally consistent (PRAGMA integrity_check), an SMMS
// database, and at which schema version. Used at start, before a restore and by `smms doctor`.

export interface Integrity {
  ok: boolean;
  /** integrity_check's own lines, or the error that kept the file from being read. */
  problems: string[];
}

export interface DatabaseFileInfo {
  integrity: Integrity;
  /** Has the migrations table: written by SMMS. */
  isSmms: boolean;
  applied: string[];
  /** Steps this build does not know: a newer SMMS wrote the file. */
  unknown: string[];
  /** The newest applied step, '' for an empty file. */
  schema: string;
}

const MAX_PROBLEMS = 20;

/**
 * Runs integrity_check on an open connection (a corrupt header throws before it can answer).
 * `quick` skips the index-versus-table comparison: enough for a page-exact copy just written by the
 * backup API, and several times faster on a big file.
 */
export function integrityOf(db: RawSqlite, quick = false): Integrity {
  const pragma = quick ? 'quick_check' : 'integrity_check';
  try {
    const rows = db.pragma(`${pragma}(${MAX_PROBLEMS})`) as Record<string, string>[];
    const lines = rows.map((r) => String(Object.values(r)[0]));
    const ok = lines.length === 1 && lines[0] === 'ok';
    return { ok, problems: ok ? [] : lines };
  } catch (err) {
    return { ok: false, problems: [errorText(err)] };
  }
}

export function checkIntegrity(path: string, quick = false): Integrity {
  let db: RawSqlite | undefined;
  try {
    db = openSqliteFile(path, { mustExist: true });
    return integrityOf(db, quick);
  } catch (err) {
    return { ok: false, problems: [errorText(err)] };
  } finally {
    db?.close();
  }
}

export function appliedSteps(db: RawSqlite): { isSmms: boolean; applied: string[] } {
  const table = db
    .prepare(`select name from sqlite_master where type = 'table' and name = ?`)
    .get(MIGRATION_TABLE);
  if (!table) return { isSmms: false, applied: [] };
  const rows = db.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[];
  return { isSmms: true, applied: rows.map((r) => r.name) };
}

/** Everything a restore or a start-up check needs to know about a file, without changing it. */
export function inspectDatabaseFile(
  path: string,
  known: readonly string[] = Object.keys(MIGRATIONS),
  options: { alreadyChecked?: boolean } = {},
): DatabaseFileInfo {
  let db: RawSqlite | undefined;
  try {
    db = openSqliteFile(path, { mustExist: true, readonly: true });
    const integrity: Integrity = options.alreadyChecked ? { ok: true, problems: [] } : integrityOf(db);
    if (!integrity.ok) return { integrity, isSmms: false, applied: [], unknown: [], schema: '' };
    const { isSmms, applied } = appliedSteps(db);
    return {
      integrity,
      isSmms,
      applied,
      unknown: applied.filter((n) => !known.includes(n)),
      schema: applied.at(-1) ?? '',
    };
  } catch (err) {
    return {
      integrity: { ok: false, problems: [errorText(err)] },
      isSmms: false,
      applied: [],
      unknown: [],
      schema: '',
    };
  } finally {
    db?.close();
  }
}

function errorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${String(e?.message ?? err)}`;
}
