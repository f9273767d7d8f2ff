import type { QueryClient } from '@tanstack/react-query';
import type { CallName } from '../../../shared/contract/index.ts';

// Query keys start with the list call's name (use-server-table, RemoteSelect), so a write
// refreshes every view built on the calls it changes.

export const ASSIGNMENT_VIEWS: readonly CallName[] = [
  'assignments:list',
  'assignments:history',
  'assignments:workload',
  'students:list',
  'students:get',
  'mentors:list',
  'sessions:pending',
  'alerts:list',
];

export function invalidateCalls(client: QueryClient, names: readonly string[]): Promise<void> {
  const set = new Set<unknown>([...names, 'dashboards:department', 'dashboards:admin']);
  return client.invalidateQueries({ predicate: (q) => set.has(q.queryKey[0]) });
}
