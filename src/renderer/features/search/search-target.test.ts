import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../../shared/contract/search.contract.ts';
import { searchTarget } from './search-target.ts';

const student: SearchResult = {
  kind: 'student',
  id: 'st 1',
  name: 'Asha',
  rollNumber: '21CS1',
  program: null,
  departmentName: null,
  riskLevel: 'LOW',
  status: 'ACTIVE',
};
const mentor: SearchResult = {
  kind: 'mentor',
  id: 'm1',
  name: 'Dr. R',
  designation: null,
  departmentName: null,
  status: 'ACTIVE',
};
const paths = [
  '/',
  '/mentees',
  '/mentees/:id',
  '/students',
  '/students/:studentId',
  '/mentors',
  '/my-mentor',
];

describe('search result targets', () => {
  it('sends a mentor to its mentee page and the office to the student page', () => {
    expect(searchTarget(student, 'MENTOR', paths)).toBe('/mentees/st%201');
    expect(searchTarget(student, 'DEPARTMENT_ADMIN', paths)).toBe('/students/st%201');
  });

  it('sends a student to its mentor page and the office to the mentors list', () => {
    expect(searchTarget(mentor, 'STUDENT', paths)).toBe('/my-mentor');
    expect(searchTarget(mentor, 'SUPER_ADMIN', paths)).toBe('/mentors');
    expect(searchTarget(mentor, 'SUPER_ADMIN', [...paths, '/mentors/:id'])).toBe('/mentors/m1');
  });

  it('offers nothing where this build has no screen', () => {
    expect(searchTarget(student, 'DEPARTMENT_ADMIN', ['/'])).toBeNull();
    expect(searchTarget(mentor, 'MENTOR', paths)).toBeNull();
  });
});
