import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { email, id } from '../domain/fields.ts';
import { listInput, optionalText, pageOf, searchText } from './common-fields.ts';
import { orgCode, orgName } from './setup.contract.ts';

export const institutionDto = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  address: z.string().nullable(),
  contactEmail: z.string().nullable(),
  departmentCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type InstitutionDto = z.infer<typeof institutionDto>;

const contactEmail = z.union([email, z.literal('').transform(() => null), z.null()]);

export const institutionsContract = {
  'institutions:list': defineCall({
    summary: 'Institutions in your scope (your own; every institution for a super admin).',
    input: listInput(['name', 'code', 'createdAt'], { sort: 'name' }, { search: searchText }),
    output: pageOf(institutionDto),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'institutions:create': defineCall({
    summary: 'Add an institution (super admin).',
    input: z.strictObject({
      name: orgName,
      code: orgCode,
      address: optionalText(1000).optional(),
      contactEmail: contactEmail.optional(),
    }),
    output: institutionDto,
    roles: ['SUPER_ADMIN'],
    write: true,
  }),
  'institutions:update': defineCall({
    summary: 'Edit an institution (an institution admin edits its own, but not its code).',
    input: z
      .strictObject({
        id,
        name: orgName.optional(),
        code: orgCode.optional(),
        address: optionalText(1000).optional(),
        contactEmail: contactEmail.optional(),
      })
      .refine(
        (v) => [v.name, v.code, v.address, v.contactEmail].some((x) => x !== undefined),
        'Change at least one field.',
      ),
    output: institutionDto,
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN'],
    write: true,
  }),
};
