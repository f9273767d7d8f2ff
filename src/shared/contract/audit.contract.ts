import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id, isoDateTime } from '../domain/fields.ts';
import { listInput, pageOf } from './common-fields.ts';

export const auditRow = z.object({
  id: z.number().int(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditRowDto = z.infer<typeof auditRow>;

const name = z.string().trim().min(1).max(100, 'At most 100 characters.');

// Append-only: there is deliberately no call that updates or deletes audit rows (ROLES.md).
export const auditContract = {
  'audit:list': defineCall({
    summary: 'Audit trail in your scope, newest first: filter by user, entity, action and date range.',
    input: listInput(
      ['createdAt'],
      { sort: 'createdAt', dir: 'desc' },
      {
        userId: id.optional(),
        entity: name.optional(),
        entityId: z.string().trim().min(1).max(255).optional(),
        action: name.optional(),
        from: isoDateTime.optional(),
        to: isoDateTime.optional(),
      },
    ),
    output: pageOf(auditRow),
    roles: ADMIN_ROLES,
    write: false,
  }),
};
