import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../shared/contract/index.ts';
import { emptyNewUser, newUserInput } from './user-form-values.ts';

const schema = CONTRACT['users:create'].input;

describe('Add user form → users:create', () => {
  it('sends a student with its roll number and no password when inviting', () => {
    const v = {
      ...emptyNewUser('STUDENT', 'd1'),
      firstName: 'Ria',
      lastName: 'Das',
      email: 'Ria@X.edu',
      rollNumber: '25cs01',
      yearOfStudy: 2,
    };
    const input = newUserInput(v);
    expect(input.initialPassword).toBeUndefined();
    expect(input.mentor).toBeUndefined();
    const parsed = schema.parse(input);
    expect(parsed.email).toBe('ria@x.edu');
    expect(parsed.student).toEqual({ rollNumber: '25CS01', yearOfStudy: 2 });
    expect(parsed.departmentId).toBe('d1');
  });

  it('sends the password only when the office chose to set one', () => {
    const v = {
      ...emptyNewUser('MENTOR', 'd1'),
      firstName: 'A',
      lastName: 'B',
      email: 'a@b.edu',
      initialPassword: 'x',
    };
    expect(newUserInput(v).initialPassword).toBeUndefined();
    expect(newUserInput({ ...v, access: 'password' }).initialPassword).toBe('x');
    expect(newUserInput({ ...v, maxMentees: 12 }).mentor).toEqual({ maxMentees: 12 });
  });

  it('places an institution admin by institution, not department', () => {
    const v = { ...emptyNewUser('INSTITUTION_ADMIN', 'd1'), institutionId: 'i1' };
    expect(newUserInput(v)).toMatchObject({ institutionId: 'i1', departmentId: undefined });
  });

  it('lets the schema refuse a student without a roll number', () => {
    const v = { ...emptyNewUser('STUDENT', 'd1'), firstName: 'A', lastName: 'B', email: 'a@b.edu' };
    const result = schema.safeParse(newUserInput(v));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('student.rollNumber');
  });
});
