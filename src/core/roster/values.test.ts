import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellText,
  excelSerialToIsoDate,
  parseDate,
  parseDecimal,
  parseOrdinal,
  parsePercent,
} from './values.ts';

describe('cell values as a clerk typed them', () => {
  it('parses dates in the formats Indian offices use, day first', () => {
    expect(parseDate('15/08/2004')).toBe('2004-08-15');
    expect(parseDate('5/8/2004')).toBe('2004-08-05');
    expect(parseDate('03/04/2025')).toBe('2025-04-03');
    expect(parseDate('15-08-2004')).toBe('2004-08-15');
    expect(parseDate('15.08.2004')).toBe('2004-08-15');
    expect(parseDate('2004-08-15')).toBe('2004-08-15');
    expect(parseDate('2004/08/15')).toBe('2004-08-15');
    expect(parseDate('2026-01-02T03:04:05.678Z')).toBe('2026-01-02');
    expect(parseDate('05-Mar-2003')).toBe('2003-03-05');
    expect(parseDate('5 March 2003')).toBe('2003-03-05');
    expect(parseDate('05-Sep-24')).toBe('2024-09-05');
    expect(parseDate('05-Sep-98')).toBe('1998-09-05');
    expect(parseDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
  });

  it('rejects impossible and ambiguous dates instead of guessing', () => {
    for (const s of [
      '31/02/2004',
      '29/02/2023',
      '2004-13-01',
      '15/08/04',
      'Aug 2004',
      '05-Foo-2004',
      'tomorrow',
      '',
    ]) {
      expect(parseDate(s), s).toBeNull();
    }
  });

  it('converts Excel serials, including the 1900 leap-year quirk and the 1904 system', () => {
    expect(excelSerialToIsoDate(1)).toBe('1900-01-01');
    expect(excelSerialToIsoDate(59)).toBe('1900-02-28');
    expect(excelSerialToIsoDate(60)).toBeNull(); // Excel's phantom 29 Feb 1900
    expect(excelSerialToIsoDate(61)).toBe('1900-03-01');
    expect(excelSerialToIsoDate(45658)).toBe('2025-01-01');
    expect(excelSerialToIsoDate(45658.75)).toBe('2025-01-01');
    expect(excelSerialToIsoDate(44196, true)).toBe('2025-01-01');
    expect(excelSerialToIsoDate(0)).toBeNull();
    expect(parseDate(45658)).toBe('2025-01-01');
  });

  it('agrees with Date for every serial from 1900-03-01 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 73415 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(excelSerialToIsoDate(serial)).toBe(expected);
        expect(parseDate(expected)).toBe(expected);
      }),
    );
  });

  it('reads years and semesters written as numbers, numerals, ordinals and words', () => {
    const years: [unknown, number | null][] = [
      [2, 2],
      ['2', 2],
      ['II', 2],
      ['ii', 2],
      ['2nd', 2],
      ['2nd Year', 2],
      ['Second year', 2],
      ['II B.Tech', 2],
      ['B.Tech III yr', 3],
      ['SE', 2],
      ['T.E.', 3],
      ['BE', 4],
      ['VI', 6],
      [7, null],
      ['Final', null],
      ['2 or 3', null],
      [2.5, null],
      ['', null],
      [null, null],
    ];
    for (const [v, n] of years) expect(parseOrdinal(v as string, 6), String(v)).toBe(n);
    expect(parseOrdinal('Sem VIII', 12)).toBe(8);
    expect(parseOrdinal('12th', 12)).toBe(12);
  });

  it('reads decimals and percentages, including decimal commas', () => {
    expect(parseDecimal('8.5')).toBe(8.5);
    expect(parseDecimal(' 8,5 ')).toBe(8.5);
    expect(parseDecimal('.75')).toBe(0.75);
    expect(parseDecimal('8.5.1')).toBeNull();
    expect(parseDecimal('1,234.5')).toBeNull();
    expect(parsePercent('82%')).toBe(82);
    expect(parsePercent('82.5 %')).toBe(82.5);
    expect(parsePercent('82.5')).toBe(82.5);
    expect(parsePercent(91)).toBe(91);
    expect(parsePercent('abc%')).toBeNull();
  });

  it('shows numbers without exponent noise and date-only cells as ISO dates', () => {
    expect(cellText(9845012346)).toBe('9845012346');
    expect(cellText(123456789012345680000)).toBe('123456789012345680000');
    expect(cellText(8.25)).toBe('8.25');
    expect(cellText(new Date(Date.UTC(2024, 0, 5)))).toBe('2024-01-05');
    expect(cellText(new Date(Date.UTC(2024, 0, 5, 10, 30)))).toBe('2024-01-05T10:30:00.000Z');
    expect(cellText(null)).toBe('');
  });
});
