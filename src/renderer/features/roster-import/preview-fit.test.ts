import { describe, expect, it } from 'vitest';
import { fieldWidth, fitPreview, type FileColumn } from './preview-fit.ts';

// A student roster with every usual column: roll number, first and last name, e-mail, phone,
// program, year, GPA, attendance, mentor e-mail (1,260px at their widths).
const FIELDS = ['rollNumber', 'firstName', 'lastName', 'email', 'phone', 'program', 'yearOfStudy', 'gpa']
  .concat(['attendancePct', 'mentorEmail'])
  .map((field) => ({ field, faulty: false }));
/** The scrollbar and borders, the row and result columns, the least the problems column gets. */
const OWN = 18 + 52 + 96 + 200;

const names = (columns: FileColumn[]): string[] => columns.map((c) => c.field);
const width = (columns: FileColumn[]): number => columns.reduce((sum, c) => sum + fieldWidth(c.field), 0);

describe('fitPreview', () => {
  it('keeps the first columns that fit, and gives the problems column the rest', () => {
    // 1366×768: 717px beside the column mapping take the roll number and the name.
    const narrow = fitPreview(FIELDS, 717);
    expect(names(narrow.shown)).toEqual(['rollNumber', 'firstName', 'lastName']);
    expect(narrow.left).toHaveLength(7);
    expect(narrow.problemsPx).toBe(221);
    // 1920×1080: 1086px take the e-mail address and the phone too.
    const wide = fitPreview(FIELDS, 1086);
    expect(names(wide.shown)).toEqual(['rollNumber', 'firstName', 'lastName', 'email', 'phone']);
    expect(wide.problemsPx).toBe(290);
  });

  it('shows the columns with a problem first, in the file’s order', () => {
    const faulty = FIELDS.map((c) => ({ ...c, faulty: c.field === 'email' || c.field === 'gpa' }));
    const fit = fitPreview(faulty, 717);
    expect(names(fit.shown)).toEqual(['email', 'gpa']);
    expect(names(fit.left)).toEqual(names(FIELDS).filter((f) => f !== 'email' && f !== 'gpa'));
  });

  it('never makes the table wider than the card', () => {
    for (let card = OWN; card <= 2400; card += 7) {
      const { shown, problemsPx } = fitPreview(FIELDS, card);
      expect(OWN - 200 + problemsPx + width(shown)).toBeLessThanOrEqual(card);
    }
  });

  it('shows every column when there is room, and none before the card is measured', () => {
    expect(fitPreview(FIELDS, 1260 + OWN).left).toEqual([]);
    expect(fitPreview(FIELDS, 1260 + OWN - 1).left).toHaveLength(1);
    expect(fitPreview(FIELDS, 0)).toEqual({ shown: [], left: FIELDS, problemsPx: 200 });
  });
});
