import { useState } from 'react';
import { keepPreviousData, usePrefetchQuery, useQuery } from '@tanstack/react-query';
import type { SortingState } from '@tanstack/react-table';
import { sortingToQuery, type SortDir } from './table-logic.ts';
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
  const [sorting, setSorting] = useState<SortingState>([
    { id: options.defaultSort.sort, desc: options.defaultSort.dir === 'desc' },
  ]);
  const filterKey = JSON.stringify(options.filters);
  const [paging, setPaging] = useState({ page: 1, filterKey });
  // A new filter puts the user back on page 1 in the same render, without an extra request.
  const page = paging.filterKey === filterKey ? paging.page : 1;
  const query = { page, pageSize, ...sortingToQuery(sorting, options.defaultSort), ...options.filters };

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
