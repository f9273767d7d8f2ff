import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { suggestMapping } from './mapping.ts';
import { listRosterSheets, readRosterFile } from './read-file.ts';
import { validateMentorRoster, validateStudentRoster } from './validate.ts';
import type { RosterLookup } from './validate.types.ts';

// The checked-in files (tests/fixtures/roster, resources/samples) come from make-fixtures.ts,
// which builds them with exceljs or writes raw bytes; these tests read them from disk.
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string): string => join(root, 'tests/fixtures/roster', name);
const sample = (name: string): string => join(root, 'resources/samples', name);

describe('checked-in roster fixtures', () => {
  it('messy-students.xlsx: header under the merged title, Excel row numbers, zeros kept', async () => {
    const t = await readRosterFile(fixture('messy-students.xlsx'));
    expect(t.headerRowIndex).toBe(4);
    expect(t.rows.map((r) => [r.rowNumber, r.cells['Roll No.']])).toEqual([
      [5, '00123'],
      [6, '00423'],
      [7, 21042],
      [9, '21CSE0042'],
      [10, '21cse0042'],
    ]);
  });

  it('semicolon-cp1252.csv: Windows-1252 names, semicolons, decimal commas', async () => {
    const t = await readRosterFile(fixture('semicolon-cp1252.csv'));
    const { mapping } = suggestMapping(t.headers, 'students');
    expect(mapping).toEqual({
      rollNumber: 'Enrolment No.',
      fullName: 'Name',
      email: 'E-mail',
      program: 'Programme',
      gpa: 'CGPA',
    });
    const v = await validateStudentRoster(t, {
      mapping,
      knownPrograms: ['B.Tech CSE', 'MCA'],
      lookup: noRecords,
    });
    expect(v.problems).toEqual([]);
    expect(v.valid.map((r) => [r.row, r.firstName, r.lastName, r.gpa])).toEqual([
      [4, 'José', 'Muñoz', 8.25],
      [5, 'Ana', 'Peña', 7.5],
      [7, 'Ryan', 'D\u2019Souza', 9],
    ]);
  });

  it('bom-crlf.csv: UTF-8 with BOM, quoted comma, blank line, year words, percent', async () => {
    const t = await readRosterFile(fixture('bom-crlf.csv'));
    const { mapping } = suggestMapping(t.headers, 'students');
    const v = await validateStudentRoster(t, { mapping, lookup: noRecords });
    expect(v.problems).toEqual([]);
    expect(
      v.valid.map((r) => [
        r.row,
        r.rollNumber,
        r.firstName,
        r.lastName,
        r.email,
        r.phone,
        r.yearOfStudy,
        r.attendancePct,
      ]),
    ).toEqual([
      [2, '00101', 'Kavya', 'Rao', 'kavya.rao@college.edu', '9845011111', 2, 82],
      [3, '00102', 'Ramesh', 'K.', 'ramesh.k@college.edu', '+919845022222', 2, 91.5],
      [5, '00103', 'Sneha', 'Iyer', 'sneha.iyer@college.edu', undefined, 3, 76],
    ]);
  });

  it('unicode-text.txt: Excel "Unicode Text" with a USN column', async () => {
    const t = await readRosterFile(fixture('unicode-text.txt'));
    expect(t.rows[0]!.cells).toEqual({ USN: '1RV21CS042', Name: 'Śrī Lakṣmī', Email: 'lakshmi@college.edu' });
  });
});

const noRecords: RosterLookup = { existingByRoll: async () => [], existingByEmail: async () => [] };
const mentorExists: RosterLookup = {
  existingByRoll: async () => [],
  existingByEmail: async (emails) =>
    emails
      .filter((e) => e === 's.kumar@college.edu')
      .map((email) => ({
        userId: 'u-kumar',
        email,
        role: 'MENTOR' as const,
        departmentId: 'd',
        rollNumber: null,
      })),
};

describe('sample templates the app offers', () => {
  it.each(['students-sample.xlsx', 'students-sample.csv'])(
    '%s maps fully and validates clean',
    async (name) => {
      const t = await readRosterFile(sample(name));
      const { mapping, unmappedHeaders } = suggestMapping(t.headers, 'students');
      expect(unmappedHeaders).toEqual([]);
      const v = await validateStudentRoster(t, {
        mapping,
        knownPrograms: ['B.Tech CSE'],
        lookup: mentorExists,
        departmentId: 'd',
      });
      expect(v.problems).toEqual([]);
      expect(v.valid.map((r) => r.rollNumber)).toEqual(['21CSE0001', '21CSE0002', '21CSE0003']);
      expect(v.valid[0]).toMatchObject({
        gpa: 8.25,
        attendancePct: 86,
        yearOfStudy: 2,
        mentorUserId: 'u-kumar',
      });
    },
  );

  it('students-sample.xlsx opens on the data sheet and also carries instructions', async () => {
    expect(await listRosterSheets(sample('students-sample.xlsx'))).toEqual(['Students', 'Instructions']);
  });

  it('mentors-sample.csv maps fully and validates clean', async () => {
    const t = await readRosterFile(sample('mentors-sample.csv'));
    const { mapping, unmappedHeaders } = suggestMapping(t.headers, 'mentors');
    expect(unmappedHeaders).toEqual([]);
    const v = await validateMentorRoster(t, { mapping, lookup: noRecords });
    expect(v.problems).toEqual([]);
    expect(v.valid.map((r) => [r.email, r.maxMentees])).toEqual([
      ['s.kumar@college.edu', 15],
      ['meera.iyer@college.edu', 12],
    ]);
  });
});
