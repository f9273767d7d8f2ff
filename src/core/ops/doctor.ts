import { existsSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIGRATIONS } from '../../../migrations/index.ts';
import { listBackups } from './backup-store.ts';
import { appliedSteps, integrityOf } from './integrity.ts';
import { localSyncSummary } from './local-sync-summary.ts';
import { formatBytes } from './sizes.ts';
import { databaseBytes, openSqliteFile, type RawSqlite } from './sqlite-file.ts';

// `smms doctor`: checks that explain a problem before a user has to. Each check says ok, warn or fail
// and, when not ok, what to do. The local checks only read the file; nothing is migrated or written.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  area: 'local' | 'central';
  name: string;
  status: CheckStatus;
  detail: string;
}

const DAY_MS = 86_400_000;
const KNOWN = Object.keys(MIGRATIONS);
const LATEST = KNOWN.at(-1)!;

export function schemaCheck(
  area: Check['area'],
  applied: readonly string[],
  isSmms: boolean,
  pendingAdvice: string,
): Check {
  const name = 'schema';
  if (!isSmms)
    return { area, name, status: 'fail', detail: 'not an SMMS database (no smms_migrations table).' };
  const unknown = applied.filter((n) => !KNOWN.includes(n));
  if (unknown.length) {
    return {
      area,
      name,
      status: 'fail',
      detail: `written by a newer SMMS (${unknown.join(', ')}); install the latest version.`,
    };
  }
  const pending = KNOWN.filter((n) => !applied.includes(n));
  if (pending.length) {
    return {
      area,
      name,
      status: 'warn',
      detail: `at ${applied.at(-1) ?? 'nothing'}, ${pending.length} step(s) behind ${LATEST}: ${pendingAdvice}`,
    };
  }
  return { area, name, status: 'ok', detail: `${LATEST} (current)` };
}

function backupsCheck(dbFile: string, now: Date): Check {
  const backups = listBackups(join(dirname(dbFile), 'backups')).filter((b) => b.reason !== 'corrupt');
  const newest = backups[0];
  if (!newest) {
    return {
      area: 'local',
      name: 'backups',
      status: 'warn',
      detail: 'no backups yet in backups/ next to the database.',
    };
  }
  const days = (now.getTime() - Date.parse(newest.createdAt)) / DAY_MS;
  const detail = `${backups.length} kept; newest ${newest.name} (${days < 1 ? 'today' : `${Math.floor(days)} day(s) ago`}).`;
  return { area: 'local', name: 'backups', status: days > 2 ? 'warn' : 'ok', detail };
}

function diskCheck(dbFile: string): Check {
  const size = databaseBytes(dbFile);
  const fs = statfsSync(dirname(dbFile));
  const free = fs.bavail * fs.bsize;
  const enough = free > Math.max(2 * size, 200 * 1024 * 1024);
  return {
    area: 'local',
    name: 'disk space',
    status: enough ? 'ok' : 'warn',
    detail: `${formatBytes(free)} free for a ${formatBytes(size)} database${enough ? '.' : ': backups and updates need about twice its size; free some space.'}`,
  };
}

function syncCheck(db: RawSqlite): Check {
  const s = localSyncSummary(db);
  if (s.mode === 'standalone')
    return { area: 'local', name: 'sync', status: 'ok', detail: 'standalone (no central database).' };
  const review = s.rejected + s.conflicts;
  const detail =
    `synced; ${s.pending} change(s) waiting, ${review} refused or in conflict; last success ${s.lastSuccessAt ?? 'never'}` +
    (s.lastError ? `; last error: ${s.lastError}` : '') +
    (review ? ' (review them on the Sync screen).' : '.');
  return { area: 'local', name: 'sync', status: review || !s.lastSuccessAt ? 'warn' : 'ok', detail };
}

export function doctorLocal(dbFile: string, now: Date = new Date()): Check[] {
  if (!existsSync(dbFile)) {
    return [
      { area: 'local', name: 'database', status: 'fail', detail: `there is no database file at ${dbFile}.` },
    ];
  }
  let db: RawSqlite;
  try {
    db = openSqliteFile(dbFile, { readonly: true });
  } catch (err) {
    return [
      {
        area: 'local',
        name: 'database',
        status: 'fail',
        detail: `cannot open ${dbFile}: ${(err as Error).message}`,
      },
    ];
  }
  try {
    const checks: Check[] = [
      {
        area: 'local',
        name: 'database',
        status: 'ok',
        detail: `${dbFile} (${formatBytes(databaseBytes(dbFile))}).`,
      },
    ];
    const integrity = integrityOf(db);
    checks.push({
      area: 'local',
      name: 'integrity',
      status: integrity.ok ? 'ok' : 'fail',
      detail: integrity.ok
        ? 'integrity_check: ok.'
        : `damaged (${integrity.problems[0]}); restore the latest backup (Settings → Backups, or smms restore).`,
    });
    if (!integrity.ok) return checks;
    const { isSmms, applied } = appliedSteps(db);
    checks.push(
      schemaCheck('local', applied, isSmms, 'the app updates it at its next start, after a backup.'),
    );
    const mode = String(db.pragma('journal_mode', { simple: true }));
    checks.push({
      area: 'local',
      name: 'journal',
      status: mode === 'wal' ? 'ok' : 'warn',
      detail: mode === 'wal' ? 'WAL.' : `${mode}; the app switches it to WAL when it opens the database.`,
    });
    if (isSmms) checks.push(syncCheck(db));
    checks.push(backupsCheck(dbFile, now), diskCheck(dbFile));
    return checks;
  } finally {
    db.close();
  }
}

export function exitCodeOf(checks: readonly Check[]): 0 | 1 | 2 {
  if (checks.some((c) => c.status === 'fail')) return 1;
  return checks.some((c) => c.status === 'warn') ? 2 : 0;
}

export function formatReport(
  checks: readonly Check[],
  labels: Partial<Record<Check['area'], string>>,
): string {
  const lines: string[] = [];
  for (const area of ['local', 'central'] as const) {
    const mine = checks.filter((c) => c.area === area);
    if (!mine.length) continue;
    lines.push(`${area === 'local' ? 'Local database' : 'Central database'}: ${labels[area] ?? ''}`);
    for (const c of mine) lines.push(`  ${c.status.padEnd(5)} ${c.name.padEnd(14)} ${c.detail}`);
    lines.push('');
  }
  const fails = checks.filter((c) => c.status === 'fail').length;
  const warns = checks.filter((c) => c.status === 'warn').length;
  lines.push(
    fails || warns
      ? `Result: ${fails} problem(s), ${warns} warning(s).`
      : 'Result: everything checked is in order.',
  );
  return lines.join('\n');
}
