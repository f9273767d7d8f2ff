import { describe, expect, it } from 'vitest';
import { atIst, calendarFor, DEFAULT_AS_OF, iso, istLabel, toWeekday } from './calendar.ts';

describe('demo calendar', () => {
  it('puts the default "today" in the even semester of 2025–26, at 10:00 India time', () => {
    const cal = calendarFor();
    expect(DEFAULT_AS_OF).toBe('2026-03-16');
    expect(iso(cal.now)).toBe('2026-03-16T04:30:00.000Z');
    expect(cal.year).toBe(2025);
    expect(iso(cal.odd.start)).toBe('2025-07-15T00:00:00.000Z');
    expect(iso(cal.even.end)).toBe('2026-05-15T00:00:00.000Z');
    expect(cal.odd.end < cal.even.start && cal.setup < cal.freshersJoin && cal.freshersJoin < cal.now).toBe(
      true,
    );
  });

  it('demos the academic year just finished until late August', () => {
    expect(calendarFor('2026-08-01').year).toBe(2025);
    expect(calendarFor('2026-08-25').year).toBe(2026);
    expect(calendarFor('2026-11-25').year).toBe(2026);
  });

  it('refuses dates that are not calendar days', () => {
    expect(() => calendarFor('2026-02-30')).toThrow(/not a calendar day/);
    expect(() => calendarFor('16/03/2026')).toThrow(/not a day/);
  });

  it('works in India time on weekdays', () => {
    const saturday = Date.UTC(2026, 2, 14);
    expect(iso(toWeekday(saturday))).toBe('2026-03-13T00:00:00.000Z');
    expect(iso(toWeekday(saturday + 86_400_000))).toBe('2026-03-16T00:00:00.000Z');
    expect(iso(atIst(Date.UTC(2026, 2, 16), 14, 0))).toBe('2026-03-16T08:30:00.000Z');
    expect(istLabel(Date.parse('2026-03-16T08:30:00.000Z'))).toBe('Mon, 16 Mar 2026, 2:00 PM');
  });
});
