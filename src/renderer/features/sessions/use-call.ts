import { useState } from 'react';
import type { SortingState } from '@tanstack/react-table';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import type { CallInput, CallName, CallOutput } from '../../../shared/contract/index.ts';
import { call, errorMessage } from '../../api.ts';

// Reads are cached under [call name, input]; a write invalidates every read of the features it
// touches (by call-name prefix), so each screen shows the change without knowing who else reads it.

export function useCall<K extends CallName>(
  name: K,
  input: CallInput<K>,
  options: { enabled?: boolean; refetchInterval?: number } = {},
): UseQueryResult<CallOutput<K>> {
  return useQuery({
    queryKey: [name, input],
    queryFn: () => call(name, input),
    enabled: options.enabled,
    refetchInterval: options.refetchInterval,
  });
}

/** Features whose reads a write of `name` may change. Dashboards and sync follow every write. */
const AFFECTS: Record<string, readonly string[]> = {
  sessions: ['sessions:', 'feedback:', 'goals:', 'students:', 'alerts:'],
  feedback: ['feedback:', 'sessions:'],
  goals: ['goals:'],
  alerts: ['alerts:', 'students:'],
  notifications: ['notifications:'],
  sync: ['sessions:', 'feedback:', 'goals:', 'alerts:', 'students:', 'notifications:'],
};

export function invalidateAfter(queryClient: QueryClient, name: CallName): Promise<void> {
  const feature = name.split(':')[0] ?? '';
  const prefixes = [...(AFFECTS[feature] ?? [`${feature}:`]), 'dashboards:', 'sync:', 'search:'];
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const key = q.queryKey[0];
      return typeof key === 'string' && prefixes.some((p) => key.startsWith(p));
    },
  });
}

/** A write call: on success the related reads refresh and, when given, a confirmation toast shows. */
export function useWrite<K extends CallName>(
  name: K,
  options: { success?: string | ((data: CallOutput<K>) => string); toastErrors?: boolean } = {},
): UseMutationResult<CallOutput<K>, unknown, CallInput<K>> {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CallInput<K>) => call(name, input),
    onSuccess: async (data) => {
      await invalidateAfter(queryClient, name);
      const message = typeof options.success === 'function' ? options.success(data) : options.success;
      if (message) notifications.show({ color: 'teal', message, autoClose: 4000 });
    },
    onError: (err) => {
      if (options.toastErrors)
        notifications.show({ color: 'red', title: 'Not saved', message: errorMessage(err) });
    },
  });
}

/**
 * Sorting state for a DataTable over rows already loaded. Always pass it: the table's own default
 * is a new array on every render, which sends a client-sorted table into an endless re-render as
 * soon as a row takes focus from the mouse.
 */
export function useLocalSort(): { sorting: SortingState; onSortingChange(s: SortingState): void } {
  const [sorting, onSortingChange] = useState<SortingState>([]);
  return { sorting, onSortingChange };
}
