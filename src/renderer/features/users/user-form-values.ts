import type { CallInput } from '../../../shared/contract/index.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';
import { numberOrNull } from './use-typed-form.ts';

// The "Add user" form's values and how they become users:create's input: role-specific parts
// only for their role, and a password only when the office chose to set one.

export const DEPARTMENT_ROLES: readonly RoleName[] = ['DEPARTMENT_ADMIN', 'MENTOR', 'STUDENT'];

export interface NewUserValues {
  role: RoleName;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  phone: string;
  institutionId: string | null;
  departmentId: string | null;
  access: 'invite' | 'password';
  initialPassword: string;
  rollNumber: string;
  program: string;
  yearOfStudy: number | string;
  designation: string;
  specialization: string;
  maxMentees: number | string;
}

export function emptyNewUser(role: RoleName, departmentId: string | null): NewUserValues {
  return {
    role,
    firstName: '',
    lastName: '',
    email: '',
    title: '',
    phone: '',
    institutionId: null,
    departmentId,
    access: 'invite',
    initialPassword: '',
    rollNumber: '',
    program: '',
    yearOfStudy: '',
    designation: '',
    specialization: '',
    maxMentees: '',
  };
}

export function newUserInput(v: NewUserValues): CallInput<'users:create'> {
  const inDepartment = DEPARTMENT_ROLES.includes(v.role);
  const maxMentees = numberOrNull(v.maxMentees);
  return {
    role: v.role,
    firstName: v.firstName,
    lastName: v.lastName,
    email: v.email,
    title: v.title || undefined,
    phone: v.phone || undefined,
    institutionId: !inDepartment && v.institutionId ? v.institutionId : undefined,
    departmentId: inDepartment && v.departmentId ? v.departmentId : undefined,
    initialPassword: v.access === 'password' ? v.initialPassword : undefined,
    student:
      v.role === 'STUDENT'
        ? {
            rollNumber: v.rollNumber,
            program: v.program || undefined,
            yearOfStudy: numberOrNull(v.yearOfStudy) ?? undefined,
          }
        : undefined,
    mentor:
      v.role === 'MENTOR'
        ? {
            designation: v.designation || undefined,
            specialization: v.specialization || undefined,
            maxMentees: maxMentees ?? undefined,
          }
        : undefined,
  };
}
