import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { ALERT_CATEGORIES, ALERT_SEVERITIES, ALERT_STATUSES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';
import { listInput, pageOf } from './common-fields.ts';

const STAFF = [...ADMIN_ROLES, 'MENTOR'] as const;

export const alertRule = z.object({
  rule: z.string(),
  level: z.string(),
  value: z.number(),
  threshold: z.number(),
  comparison: z.string(),
  unit: z.string(),
});

export const alertRow = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string().nullable(),
  departmentId: z.string().nullable(),
  severity: z.enum(ALERT_SEVERITIES),
  category: z.enum(ALERT_CATEGORIES),
  message: z.string(),
  status: z.enum(ALERT_STATUSES),
  /** 'risk-engine' (automatic), 'manual' (raised by staff) or 'other' (written by another tool). */
  source: z.enum(['risk-engine', 'manual', 'other']),
  rules: z.array(alertRule),
  raisedById: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedById: z.string().nullable(),
  closedByName: z.string().nullable(),
  /** Set when a person closed it; "closed by the system" alerts have none. */
  closingNote: z.string().nullable(),
});
export type AlertRowDto = z.infer<typeof alertRow>;

const note = z.string().trim().min(1, 'Write a closing note.').max(2000, 'At most 2000 characters.');

export const alertsContract = {
  'alerts:list': defineCall({
    summary: 'The alert queue in your scope (a mentor sees its current mentees), with filters.',
    input: listInput(
      ['createdAt', 'severity', 'student'],
      { sort: 'createdAt', dir: 'desc' },
      {
        status: z.enum(ALERT_STATUSES).optional(),
        severity: z.enum(ALERT_SEVERITIES).optional(),
        category: z.enum(ALERT_CATEGORIES).optional(),
        studentId: id.optional(),
        mentorId: id.optional(),
        departmentId: id.optional(),
      },
    ),
    output: pageOf(alertRow),
    roles: STAFF,
    write: false,
  }),
  'alerts:raise': defineCall({
    summary: 'Raise a manual BEHAVIOR or GRIEVANCE alert about a student (its mentor or an admin).',
    input: z.strictObject({
      studentId: id,
      category: z.enum(['BEHAVIOR', 'GRIEVANCE']),
      severity: z.enum(ALERT_SEVERITIES).default('WARN'),
      message: z.string().trim().min(1, 'Describe the concern.').max(4000, 'At most 4000 characters.'),
    }),
    output: alertRow,
    roles: STAFF,
    write: true,
  }),
  'alerts:close': defineCall({
    summary: 'Close an open alert with a note (admins in scope; a mentor only the manual alerts it raised).',
    input: z.strictObject({ id, note }),
    output: alertRow,
    roles: STAFF,
    write: true,
  }),
};
