import type { SyncStatusDto } from '../../../shared/contract/sync.contract.ts';

// The sync loop's 'sync:status' event, as the renderer reads it. The bridge types the payload as
// unknown (it comes from the main process), so it is checked field by field, never trusted.

export interface SyncProgressView {
  phase: 'push' | 'snapshot' | 'pull';
  done: number;
  total: number;
  label: string;
}

export interface SyncRoundReport {
  pushed: number;
  applied: number;
  rejected: number;
  conflicts: number;
  pulled: number;
  evicted: number;
  durationMs: number;
}

export interface SyncEventView {
  state: SyncStatusDto['state'];
  pending: number;
  lastSuccessAt: string | null;
  lastError: string | null;
  progress: SyncProgressView | null;
  report: SyncRoundReport | null;
}

const STATES = ['idle', 'syncing', 'offline', 'error'] as const;
const PHASES = ['push', 'snapshot', 'pull'] as const;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : null;

function progressOf(v: unknown): SyncProgressView | null {
  const p = obj(v);
  if (!p || !(PHASES as readonly unknown[]).includes(p.phase)) return null;
  return {
    phase: p.phase as SyncProgressView['phase'],
    done: num(p.done),
    total: num(p.total),
    label: str(p.label) ?? '',
  };
}

function reportOf(v: unknown): SyncRoundReport | null {
  const r = obj(v);
  if (!r) return null;
  return {
    pushed: num(r.pushed),
    applied: num(r.applied),
    rejected: num(r.rejected),
    conflicts: num(r.conflicts),
    pulled: num(r.pulled),
    evicted: num(r.evicted),
    durationMs: num(r.durationMs),
  };
}

export function parseSyncEvent(status: unknown): SyncEventView | null {
  const s = obj(status);
  if (!s || !(STATES as readonly unknown[]).includes(s.state)) return null;
  return {
    state: s.state as SyncEventView['state'],
    pending: num(s.pending),
    lastSuccessAt: str(s.lastSuccessAt),
    lastError: str(s.lastError) ?? null,
    progress: progressOf(s.progress),
    report: reportOf(s.lastReport),
  };
}
