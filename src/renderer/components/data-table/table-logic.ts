import type { SortingState } from '@tanstack/react-table';

// The DataTable's decisions as plain functions (unit-tested without a DOM).

/** Where the active row goes for a key, or null when the key is not a row-navigation key. */
export function nextRowIndex(
  key: string,
  current: number,
  rowCount: number,
  visibleRows: number,
): number | null {
  if (rowCount === 0) return null;
  const last = rowCount - 1;
  const page = Math.max(1, visibleRows - 1);
  const clamp = (i: number): number => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + page);
    case 'PageUp':
      return clamp(current - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

export type SortDir = 'asc' | 'desc';

/** TanStack's sorting state as a list call's `{ sort, dir }` (first column only; lists sort by one). */
export function sortingToQuery<S extends string>(
  sorting: SortingState,
  fallback: { sort: S; dir: SortDir },
): { sort: S; dir: SortDir } {
  const first = sorting[0];
  return first ? { sort: first.id as S, dir: first.desc ? 'desc' : 'asc' } : fallback;
}

const count = new Intl.NumberFormat('en-GB');

/** "1–50 of 1,234" for a 1-based page. */
export function pageRange(page: number, pageSize: number, total: number): string {
  if (total === 0) return 'No rows';
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return `${count.format(from)}–${count.format(to)} of ${count.format(total)}`;
}

export function pageCount(pageSize: number, total: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
