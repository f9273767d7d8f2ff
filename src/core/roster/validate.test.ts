import { describe, expect, it } from 'vitest';
import {
  INVALID_KINDS,
  PROGRAMS,
  largeRoster,
  messyStudents,
  workbookBuffer,
} from '../../../tests/fixtures/roster/build-xlsx.ts';
import { suggestMapping } from './mapping.ts';
import { readRosterBuffer } from './read-file.ts';
import { validateMentorRoster, validateStudentRoster } from './validate.ts';
import {
  LOOKUP_BATCH,
  NO_EXISTING_RECORDS,
  type ExistingAccount,
  type ExistingStudent,
  type RosterLookup,
} from './validate.types.ts';
import type { CellValue, RosterTable } from './roster.types.ts';

const DEPT = 'dept-cse';

/** The database half, in memory: records what it was asked so batching can be checked. */
function memoryLookup(students: ExistingStudent[], accounts: ExistingAccount[]) {
  const calls: { kind: 'roll' | 'email'; keys: readonly string[] }[] = [];
  const lookup: RosterLookup = {
    existingByRoll: async (rolls) => {
      calls.push({ kind: 'roll', keys: rolls });
      return students.filter((s) => rolls.includes(s.rollNumber));
    },
    existingByEmail: async (emails) => {
      calls.push({ kind: 'email', keys: emails });
      return accounts.filter((a) => emails.includes(a.email));
    },
  };
  return { lookup, calls };
}

const account = (
  email: string,
  role: ExistingAccount['role'],
  extra: Partial<ExistingAccount> = {},
): ExistingAccount => ({
  userId: `u-${email}`,
  email,
  role,
  departmentId: DEPT,
  rollNumber: null,
  ...extra,
});

function table(headers: string[], rows: CellValue[][]): RosterTable {
  return {
    headerRowIndex: 1,
    headers,
    rows: rows.map((values, i) => ({
      rowNumber: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, values[j] ?? null])),
    })),
  };
}

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

  it('catches collisions with the database and mentors that do not exist or are not mentors', async () => {
    const { lookup } = memoryLookup(
      [
        { userId: 'u-1', rollNumber: 'R001', email: 'r1@x.in', departmentId: DEPT },
        { userId: 'u-9', rollNumber: 'R009', email: 'r9@x.in', departmentId: 'dept-ece' },
        { userId: 'u-20', rollNumber: 'R020', email: 'r20@x.in', departmentId: DEPT },
      ],
      [
        account('r1@x.in', 'STUDENT', { userId: 'u-1', rollNumber: 'R001' }),
        account('taken@x.in', 'STUDENT', { userId: 'u-5', rollNumber: 'R005' }),
        account('hod@x.in', 'DEPARTMENT_ADMIN'),
        account('rao@x.in', 'MENTOR'),
        account('ece.mentor@x.in', 'MENTOR', { departmentId: 'dept-ece' }),
      ],
    );
    const t = table(
      ['Roll No', 'Name', 'Email', 'Mentor Email'],
      [
        ['R001', 'Same student', 'r1@x.in', 'rao@x.in'],
        ['R002', 'New', 'taken@x.in', null],
        ['R003', 'New', 'hod@x.in', null],
        ['R001X', 'New', 'n4@x.in', 'nobody@x.in'],
        ['R005X', 'New', 'n5@x.in', 'hod@x.in'],
        ['R006', 'New', 'n6@x.in', 'ece.mentor@x.in'],
        ['R009', 'Other dept', 'n7@x.in', null],
        ['R020', 'Existing student, new email', 'r20.new@x.in', null],
      ],
    );
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup,
      departmentId: DEPT,
    });
    expect(v.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '3 Email: Email taken@x.in already belongs to the student with roll number R005.',
      '4 Email: Email hod@x.in already belongs to an administrator account.',
      '5 Mentor Email: No mentor has the email nobody@x.in. Add the mentor first, or leave this cell empty.',
      '6 Mentor Email: hod@x.in is not a mentor: it belongs to an administrator account.',
      '7 Mentor Email: The mentor ece.mentor@x.in belongs to another department.',
      '8 Roll No: Roll number R009 belongs to a student of another department.',
    ]);
    expect(v.valid.map((r) => [r.row, r.action, r.existingUserId, r.mentorUserId])).toEqual([
      [2, 'update', 'u-1', 'u-rao@x.in'],
      [9, 'update', 'u-20', undefined],
    ]);
  });

  it('asks the database in batches of at most LOOKUP_BATCH keys', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => [`R${1000 + i}`, 'Name', `s${i}@x.in`]);
    const { lookup, calls } = memoryLookup([], []);
    const t = table(['Roll No', 'Name', 'Email'], rows);
    const v = await validateStudentRoster(t, {
      mapping: suggestMapping(t.headers, 'students').mapping,
      lookup,
    });
    expect(v.counts.valid).toBe(1200);
    expect(calls.map((c) => `${c.kind}:${c.keys.length}`)).toEqual([
      'roll:500',
      'roll:500',
      'roll:200',
      'email:500',
      'email:500',
      'email:200',
    ]);
    expect(Math.max(...calls.map((c) => c.keys.length))).toBeLessThanOrEqual(LOOKUP_BATCH);
  });

  it('refuses to check rows when the mapping lacks a required column or is inconsistent', async () => {
    const t = table(['Reg', 'Name', 'Email'], [['R001', 'A', 'a@x.in']]);
    const v = await validateStudentRoster(t, {
      mapping: { fullName: 'Name', email: 'Email', mentorEmail: 'Email', gpa: 'CGPA' },
      lookup: NO_EXISTING_RECORDS,
    });
    expect(v.mappingProblems).toEqual([
      'The column "CGPA" chosen for GPA is not in this file.',
      'The column "Email" is chosen for Email and Mentor email; choose it for one only.',
      'Choose the column that holds the roll number.',
    ]);
    expect(v.valid).toEqual([]);
    expect(v.problems).toEqual([]);
  });

  it('rejects exactly the 1,000 broken rows among 10,000 and keeps the 9,000 good ones', async () => {
    const roster = await largeRoster(10_000);
    const t = await readRosterBuffer(roster.buffer, 'big.xlsx');
    const { mapping } = suggestMapping(t.headers, 'students');
    const v = await validateStudentRoster(t, {
      mapping,
      knownPrograms: PROGRAMS,
      lookup: NO_EXISTING_RECORDS,
    });
    expect(v.rejectedRows).toEqual([...roster.invalidRows].sort((a, b) => a - b));
    expect(v.counts).toMatchObject({ rows: 10_000, valid: 9_000, rejected: 1_000, create: 9_000 });
    const firstMessages = new Map<number, string>();
    for (const p of v.problems) if (!firstMessages.has(p.row)) firstMessages.set(p.row, p.message);
    // One row of each kind, in generator order: rows 13, 23, 33, ... (data starts at row 4).
    expect(
      INVALID_KINDS.map((_, k) =>
        firstMessages
          .get(13 + 10 * k)!
          .split(' ')
          .slice(0, 2)
          .join(' '),
      ),
    ).toEqual([
      'Email "student9.college.edu"',
      'GPA must',
      'Attendance must',
      'Year must',
      'Program "B.Sc',
      'Roll number',
      'Email meera.gupta.59@college.edu',
    ]);
    // The duplicate-email row (73) and the row it copies (63) both carry the same sentence.
    const duplicate = 'Email meera.gupta.59@college.edu appears twice in this file (rows 63 and 73).';
    expect(v.problems.filter((p) => p.message === duplicate).map((p) => p.row)).toEqual([63, 73]);
  });
});

