import { describe, expect, it } from 'vitest';
import { fromIso, nextHalfHour, officeMorning, parseTypedDate, toIso } from './datetime.ts';

describe('meeting date and time', () => {
  it('turns a local day and time into a UTC instant and back', () => {
    const iso = toIso({ date: '2026-03-31', time: '14:30' });
    expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect(fromIso(iso)).toEqual({ date: '2026-03-31', time: '14:30' });
  });

  it('has no instant until both parts are there and valid', () => {
    expect(toIso({ date: '', time: '10:00' })).toBeNull();
    expect(toIso({ date: '2026-03-31', time: '' })).toBeNull();
    expect(toIso({ date: '31/03/2026', time: '10:00' })).toBeNull();
    expect(fromIso(null)).toEqual({ date: '', time: '' });
  });

  it.each([
    ['31/03/2026', '2026-03-31'],
    ['1-4-26', '2026-04-01'],
    ['2026-3-5', '2026-03-05'],
    ['5 Mar 2026', '2026-03-05'],
    ['05 march 2026', '2026-03-05'],
    ['31/02/2026', null],
    ['13/13/2026', null],
    ['tomorrow', null],
  ])('reads the typed date %s as %s (day first)', (typed, expected) => {
    expect(parseTypedDate(typed)).toBe(expected);
  });

  it('suggests the next half hour', () => {
    const at = new Date(2026, 2, 31, 9, 10);
    expect(nextHalfHour(at)).toEqual({ date: '2026-03-31', time: '09:30' });
    expect(nextHalfHour(new Date(2026, 2, 31, 9, 40), 1)).toEqual({ date: '2026-04-01', time: '10:00' });
  });

  it('plans meetings on a weekday morning', () => {
    expect(officeMorning(new Date(2026, 2, 31, 19, 40))).toEqual({ date: '2026-04-01', time: '10:00' });
    // Saturday evening: the next day is a Sunday, so Monday.
    expect(officeMorning(new Date(2026, 2, 28, 18, 0))).toEqual({ date: '2026-03-30', time: '10:00' });
  });
});
