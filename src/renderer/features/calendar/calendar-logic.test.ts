import { describe, expect, it } from 'vitest';
import { dayKey, groupByDay, rangeFor, step, titleFor, visibleDays } from './calendar-logic.ts';

describe('calendar', () => {
  const wed = new Date(2026, 2, 4, 15, 0); // Wednesday 4 March 2026

  it('shows a Monday-to-Sunday week', () => {
    const days = visibleDays('week', wed).map(dayKey);
    expect(days).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(titleFor('week', wed)).toBe('2 – 8 March 2026');
    expect(titleFor('week', new Date(2026, 2, 31))).toBe('30 March – 5 April 2026');
  });

  it('shows six whole weeks for a month, starting on the Monday before the 1st', () => {
    const days = visibleDays('month', wed);
    expect(days).toHaveLength(42);
    expect(dayKey(days[0]!)).toBe('2026-02-23');
    expect(dayKey(days[41]!)).toBe('2026-04-05');
    expect(titleFor('month', wed)).toBe('March 2026');
  });

  it('asks for the whole of the first to the last day shown', () => {
    const r = rangeFor('week', wed);
    expect(new Date(r.from).getTime()).toBe(new Date(2026, 2, 2).getTime());
    expect(new Date(r.to).getTime()).toBe(new Date(2026, 2, 9).getTime() - 1);
    expect(r.to).toMatch(/\.999Z$/);
  });

  it('pages by a week or a month', () => {
    expect(dayKey(step('week', wed, 1))).toBe('2026-03-11');
    expect(dayKey(step('month', new Date(2026, 0, 31), 1))).toBe('2026-02-01');
    expect(dayKey(step('month', wed, -1))).toBe('2026-02-01');
  });

  it('groups sessions by their local day, in time order', () => {
    const a = { sessionDate: new Date(2026, 2, 4, 14).toISOString(), id: 'a' };
    const b = { sessionDate: new Date(2026, 2, 4, 9).toISOString(), id: 'b' };
    const c = { sessionDate: new Date(2026, 2, 5, 9).toISOString(), id: 'c' };
    const g = groupByDay([a, b, c]);
    expect(g.get('2026-03-04')?.map((x) => x.id)).toEqual(['b', 'a']);
    expect(g.get('2026-03-05')?.map((x) => x.id)).toEqual(['c']);
  });
});
