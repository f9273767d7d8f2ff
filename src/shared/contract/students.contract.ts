import { z } from 'zod';
import { ADMIN_ROLES, ALL_ROLES, defineCall } from './define.ts';
import { ASSIGNMENT_STATUSES, RISK_LEVELS, USER_STATUSES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';
import { decimal2, listInput, optionalText, pageOf, searchText } from './common-fields.ts';

export const currentMentor = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
});

export const studentRow = z.object({
  id: z.string(),
  email: z.string(),
  status: z.enum(USER_STATUSES),
  firstName: z.string(),
  lastName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  rollNumber: z.string(),
  program: z.string().nullable(),
  yearOfStudy: z.number().int().nullable(),
  gpa: z.number().nullable(),
  attendancePct: z.number().nullable(),
  riskLevel: z.enum(RISK_LEVELS),
  /** Mentors with an ACTIVE or PAUSED assignment. */
  mentors: z.array(currentMentor),
});
export type StudentRow = z.infer<typeof studentRow>;

export const studentDetail = studentRow.extend({
  institutionId: z.string().nullable(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  bio: z.string().nullable(),
  updatedAt: z.string(),
});
export type StudentDetail = z.infer<typeof studentDetail>;

export const studentsContract = {
  'students:list': defineCall({
    summary: 'Students in your scope (a mentor sees its current mentees only), with filters.',
    input: listInput(
      ['name', 'rollNumber', 'program', 'yearOfStudy', 'gpa', 'attendancePct', 'riskLevel'],
      { sort: 'name' },
      {
        search: searchText,
        program: z.string().trim().max(100).optional(),
        yearOfStudy: z.number().int().min(1).max(8).optional(),
        riskLevel: z.enum(RISK_LEVELS).optional(),
        mentorId: id.optional(),
        unassigned: z.boolean().optional(),
        departmentId: id.optional(),
        status: z.enum(USER_STATUSES).optional(),
      },
    ),
    output: pageOf(studentRow),
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: false,
  }),
  'students:get': defineCall({
    summary: 'One student with academics and current mentors (a student may read itself).',
    input: z.strictObject({ id }),
    output: studentDetail,
    roles: ALL_ROLES,
    write: false,
  }),
  'students:update-academics': defineCall({
    summary: 'Set a student’s GPA, attendance, program or year of study (department office and above).',
    input: z
      .strictObject({
        id,
        gpa: decimal2(0, 10, 'GPA').nullable().optional(),
        attendancePct: decimal2(0, 100, 'Attendance').nullable().optional(),
        program: optionalText(100).optional(),
        yearOfStudy: z.number().int().min(1, 'Year 1 to 8.').max(8, 'Year 1 to 8.').nullable().optional(),
      })
      .refine(
        (v) => [v.gpa, v.attendancePct, v.program, v.yearOfStudy].some((x) => x !== undefined),
        'Change at least one field.',
      ),
    output: studentDetail,
    roles: ADMIN_ROLES,
    write: true,
  }),
};
