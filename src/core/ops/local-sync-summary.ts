import type { RawSqlite } from './sqlite-file.ts';

// The laptop's sync state read straight from the file (read-only: doctor and diagnostics must not
// migrate or write a database they only look at).

export interface LocalSyncSummary {
  mode: 'standalone' | 'synced';
  pending: number;
  rejected: number;
  conflicts: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  cursor: string | null;
}

const hasTable = (db: RawSqlite, name: string): boolean =>
  db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;

export function localSyncSummary(db: RawSqlite): LocalSyncSummary {
  const state = new Map<string, string>();
  if (hasTable(db, 'sync_state')) {
    for (const r of db.prepare(`select key, value from sync_state`).all() as {
      key: string;
      value: string;
    }[]) {
      state.set(r.key, r.value);
    }
  }
  const counts = new Map<string, number>();
  if (hasTable(db, 'sync_outbox')) {
    const rows = db.prepare(`select status, count(*) as n from sync_outbox group by status`).all() as {
      status: string;
      n: number;
    }[];
    for (const r of rows) counts.set(r.status, r.n);
  }
  return {
    mode: state.get('mode') === 'synced' ? 'synced' : 'standalone',
    pending: counts.get('PENDING') ?? 0,
    rejected: counts.get('REJECTED') ?? 0,
    conflicts: counts.get('CONFLICT') ?? 0,
    lastSuccessAt: state.get('lastSuccessAt') ?? null,
    lastError: state.get('lastError') ?? null,
    cursor: state.get('cursor') ?? null,
  };
}
