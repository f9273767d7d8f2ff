import { z } from 'zod';
import { ADMIN_ROLES, ALL_ROLES, defineCall } from './define.ts';
import { AVAILABILITY_STATUSES, RISK_LEVELS, ROLE_NAMES, USER_STATUSES } from '../domain/enums.ts';
import { email, id, password, personName } from '../domain/fields.ts';
import { listInput, optionalText, pageOf, phone, rollNumber, searchText, webUrl } from './common-fields.ts';

// DTOs: what a user record looks like to the renderer. None of them has a password hash, and the
// repositories never select one (ROLES.md "Password hashes never leave the central DB").

export const studentProfileDto = z.object({
  rollNumber: z.string(),
  program: z.string().nullable(),
  yearOfStudy: z.number().int().nullable(),
  gpa: z.number().nullable(),
  attendancePct: z.number().nullable(),
  riskLevel: z.enum(RISK_LEVELS),
});

export const mentorProfileDto = z.object({
  designation: z.string().nullable(),
  specialization: z.string().nullable(),
  capacityDefault: z.number().int(),
  maxMentees: z.number().int(),
  availabilityStatus: z.enum(AVAILABILITY_STATUSES),
});

export const userSummary = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLE_NAMES),
  status: z.enum(USER_STATUSES),
  firstName: z.string(),
  lastName: z.string(),
  institutionId: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  rollNumber: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;

export const userDetail = userSummary.extend({
  institutionName: z.string().nullable(),
  phone: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  title: z.string().nullable(),
  bio: z.string().nullable(),
  updatedAt: z.string(),
  student: studentProfileDto.nullable(),
  mentor: mentorProfileDto.nullable(),
});
export type UserDetail = z.infer<typeof userDetail>;

const program = optionalText(100);
const yearOfStudy = z.number().int().min(1, 'Year 1 to 8.').max(8, 'Year 1 to 8.').nullable();
const maxMentees = z.number().int().min(0, 'At least 0.').max(500, 'At most 500.');

export const usersContract = {
  'users:list': defineCall({
    summary: 'Users in your scope: search by name, email or roll number; filter by role, status, department.',
    input: listInput(
      ['name', 'email', 'role', 'status', 'rollNumber', 'lastLoginAt', 'createdAt'],
      { sort: 'name' },
      {
        search: searchText,
        role: z.enum(ROLE_NAMES).optional(),
        status: z.enum(USER_STATUSES).optional(),
        departmentId: id.optional(),
      },
    ),
    output: pageOf(userSummary),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'users:get': defineCall({
    summary: 'One user with profile and role profile (you, your mentees or mentors, or users you manage).',
    input: z.strictObject({ id }),
    output: userDetail,
    roles: ALL_ROLES,
    write: false,
  }),
  'users:create': defineCall({
    summary:
      'Create an account: with an initial password (ACTIVE), or as an invitation (INVITED) that returns a one-time code.',
    input: z.strictObject({
      email,
      firstName: personName,
      lastName: personName,
      role: z.enum(ROLE_NAMES),
      institutionId: id.nullable().optional(),
      departmentId: id.nullable().optional(),
      title: optionalText(100).optional(),
      phone: phone.optional(),
      initialPassword: password.optional(),
      student: z
        .strictObject({ rollNumber, program: program.optional(), yearOfStudy: yearOfStudy.optional() })
        .optional(),
      mentor: z
        .strictObject({
          designation: optionalText(100).optional(),
          specialization: optionalText(255).optional(),
          maxMentees: maxMentees.optional(),
        })
        .optional(),
    }),
    output: z.object({
      user: userDetail,
      resetCode: z.string().nullable(),
      resetExpiresAt: z.string().nullable(),
    }),
    roles: ADMIN_ROLES,
    write: true,
    // An invitation's one-time code lives only in central's password_resets; an account with an
    // initial password is an ordinary write that queues like any other.
    online: (input) => !input.initialPassword,
  }),
  'users:update': defineCall({
    summary:
      'Edit a user you manage: names, contact details, email, department, role (within what you may grant).',
    input: z
      .strictObject({
        id,
        email: email.optional(),
        firstName: personName.optional(),
        lastName: personName.optional(),
        title: optionalText(100).optional(),
        phone: phone.optional(),
        bio: optionalText(2000).optional(),
        avatarUrl: webUrl.optional(),
        role: z.enum(ROLE_NAMES).optional(),
        departmentId: id.nullable().optional(),
      })
      .refine(
        (v) => Object.entries(v).some(([k, x]) => k !== 'id' && x !== undefined),
        'Change at least one field.',
      ),
    output: userDetail,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'users:set-status': defineCall({
    summary: 'Disable or re-enable an account you manage (not your own).',
    input: z.strictObject({ id, status: z.enum(['ACTIVE', 'DISABLED']) }),
    output: userDetail,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'users:update-own-profile': defineCall({
    summary: 'Your own contact details: phone, bio, avatar; staff also a title.',
    input: z
      .strictObject({
        phone: phone.optional(),
        bio: optionalText(2000).optional(),
        avatarUrl: webUrl.optional(),
        title: optionalText(100).optional(),
      })
      .refine((v) => Object.values(v).some((x) => x !== undefined), 'Change at least one field.'),
    output: userDetail,
    roles: ALL_ROLES,
    write: true,
  }),
};
