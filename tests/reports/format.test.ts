import { describe, expect, it } from 'vitest';
import { escapeXml, niceStep } from '../../src/core/reports/charts.ts';
import { monthsEnding } from '../../src/core/reports/department.queries.ts';
import { formatDate, formatDateTime, istDay, personName, slug } from '../../src/core/reports/format.ts';
import { makePeriod, previousPeriod, resolvePeriod } from '../../src/core/reports/period.ts';

describe('report formats (IST)', () => {
  it('prints instants in India Standard Time', () => {
    expect(formatDateTime('2026-11-25T10:40:00.000Z')).toBe('25 Nov 2026, 4:10 pm IST');
    expect(formatDateTime('2026-11-25T18:45:00.000Z')).toBe('26 Nov 2026, 12:15 am IST');
    expect(formatDateTime('2026-11-25T06:30:00.000Z')).toBe('25 Nov 2026, 12:00 pm IST');
    expect(formatDate('2026-02-28T19:00:00.000Z')).toBe('1 Mar 2026');
    expect(istDay('2026-02-28T18:29:59.999Z')).toBe('2026-02-28');
  });

  it('periods are whole IST days; the previous period has the same length and ends where this starts', () => {
    const p = makePeriod('2026-03-01', '2026-03-31');
    expect([p.startIso, p.endIso, p.days, p.label]).toEqual([
      '2026-02-28T18:30:00.000Z',
      '2026-03-31T18:30:00.000Z',
      31,
      '1 Mar 2026 – 31 Mar 2026',
    ]);
    const prev = previousPeriod(p);
    expect([prev.from, prev.to, prev.endIso]).toEqual(['2026-01-29', '2026-02-28', p.startIso]);
    expect(resolvePeriod({}, '2026-03-20T20:00:00.000Z')).toMatchObject({
      from: '2026-02-20',
      to: '2026-03-21',
    });
    expect(() => resolvePeriod({ from: '2026-04-01', to: '2026-03-01' }, '2026-03-20T00:00:00.000Z')).toThrow(
      /after/,
    );
  });

  it('names, file names, charts and month windows', () => {
    expect(personName({ firstName: 'Meera', lastName: 'Iyer', title: 'Dr' })).toBe('Dr. Meera Iyer');
    expect(personName({ firstName: 'Suresh', lastName: 'Kumar', title: 'Systems Administrator' })).toBe(
      'Suresh Kumar',
    );
    expect(slug('Śrīnivās Rāmānujan / CSE')).toBe('Srinivas-Ramanujan-CSE');
    expect(escapeXml('A&B <C> "D"')).toBe('A&amp;B &lt;C&gt; &quot;D&quot;');
    expect([0, 4, 9, 38, 179, 1234].map(niceStep)).toEqual([1, 1, 2, 10, 50, 250]);
    expect(monthsEnding('2026-02-14', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
