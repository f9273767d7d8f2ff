import { describe, expect, it, vi } from 'vitest';
import type { FeedbackSummaryRow } from '../../../shared/contract/feedback.contract.ts';
import {
  cutsPeriod,
  defaultRange,
  formatAverage,
  periodEndDay,
  periodStartDay,
  rangeInput,
  summaryLine,
  totals,
  utcToday,
} from './ratings-range.ts';

describe('mentor ratings dates', () => {
  it('ends the default range on the UTC day, so an evening session west of UTC is inside it', () => {
    vi.stubEnv('TZ', 'America/New_York');
    try {
      // 19:30 on the 26th in New York is 00:30 on the 27th in UTC.
      const session = new Date('2026-11-27T00:30:00.000Z');
      expect(session.getDate()).toBe(26);
      const to = rangeInput(defaultRange('month', utcToday(session))).to;
      expect(to).toBe('2026-11-27T23:59:59.999Z');
      expect(session.toISOString() <= to).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sends whole UTC days, the last one inclusive', () => {
    expect(rangeInput({ from: '2025-12-01', to: '2026-11-26' })).toEqual({
      from: '2025-12-01T00:00:00.000Z',
      to: '2026-11-26T23:59:59.999Z',
    });
  });

  it('finds the month and the semester a day falls in', () => {
    expect(periodStartDay('2026-03-17', 'month')).toBe('2026-03-01');
    expect(periodEndDay('2026-02-10', 'month')).toBe('2026-02-28');
    expect(periodEndDay('2024-02-10', 'month')).toBe('2024-02-29');
    expect(periodStartDay('2026-06-30', 'semester')).toBe('2026-01-01');
    expect(periodEndDay('2026-06-30', 'semester')).toBe('2026-06-30');
    expect(periodStartDay('2026-07-01', 'semester')).toBe('2026-07-01');
    expect(periodEndDay('2026-08-15', 'semester')).toBe('2026-12-31');
  });

  it('defaults to the last 12 months, starting at a whole period', () => {
    expect(defaultRange('month', '2026-11-26')).toEqual({ from: '2025-12-01', to: '2026-11-26' });
    // By semester: this one and the one before, whole (not 17 months back to July 2025).
    expect(defaultRange('semester', '2026-11-26')).toEqual({ from: '2026-01-01', to: '2026-11-26' });
    expect(defaultRange('semester', '2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-07-01' });
    expect(defaultRange('semester', '2026-06-30')).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(defaultRange('month', '2026-01-05')).toEqual({ from: '2025-02-01', to: '2026-01-05' });
    expect(defaultRange('semester', '2026-01-05')).toEqual({ from: '2025-07-01', to: '2026-01-05' });
  });

  it('says when the dates cut a period short', () => {
    const today = '2026-11-26';
    expect(cutsPeriod(defaultRange('month', today), 'month', today)).toBe(false);
    expect(cutsPeriod(defaultRange('semester', today), 'semester', today)).toBe(false);
    expect(cutsPeriod({ from: '2026-03-02', to: today }, 'month', today)).toBe(true);
    expect(cutsPeriod({ from: '2026-03-01', to: '2026-05-30' }, 'month', today)).toBe(true);
    expect(cutsPeriod({ from: '2026-03-01', to: '2026-05-31' }, 'month', today)).toBe(false);
    expect(cutsPeriod({ from: '2026-03-01', to: '2026-05-31' }, 'semester', today)).toBe(true);
  });
});

describe('mentor ratings totals', () => {
  const row = (mentorId: string, count: number, average: number): FeedbackSummaryRow => ({
    mentorId,
    mentorName: mentorId,
    periodStart: '2026-01',
    label: 'January 2026',
    count,
    average,
  });

  it('weights each row by its number of ratings', () => {
    const t = totals([row('a', 1, 5), row('a', 3, 3), row('b', 4, 4)]);
    expect(t).toEqual({ mentors: 2, ratings: 8, average: 3.75 });
    expect(formatAverage(t.average!)).toBe('3.8');
  });

  it('has no average without ratings', () => {
    expect(totals([])).toEqual({ mentors: 0, ratings: 0, average: null });
  });
});

describe('mentor ratings summary line', () => {
  const rows: FeedbackSummaryRow[] = [
    { mentorId: 'a', mentorName: 'A', periodStart: '2026-01', label: 'January 2026', count: 2, average: 4 },
    { mentorId: 'b', mentorName: 'B', periodStart: '2026-01', label: 'January 2026', count: 2, average: 3 },
  ];
  const base = {
    range: { from: '2025-12-01', to: '2026-11-26' },
    period: 'month' as const,
    today: '2026-11-26',
  };

  it('adds up the rows for the office', () => {
    expect(summaryLine({ ...base, rows, forMentor: false })).toBe(
      '2 mentors · 4 ratings · average 3.5 out of 5, on sessions from 1 Dec 2025 to 26 Nov 2026.',
    );
  });

  it('tells a mentor why its figures may be lower in count than the office’s', () => {
    expect(summaryLine({ ...base, rows: rows.slice(0, 1), forMentor: true })).toBe(
      '2 ratings · average 4.0 out of 5, on sessions from 1 Dec 2025 to 26 Nov 2026. ' +
        'Feedback kept confidential to the department office is not counted.',
    );
  });

  it('names the dates alone while there is nothing to add up, and warns of a cut period', () => {
    expect(summaryLine({ ...base, rows: null, forMentor: false })).toBe(
      'Ratings students gave their mentors on sessions from 1 Dec 2025 to 26 Nov 2026.',
    );
    expect(
      summaryLine({ ...base, range: { from: '2025-12-15', to: '2026-11-26' }, rows, forMentor: false }),
    ).toMatch(/The dates cut a month short/);
  });
});
