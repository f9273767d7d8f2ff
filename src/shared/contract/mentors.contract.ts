import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { AVAILABILITY_STATUSES, USER_STATUSES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';
import { listInput, optionalText, pageOf, searchText } from './common-fields.ts';

export const mentorRow = z.object({
  id: z.string(),
  email: z.string(),
  status: z.enum(USER_STATUSES),
  firstName: z.string(),
  lastName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  designation: z.string().nullable(),
  specialization: z.string().nullable(),
  capacityDefault: z.number().int(),
  maxMentees: z.number().int(),
  availabilityStatus: z.enum(AVAILABILITY_STATUSES),
  activeMentees: z.number().int(),
  pausedMentees: z.number().int(),
});
export type MentorRow = z.infer<typeof mentorRow>;

const capacity = z.number().int().min(0, 'At least 0.').max(500, 'At most 500.');

export const mentorsContract = {
  'mentors:list': defineCall({
    summary:
      'Mentors in your scope with active mentee count against maxMentees (a student sees its current mentors).',
    input: listInput(
      ['name', 'designation', 'availabilityStatus', 'activeMentees', 'maxMentees'],
      { sort: 'name' },
      {
        search: searchText,
        availabilityStatus: z.enum(AVAILABILITY_STATUSES).optional(),
        departmentId: id.optional(),
        status: z.enum(USER_STATUSES).optional(),
        hasCapacity: z.boolean().optional(),
      },
    ),
    output: pageOf(mentorRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'mentors:update-profile': defineCall({
    summary:
      'Mentor profile: designation, specialization, capacity, availability (a mentor may set its own availability).',
    input: z
      .strictObject({
        id,
        designation: optionalText(100).optional(),
        specialization: optionalText(255).optional(),
        maxMentees: capacity.optional(),
        capacityDefault: capacity.optional(),
        availabilityStatus: z.enum(AVAILABILITY_STATUSES).optional(),
      })
      .refine(
        (v) =>
          [v.designation, v.specialization, v.maxMentees, v.capacityDefault, v.availabilityStatus].some(
            (x) => x !== undefined,
          ),
        'Change at least one field.',
      ),
    output: mentorRow,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN', 'DEPARTMENT_ADMIN', 'MENTOR'],
    write: true,
  }),
};
