import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LATEST_SCHEMA } from '../db/migrate.ts';
import { listBackups } from './backup-store.ts';
import { appliedSteps } from './integrity.ts';
import { localSyncSummary, type LocalSyncSummary } from './local-sync-summary.ts';
import { redactText } from './log-redact.ts';
import type { LogEntry } from './log-sink.ts';
import { formatBytes } from './sizes.ts';
import { databaseBytes, openSqliteFile } from './sqlite-file.ts';

// Help → Copy diagnostics: what support asks for first, as plain text for an email or a chat.
// Versions, where the data is, how big, which schema, sync state, backups and the last problems the
// log recorded. No user data: counts, versions, paths and already-redacted log lines only.

export interface DiagnosticsInput {
  appVersion: string;
  versions: Record<string, string | undefined>;
  platform: string;
  dataDir: string;
  /** Why this data folder: SMMS_DATA_DIR, the Data folder setting, or the default. */
  dataDirSource: string;
  dbFile: string;
  logFile: string | null;
  recentProblems: readonly LogEntry[];
  now: Date;
}

export interface Diagnostics {
  lines: [string, string][];
  problems: string[];
}

function databaseFacts(dbFile: string): { schema: string; sqlite: string; sync: LocalSyncSummary | null } {
  if (!existsSync(dbFile)) return { schema: 'no database file', sqlite: '', sync: null };
  try {
    const db = openSqliteFile(dbFile, { readonly: true });
    try {
      const { applied } = appliedSteps(db);
      const sqlite = String(db.prepare('select sqlite_version() as v').pluck().get());
      return { schema: applied.at(-1) ?? 'empty', sqlite, sync: localSyncSummary(db) };
    } finally {
      db.close();
    }
  } catch (err) {
    return { schema: `unreadable (${(err as Error).message})`, sqlite: '', sync: null };
  }
}

function syncLine(s: LocalSyncSummary | null): string {
  if (!s) return 'unknown';
  if (s.mode === 'standalone') return 'standalone';
  return (
    `synced; ${s.pending} waiting, ${s.rejected} refused, ${s.conflicts} in conflict; ` +
    `last success ${s.lastSuccessAt ?? 'never'}${s.lastError ? `; last error: ${s.lastError}` : ''}`
  );
}

export function collectDiagnostics(input: DiagnosticsInput): Diagnostics {
  const facts = databaseFacts(input.dbFile);
  const backups = listBackups(join(dirname(input.dbFile), 'backups'));
  const versions = Object.entries(input.versions)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines: [string, string][] = [
    ['Generated', input.now.toISOString()],
    ['SMMS Desktop', input.appVersion],
    ['Runtime', versions],
    ['System', input.platform],
    ['Data folder', `${input.dataDir} (${input.dataDirSource})`],
    ['Database', `${input.dbFile}, ${formatBytes(databaseBytes(input.dbFile))}`],
    ['Schema', `${facts.schema} (this version knows ${LATEST_SCHEMA})`],
    ['SQLite', facts.sqlite],
    ['Sync', syncLine(facts.sync)],
    ['Backups', backups.length ? `${backups.length}; newest ${backups[0]!.name}` : 'none yet'],
    ['Log file', input.logFile ?? 'none'],
  ];
  const problems = input.recentProblems.map((e) => {
    const line = `${e.t} ${e.level} ${e.msg}${e.data === undefined ? '' : ` ${JSON.stringify(e.data)}`}`;
    return line.length > 600 ? `${line.slice(0, 600)}…` : line;
  });
  return { lines, problems };
}

export function formatDiagnostics(d: Diagnostics): string {
  const width = Math.max(...d.lines.map(([k]) => k.length)) + 2;
  const text = [
    'SMMS Desktop diagnostics',
    ...d.lines.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`),
    '',
    `Last problems (${d.problems.length}):`,
    ...(d.problems.length ? d.problems.map((p) => `  ${p}`) : ['  none since the app started']),
  ].join('\n');
  // Everything above is meant to be free of secrets already; this is the second lock on the door.
  return redactText(text, 20_000);
}
