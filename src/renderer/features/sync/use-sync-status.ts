import { useEffect } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SyncStatusDto } from '../../../shared/contract/sync.contract.ts';
import { call, onAppEvent } from '../../api.ts';
import { invalidateAfter } from '../sessions/use-call.ts';
import { parseSyncEvent, type SyncProgressView, type SyncRoundReport } from './sync-event.ts';

// One place keeps this laptop's sync state for the badge, the Sync screen and the forms: the
// sync:status call when the window opens, then the sync loop's live events on top of it.

const STATUS_KEY = ['sync:status', {}] as const;
// Not a call: kept apart from the 'sync:' keys so invalidating the calls never clears it.
const LIVE_KEY = ['renderer/sync-live'] as const;

export interface SyncLive {
  progress: SyncProgressView | null;
  report: SyncRoundReport | null;
  /** When the last event arrived (the Sync screen's history of this window's rounds). */
  rounds: {
    at: string;
    state: SyncStatusDto['state'];
    report: SyncRoundReport | null;
    error: string | null;
  }[];
}

const EMPTY_LIVE: SyncLive = { progress: null, report: null, rounds: [] };

export function useSyncStatus(): {
  status: SyncStatusDto | undefined;
  live: SyncLive;
  isLoading: boolean;
  error: unknown;
  refetch(): void;
} {
  const q = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => call('sync:status', {}),
    refetchInterval: 60_000,
  });
  const live = useQuery({
    queryKey: LIVE_KEY,
    queryFn: () => EMPTY_LIVE,
    enabled: false,
    initialData: EMPTY_LIVE,
  });
  return {
    status: q.data,
    live: live.data ?? EMPTY_LIVE,
    isLoading: q.isPending,
    error: q.error,
    refetch: () => void q.refetch(),
  };
}

function applyEvent(queryClient: QueryClient, raw: unknown): void {
  const e = parseSyncEvent(raw);
  if (!e) return;
  const before = queryClient.getQueryData<SyncStatusDto>(STATUS_KEY);
  if (before) {
    queryClient.setQueryData<SyncStatusDto>(STATUS_KEY, {
      ...before,
      mode: 'synced',
      state: e.state,
      pending: e.pending,
      lastSuccessAt: e.lastSuccessAt ?? before.lastSuccessAt,
      lastError: e.state === 'idle' ? null : (e.lastError ?? before.lastError),
    });
  }
  const roundEnded = e.state !== 'syncing';
  queryClient.setQueryData<SyncLive>(LIVE_KEY, (old = EMPTY_LIVE) => ({
    progress: e.progress,
    report: e.report ?? old.report,
    rounds: roundEnded
      ? [
          {
            at: new Date().toISOString(),
            state: e.state,
            report: e.state === 'idle' ? e.report : null,
            error: e.lastError,
          },
          ...old.rounds,
        ].slice(0, 20)
      : old.rounds,
  }));
  if (roundEnded) {
    // Counts of rejected and conflicting changes come from the call, not the event.
    void queryClient.invalidateQueries({ queryKey: ['sync:status'] });
    void queryClient.invalidateQueries({ queryKey: ['sync:outbox'] });
    // A round that pulled rows may have changed what any screen shows.
    if (
      e.state === 'idle' &&
      e.report &&
      (e.report.pulled > 0 || e.report.evicted > 0 || e.report.pushed > 0)
    )
      void invalidateAfter(queryClient, 'sync:status');
  }
}

/** Mount once in the signed-in layout: feeds the sync loop's events into the shared state. */
export function useSyncEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => onAppEvent('sync:status', (e) => applyEvent(queryClient, e.status)), [queryClient]);
}