describe('validating a mentor roster', () => {
  it('splits titled names, checks capacity, and matches existing mentors by email', async () => {
    const t = table(
      ['Name of the Faculty', 'Designation', 'Email', 'Max Mentees', 'Specialization'],
      [
        ['Dr. S. Kumar', 'Associate Professor', 'Kumar@College.edu', 20, 'Machine Learning'],
        ['Prof Meera Iyer', 'Professor', 'meera@college.edu', 'ten', null],
        ['Ravi Teja', 'Assistant Professor', 'student@college.edu', null, null],
        ['Anita Rao', null, 'anita@college.edu', '12', null],
      ],
    );
    const { lookup } = memoryLookup(
      [],
      [
        account('kumar@college.edu', 'MENTOR'),
        account('student@college.edu', 'STUDENT', { rollNumber: '21CS001' }),
      ],
    );
    const v = await validateMentorRoster(t, {
      mapping: suggestMapping(t.headers, 'mentors').mapping,
      lookup,
      departmentId: DEPT,
    });
    expect(v.valid).toEqual([
      {
        row: 2,
        action: 'update',
        existingUserId: 'u-kumar@college.edu',
        email: 'kumar@college.edu',
        firstName: 'Kumar',
        lastName: 'S.',
        title: 'Dr.',
        designation: 'Associate Professor',
        specialization: 'Machine Learning',
        maxMentees: 20,
      },
      {
        row: 5,
        action: 'create',
        existingUserId: null,
        email: 'anita@college.edu',
        firstName: 'Anita',
        lastName: 'Rao',
        maxMentees: 12,
      },
    ]);
    expect(v.problems.map((p) => `${p.row} ${p.column}: ${p.message}`)).toEqual([
      '3 Max Mentees: Maximum mentees must be a whole number from 0 to 200; found "ten".',
      '4 Email: Email student@college.edu already belongs to the student with roll number 21CS001.',
    ]);
  });
});
