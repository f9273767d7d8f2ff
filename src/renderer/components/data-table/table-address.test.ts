import { describe, expect, it } from 'vitest';
import {
  localSortFromAddress,
  localSortToAddress,
  pageFromAddress,
  sortingFromAddress,
  tableAddress,
  type KeptInAddress,
} from './table-address.ts';

const NEWEST = { sort: 'createdAt', dir: 'desc' } as const;

function kept(query: string): KeptInAddress<'createdAt' | 'rating'> {
  const params = new URLSearchParams(query);
  return { url: { get: (k) => params.get(k), set: () => undefined }, sortKeys: ['createdAt', 'rating'] };
}

describe('a server table kept in the address', () => {
  it('reads the sort and page the address names', () => {
    expect(sortingFromAddress(kept('sort=rating&dir=asc&page=3'), NEWEST)).toEqual([
      { id: 'rating', desc: false },
    ]);
    expect(sortingFromAddress(kept('sort=rating&dir=desc'), NEWEST)).toEqual([{ id: 'rating', desc: true }]);
    expect(pageFromAddress(kept('sort=rating&dir=asc&page=3'))).toBe(3);
  });

  it('falls back to the table’s default for a missing or edited address', () => {
    expect(sortingFromAddress(kept(''), NEWEST)).toEqual([{ id: 'createdAt', desc: true }]);
    expect(sortingFromAddress(kept('sort=passwordHash&dir=asc'), NEWEST)).toEqual([
      { id: 'createdAt', desc: true },
    ]);
    for (const page of ['', 'page=0', 'page=-2', 'page=2.5', 'page=two', 'page=100001']) {
      expect(pageFromAddress(kept(page))).toBe(1);
    }
  });

  it('writes only what differs from the default, and clears the rest', () => {
    expect(tableAddress({ sort: 'rating', dir: 'asc' }, 2, NEWEST)).toEqual({
      sort: 'rating',
      dir: 'asc',
      page: '2',
    });
    // Newest first in the other direction is a sort of its own.
    expect(tableAddress({ sort: 'createdAt', dir: 'asc' }, 1, NEWEST)).toEqual({
      sort: 'createdAt',
      dir: 'asc',
      page: null,
    });
    expect(tableAddress(NEWEST, 1, NEWEST)).toEqual({ sort: null, dir: null, page: null });
  });

  it('reads back what it writes', () => {
    const written = tableAddress({ sort: 'rating', dir: 'desc' }, 7, NEWEST);
    const query = new URLSearchParams(
      Object.entries(written).filter((e): e is [string, string] => e[1] !== null),
    ).toString();
    expect(sortingFromAddress(kept(query), NEWEST)).toEqual([{ id: 'rating', desc: true }]);
    expect(pageFromAddress(kept(query))).toBe(7);
  });
});

describe('a browser-sorted table kept in the address', () => {
  const IDS = ['mentorName', 'average'];
  it('reads back the sort it wrote', () => {
    for (const sorting of [[{ id: 'average', desc: true }], [{ id: 'mentorName', desc: false }], []]) {
      expect(localSortFromAddress(localSortToAddress(sorting), IDS)).toEqual(sorting);
    }
    expect(localSortToAddress([])).toBeNull();
  });
  it('is unsorted for a missing or edited address', () => {
    for (const value of [null, '', 'passwordHash:asc', ':desc'])
      expect(localSortFromAddress(value, IDS)).toEqual([]);
    expect(localSortFromAddress('average', IDS)).toEqual([{ id: 'average', desc: false }]);
  });
});
