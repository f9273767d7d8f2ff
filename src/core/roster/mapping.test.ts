import { describe, expect, it } from 'vitest';
import { SYNONYMS, compactHeader, headerMatchScore, reconcileMapping, suggestMapping } from './mapping.ts';
import { splitFullName } from './names.ts';

describe('suggesting a column mapping', () => {
  it('maps the roll-number spellings offices use', () => {
    const spellings = [
      'Roll No',
      'Roll Number',
      'Enrollment No',
      'Enrolment No.',
      'Reg. No',
      'Registration Number',
      'USN',
      'PRN',
      'Admission No',
      'ROLL NO.',
      ' roll  no ',
      'Roll No (University)',
      'H.T. No',
    ];
    for (const header of spellings) {
      expect(suggestMapping([header, 'Email'], 'students').mapping.rollNumber, header).toBe(header);
    }
  });

  it('maps a typical student sheet and leaves the rest unmapped, in sheet order', () => {
    const headers = [
      'S.No',
      'Reg. No',
      'Student Name',
      'E-mail ID',
      'Mobile',
      'Branch',
      'Semester',
      'SGPA',
      'CGPA',
      'Att%',
      'Faculty Advisor',
      'Blood Group',
    ];
    expect(suggestMapping(headers, 'students')).toEqual({
      mapping: {
        rollNumber: 'Reg. No',
        fullName: 'Student Name',
        email: 'E-mail ID',
        phone: 'Mobile',
        program: 'Branch',
        semester: 'Semester',
        gpa: 'CGPA', // cumulative preferred over the semester's SGPA
        attendancePct: 'Att%',
        mentorEmail: 'Faculty Advisor',
      },
      unmappedHeaders: ['S.No', 'SGPA', 'Blood Group'],
    });
  });

  it('maps first/last/year/programme/contact synonyms and mentor rosters', () => {
    const s = suggestMapping(
      [
        'Enrolment No.',
        'First Name',
        'Surname',
        'Programme',
        'Year',
        'Contact No',
        'Attendance %',
        'Mentor Email',
      ],
      'students',
    );
    expect(s.mapping).toMatchObject({
      rollNumber: 'Enrolment No.',
      firstName: 'First Name',
      lastName: 'Surname',
      program: 'Programme',
      yearOfStudy: 'Year',
      phone: 'Contact No',
      attendancePct: 'Attendance %',
      mentorEmail: 'Mentor Email',
    });
    const m = suggestMapping(
      ['Name of the Faculty', 'Designation', 'Specialisation', 'Email', 'Max Mentees', 'Phone', 'Class'],
      'mentors',
    );
    expect(m.mapping).toEqual({
      fullName: 'Name of the Faculty',
      designation: 'Designation',
      specialization: 'Specialisation',
      email: 'Email',
      maxMentees: 'Max Mentees',
      phone: 'Phone',
    });
    expect(m.unmappedHeaders).toEqual(['Class']);
  });

  it('never lists one compact synonym under two fields of the same roster kind', () => {
    for (const kind of ['students', 'mentors'] as const) {
      const all = Object.values(SYNONYMS[kind]).flat();
      expect(new Set(all).size, kind).toBe(all.length);
    }
  });

  it('normalises headers and scores candidate header rows', () => {
    expect(compactHeader(' Enrolment  No. ')).toBe('enrolmentno');
    expect(compactHeader('Att%')).toBe('attpct');
    expect(compactHeader('Email (college)')).toBe('email');
    expect(compactHeader('Roll #')).toBe('rollno');
    expect(headerMatchScore(['ABC College - Student list'])).toBe(0);
    expect(headerMatchScore(['Roll No', 'Name', 'Email', 'Blood group'])).toBe(3);
  });

  it('re-applies a remembered mapping where its columns still exist', () => {
    const saved = { rollNumber: 'Univ Seat No', email: 'Official Mail', gpa: 'Old GPA column' };
    const r = reconcileMapping(saved, ['Univ Seat No', 'Name', 'Official Mail', 'Email', 'CGPA'], 'students');
    expect(r.mapping).toEqual({
      rollNumber: 'Univ Seat No',
      email: 'Official Mail',
      fullName: 'Name',
      gpa: 'CGPA',
    });
    expect(r.unmappedHeaders).toEqual(['Email']);
  });
});

describe('splitting a full name', () => {
  it.each([
    ['Priya Sharma', 'Priya', 'Sharma', undefined],
    ['Ramesh', 'Ramesh', '', undefined],
    ['K. Ramesh', 'Ramesh', 'K.', undefined],
    ['K.Ramesh', 'Ramesh', 'K.', undefined],
    ['Ramesh K', 'Ramesh', 'K', undefined],
    ['K.R. Narayanan', 'Narayanan', 'K.R.', undefined],
    ['A. P. J. Abdul Kalam', 'Abdul Kalam', 'A. P. J.', undefined],
    ['Sai Krishna Reddy', 'Sai Krishna', 'Reddy', undefined],
    ['Dr. S. Kumar', 'Kumar', 'S.', 'Dr.'],
    ['Prof Meera Iyer', 'Meera', 'Iyer', 'Prof'],
    ['  Anil   Kumar  ', 'Anil', 'Kumar', undefined],
    ['Rao, Kavya', 'Kavya', 'Rao', undefined],
    ['Iyer, Sneha K.', 'Sneha', 'Iyer K.', undefined],
    ['Rao, Dr. Kavya', 'Kavya', 'Rao', 'Dr.'],
  ])('%s', (full, firstName, lastName, title) => {
    const split = splitFullName(full);
    expect(split).toEqual(title ? { firstName, lastName, title } : { firstName, lastName });
  });
});
