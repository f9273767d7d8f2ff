import { describe, expect, it } from 'vitest';
import { nextRowIndex, pageCount, pageRange, sortingToQuery } from './table-logic.ts';

describe('DataTable keyboard', () => {
  it.each([
    ['ArrowDown', 3, 4],
    ['ArrowUp', 3, 2],
    ['ArrowUp', 0, 0],
    ['ArrowDown', 99, 99],
    ['PageDown', 3, 12],
    ['PageUp', 3, 0],
    ['Home', 50, 0],
    ['End', 5, 99],
  ])('%s from row %i goes to row %i', (key, from, to) => {
    expect(nextRowIndex(key, from, 100, 10)).toBe(to);
  });

  it('ignores other keys and empty tables', () => {
    expect(nextRowIndex('a', 3, 100, 10)).toBeNull();
    expect(nextRowIndex('ArrowDown', 0, 0, 10)).toBeNull();
  });
});

describe('server-side sort and paging', () => {
  it('maps the sorted column to the call input, with a fallback', () => {
    expect(sortingToQuery([{ id: 'email', desc: true }], { sort: 'name', dir: 'asc' })).toEqual({
      sort: 'email',
      dir: 'desc',
    });
    expect(sortingToQuery([], { sort: 'name', dir: 'asc' })).toEqual({ sort: 'name', dir: 'asc' });
  });

  it('describes the visible range', () => {
    expect(pageRange(1, 50, 1234)).toBe('1–50 of 1,234');
    expect(pageRange(25, 50, 1234)).toBe('1,201–1,234 of 1,234');
    expect(pageRange(1, 50, 0)).toBe('No rows');
    expect(pageCount(50, 0)).toBe(1);
    expect(pageCount(50, 101)).toBe(3);
  });
});
