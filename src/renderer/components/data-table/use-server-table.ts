import { useEffect, useState } from 'react';
import { keepPreviousData, usePrefetchQuery, useQuery } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { sortingToQuery, type SortDir } from './table-logic.ts';
import { pageFromAddress, sortingFromAddress, tableAddress, type KeptInAddress } from './table-address.ts';
import type { DataTableProps } from './DataTable.tsx';

// Server-side paging, sorting and filtering for list calls shaped like common-fields' listInput:
// input `{ page, pageSize, sort, dir, ...filters }`, output `{ rows, total }`. Changing a filter or
// the sort goes back to page 1; the previous page stays on screen while the next one loads.

export interface ListQuery<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: SortDir;
}

export interface ServerTableOptions<T, S extends string, F extends object> {
  /** The list call's name: the query cache key, so writes can invalidate it. */
  callName: string;
  filters: F;
  fetchPage(query: ListQuery<S> & F): Promise<{ rows: T[]; total: number }>;
  defaultSort: { sort: S; dir: SortDir };
  pageSize?: number;
  /**
   * Keeps the sort and page in the address too (table-address.ts), for a table that unmounts while
   * its page stays, as a tab's does: without it they start again at the default when it remounts.
   */
  keepInAddress?: KeptInAddress<S>;
}

export type ServerTableProps<T> = Pick<
  DataTableProps<T>,
  | 'data'
  | 'isLoading'
  | 'isFetching'
  | 'error'
  | 'onRetry'
  | 'sorting'
  | 'onSortingChange'
  | 'manualSorting'
  | 'pagination'
>;

export function useServerTable<T, S extends string, F extends object>(
  options: ServerTableOptions<T, S, F>,
): { tableProps: ServerTableProps<T>; total: number } {
  const pageSize = options.pageSize ?? 50;
  const kept = options.keepInAddress;
  const [sorting, setSorting] = useState<SortingState>(() =>
    kept
      ? sortingFromAddress(kept, options.defaultSort)
      : [{ id: options.defaultSort.sort, desc: options.defaultSort.dir === 'desc' }],
  );
  const filterKey = JSON.stringify(options.filters);
  const [paging, setPaging] = useState(() => ({ page: kept ? pageFromAddress(kept) : 1, filterKey }));
  // A new filter puts the user back on page 1 in the same render, without an extra request.
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const sort = sortingToQuery(sorting, options.defaultSort);
  const query = { page, pageSize, ...sort, ...options.filters };
  useKeptInAddress(kept, tableAddress(sort, page, options.defaultSort));

  const queryKey = [options.callName, query];
  const queryFn = (): Promise<{ rows: T[]; total: number }> => options.fetchPage(query);
  // Ask the core during this render, not after the commit (when useQuery would): the page's first
  // render and mount (filters, pickers) then overlap the call instead of preceding it.
  usePrefetchQuery({ queryKey, queryFn });
  const result = useQuery({ queryKey, queryFn, placeholderData: keepPreviousData });
  const total = result.data?.total ?? 0;

  return {
    total,
    tableProps: {
      data: result.data?.rows ?? [],
      isLoading: result.isPending,
      isFetching: result.isFetching && !result.isPending,
      error: result.error,
      onRetry: () => void result.refetch(),
      sorting,
      onSortingChange: (next) => {
        setSorting(next);
        setPaging({ page: 1, filterKey });
      },
      manualSorting: true,
      pagination: { page, pageSize, total, onPageChange: (p) => setPaging({ page: p, filterKey }) },
    },
  };
}

/**
 * Makes the address say the table's sort and page after a render that changed either (a new filter
 * changes the page) or the address (a "clear filters" that cleared them too): the state stays the
 * table's own, and the address is read once, when the table mounts.
 */
function useKeptInAddress(
  kept: KeptInAddress<string> | undefined,
  wanted: Record<'sort' | 'dir' | 'page', string | null>,
): void {
  const stale =
    kept !== undefined && Object.entries(wanted).some(([key, value]) => kept.url.get(key) !== value);
  useEffect(() => {
    if (stale) kept?.url.set(wanted);
    // `kept` and `wanted` are new objects at every render: `stale` is what changes.
  }, [stale, wanted.sort, wanted.dir, wanted.page]);
}
