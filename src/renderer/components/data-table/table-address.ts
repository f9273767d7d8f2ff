import type { SortingState } from '@tanstack/react-table';
import type { SortDir } from './table-logic.ts';

// A server table's sort and page written into the page's address (?sort=rating&dir=asc&page=3),
// next to its filters, for a table that unmounts while its page stays: the Feedback page's tabs
// unmount their panels, and the list came back newest first on page 1 after a look at the ratings.
// The defaults are left out, so an address without a sort or page means the table's own.

/** The address's params, as useUrlFilters reads and writes them. */
export interface AddressParams {
  get(key: string): string | null;
  set(changes: Record<string, string | null>): void;
}

export interface KeptInAddress<S extends string> {
  url: AddressParams;
  /** The sort keys the list call accepts: an edited address must not send it another. */
  sortKeys: readonly S[];
}

/** The list call's largest page (common-fields' listInput). */
const MAX_PAGE = 100_000;

/** The sort the address names, or the table's default when it names none it knows. */
export function sortingFromAddress<S extends string>(
  kept: KeptInAddress<S>,
  fallback: { sort: S; dir: SortDir },
): SortingState {
  const sort = kept.sortKeys.find((k) => k === kept.url.get('sort'));
  if (!sort) return [{ id: fallback.sort, desc: fallback.dir === 'desc' }];
  return [{ id: sort, desc: kept.url.get('dir') === 'desc' }];
}

/** The 1-based page the address names, or 1. */
export function pageFromAddress(kept: KeptInAddress<string>): number {
  const page = Number(kept.url.get('page'));
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

/** The params that say this sort and page, null for the default ones (which clears them). */
export function tableAddress<S extends string>(
  sort: { sort: S; dir: SortDir },
  page: number,
  fallback: { sort: S; dir: SortDir },
): { sort: string | null; dir: string | null; page: string | null } {
  const usual = sort.sort === fallback.sort && sort.dir === fallback.dir;
  return {
    sort: usual ? null : sort.sort,
    dir: usual ? null : sort.dir,
    page: page === 1 ? null : String(page),
  };
}

/**
 * A table sorted in the browser, kept in the address as one param ("average:desc"), for the same
 * reason as a server table's: a tab that unmounts its panel. `ids` are the sortable columns; any
 * other value (an edited address) means unsorted.
 */
export function localSortFromAddress(value: string | null, ids: readonly string[]): SortingState {
  const [id, dir] = (value ?? '').split(':');
  return id && ids.includes(id) ? [{ id, desc: dir === 'desc' }] : [];
}

/** The param that says this sort, null when unsorted (which clears it). */
export function localSortToAddress(sorting: SortingState): string | null {
  const first = sorting[0];
  return first ? `${first.id}:${first.desc ? 'desc' : 'asc'}` : null;
}
