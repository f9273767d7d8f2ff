import { describe, expect, it } from 'vitest';
import { INVALID_KINDS, PROGRAMS, largeRoster } from '../../../tests/fixtures/roster/build-xlsx.ts';
import { DEPT, account, memoryLookup, table } from '../../../tests/fixtures/roster/lookup.ts';
import { suggestMapping } from './mapping.ts';
import { readRosterBuffer } from './read-file.ts';
import {
  LOOKUP_BATCH,
  NO_EXISTING_RECORDS,
  validateMentorRoster,
  validateStudentRoster,
} from './validate.ts';

describe('validating a student roster against the database and at scale', () => {
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
