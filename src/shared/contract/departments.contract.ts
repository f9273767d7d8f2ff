import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';
import { listInput, pageOf, searchText } from './common-fields.ts';
import { orgCode, orgName } from './setup.contract.ts';

export const departmentDto = z.object({
  id: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  name: z.string(),
  code: z.string(),
  mentorCount: z.number().int(),
  studentCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DepartmentDto = z.infer<typeof departmentDto>;

export const departmentsContract = {
  'departments:list': defineCall({
    summary: 'Departments in your scope.',
    input: listInput(
      ['name', 'code', 'institution', 'createdAt'],
      { sort: 'name' },
      { search: searchText, institutionId: id.optional() },
    ),
    output: pageOf(departmentDto),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'departments:create': defineCall({
    summary: 'Add a department to your institution (a super admin names the institution).',
    input: z.strictObject({ institutionId: id.optional(), name: orgName, code: orgCode }),
    output: departmentDto,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN'],
    write: true,
  }),
  'departments:update': defineCall({
    summary: 'Rename a department or change its code.',
    input: z
      .strictObject({ id, name: orgName.optional(), code: orgCode.optional() })
      .refine((v) => v.name !== undefined || v.code !== undefined, 'Change at least one field.'),
    output: departmentDto,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN'],
    write: true,
  }),
};
