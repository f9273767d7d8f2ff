import { describe, expect, it } from 'vitest';
import { PROGRAMS, messyStudents, workbookBuffer } from '../../../tests/fixtures/roster/build-xlsx.ts';
import { DEPT, account, memoryLookup, table } from '../../../tests/fixtures/roster/lookup.ts';
import { suggestMapping } from './mapping.ts';
import { readRosterBuffer } from './read-file.ts';
import { NO_EXISTING_RECORDS, validateStudentRoster } from './validate.ts';

describe('validating a student roster', () => {
  it('turns the messy workbook into typed rows and clerk-worded problems', async () => {
    const t = await readRosterBuffer(await workbookBuffer(messyStudents), 'roster.xlsx');
    const { mapping } = suggestMapping(t.headers, 'students');
    const { lookup } = memoryLookup(
      [{ userId: 'u-123', rollNumber: '00123', email: 'ramesh.k@college.edu', departmentId: DEPT }],
      [
        account('ramesh.k@college.edu', 'STUDENT', { userId: 'u-123', rollNumber: '00123' }),
        account('rao@college.edu', 'MENTOR'),
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping,
      knownPrograms: PROGRAMS,
      lookup,
      departmentId: DEPT,
    });
    expect(v.valid).toEqual([
      {
        row: 5,
        action: 'update',
        existingUserId: 'u-123',
        rollNumber: '00123',
        email: 'ramesh.k@college.edu',
        firstName: 'Ramesh',
        lastName: 'K.',
        phone: '9845012345',
        program: 'B.Tech CSE',
        yearOfStudy: 2,
        gpa: 8.5,
        attendancePct: 82,
        mentorEmail: 'rao@college.edu',
        mentorUserId: 'u-rao@college.edu',
      },
      {
        row: 6,
        action: 'create',
        existingUserId: null,
        rollNumber: '00423',
        email: 'priya@college.edu',
        firstName: 'Priya',
        lastName: 'Sharma',
        phone: '9845012346',
        program: 'B.Tech CSE',
        yearOfStudy: 2,
        gpa: 8.46,
        attendancePct: 75.5,
      },
      {
        row: 7,
        action: 'create',
        existingUserId: null,
        rollNumber: '21042',
        email: 'anil@college.edu',
        firstName: 'Anil',
        lastName: 'Kumar',
        program: 'MCA',
        yearOfStudy: 1,
        gpa: 7.25,
        attendancePct: 91,
      },
    ]);
    expect(v.problems).toEqual([
      {
        row: 9,
        column: 'Roll No.',
        value: '21CSE0042',
        message: 'Roll number 21CSE0042 appears twice in this file (rows 9 and 10).',
      },
      {
        row: 9,
        column: 'Email ID',
        value: 'meena@college',
        message: 'Email "meena@college" is not a valid email address (it should look like name@college.edu).',
      },
      {
        row: 9,
        column: 'Semester',
        value: 'Sem 13',
        message: 'Semester must be 1 to 12 (for example 3, III or 3rd sem); found "Sem 13".',
      },
      { row: 9, column: 'CGPA', value: '12.5', message: 'GPA must be between 0 and 10; found 12.5.' },
      { row: 9, column: 'Att%', value: '140', message: 'Attendance must be between 0 and 100; found 140.' },
      {
        row: 10,
        column: 'Roll No.',
        value: '21cse0042',
        message: 'Roll number 21CSE0042 appears twice in this file (rows 9 and 10).',
      },
      {
        row: 10,
        column: 'Branch',
        value: 'B.Sc Agri',
        message:
          'Program "B.Sc Agri" is not one of this department\'s programs (B.Tech CSE, B.Tech ECE, M.Tech CSE, MCA).',
      },
    ]);
    expect(v.rejectedRows).toEqual([9, 10]);
    expect(v.counts).toEqual({ rows: 5, valid: 3, rejected: 2, create: 2, update: 1 });
  });

  it('reports duplicate emails on every row involved, three times over', async () => {
    const t = table(
      ['Roll No', 'Name', 'Email'],
      [
        ['R001', 'A', 'a@x.in'],
        ['R002', 'B', 'A@X.in'],
        ['R003', 'C', 'c@x.in'],
        ['R004', 'D', 'a@x.in '],
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup: NO_EXISTING_RECORDS,
    });
    const message = 'Email a@x.in appears 3 times in this file (rows 2, 3 and 5).';
    expect(v.problems.map((p) => [p.row, p.message])).toEqual([
      [2, message],
      [3, message],
      [5, message],
    ]);
    expect(v.valid.map((r) => r.rollNumber)).toEqual(['R003']);
  });

  it('checks roll numbers: required, characters, length, upper-cased, zeros kept', async () => {
    const t = table(
      ['Roll No', 'Name', 'Email'],
      [
        [null, 'A', 'a@x.in'],
        ['21/cs-0042 b', 'B', 'b@x.in'],
        ['R1', 'C', 'c@x.in'],
        ['21CS#42', 'D', 'd@x.in'],
        ['x'.repeat(51), 'E', 'e@x.in'],
        ['000042', 'F', 'f@x.in'],
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup: NO_EXISTING_RECORDS,
    });
    expect(v.problems.map((p) => p.message)).toEqual([
      'Roll number is missing.',
      'Roll number must be 3 to 50 characters long; found "R1".',
      'Roll number "21CS#42" may contain only letters, digits, spaces, "-" and "/".',
      `Roll number must be 3 to 50 characters long; found "${'x'.repeat(51)}".`,
    ]);
    expect(v.valid.map((r) => r.rollNumber)).toEqual(['21/CS-0042 B', '000042']);
  });

  it('accepts the ways offices write year, GPA and attendance, and leaves blank optional cells out', async () => {
    const t = table(
      ['Roll No', 'Name', 'Email', 'Year', 'GPA', 'Attendance', 'Phone'],
      [
        ['R001', 'A', 'a@x.in', 'II', '8,456', '82%', '+91 98450-12345'],
        ['R002', 'B', 'b@x.in', 'Second year', 10, '82.5', null],
        ['R003', 'C', 'c@x.in', null, null, null, null],
        ['R004', 'D', 'd@x.in', 'Final', 'A+', '-1', '12345'],
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup: NO_EXISTING_RECORDS,
    });
    expect(
      v.valid.map(({ yearOfStudy, gpa, attendancePct, phone }) => ({
        yearOfStudy,
        gpa,
        attendancePct,
        phone,
      })),
    ).toEqual([
      { yearOfStudy: 2, gpa: 8.46, attendancePct: 82, phone: '+919845012345' },
      { yearOfStudy: 2, gpa: 10, attendancePct: 82.5, phone: undefined },
      { yearOfStudy: undefined, gpa: undefined, attendancePct: undefined, phone: undefined },
    ]);
    expect(Object.keys(v.valid[2]!)).toEqual([
      'row',
      'action',
      'existingUserId',
      'rollNumber',
      'email',
      'firstName',
      'lastName',
    ]);
    expect(v.problems.map((p) => `${p.column}: ${p.message}`)).toEqual([
      'Year: Year must be 1 to 6 (for example 2, II or 2nd year); found "Final".',
      'GPA: GPA must be a number such as 8.25; found "A+".',
      'Attendance: Attendance must be between 0 and 100; found -1.',
      'Phone: Phone "12345" is not a phone number (7 to 15 digits, optionally starting with +).',
    ]);
  });

  it('prefers First/Last columns and falls back to the Name column per row', async () => {
    const t = table(
      ['Roll No', 'First Name', 'Last Name', 'Name', 'Email'],
      [
        ['R001', 'Kavya', 'Iyer', 'ignored', 'a@x.in'],
        ['R002', null, null, 'K. Ramesh', 'b@x.in'],
        ['R003', null, null, null, 'c@x.in'],
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup: NO_EXISTING_RECORDS,
    });
    expect(v.valid.map((r) => [r.firstName, r.lastName])).toEqual([
      ['Kavya', 'Iyer'],
      ['Ramesh', 'K.'],
    ]);
    expect(v.problems).toEqual([{ row: 4, column: 'Name', value: '', message: 'Name is missing.' }]);
  });
});
