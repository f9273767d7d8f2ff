import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { GOAL_CATEGORIES, GOAL_STATUSES } from '../domain/enums.ts';
import { id } from '../domain/fields.ts';
import { listInput, optionalText, pageOf, searchText } from './common-fields.ts';

// Goals and their progress notes. A goal's progressPct and status always follow its latest
// goal_update (by createdAt, then id). Decisions where the spec is silent:
// - status COMPLETED stores progressPct 100, whatever number was sent;
// - progressPct 100 without a status means COMPLETED; without a status otherwise the goal keeps
//   AT_RISK if it was at risk, else becomes IN_PROGRESS (NOT_STARTED at 0%);
// - a goal is overdue when its targetDate falls before today (UTC) and it is not COMPLETED.
// targetDate is entered as a day and stored as that day's 00:00 UTC.

export const goalRow = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  rollNumber: z.string().nullable(),
  title: z.string(),
  category: z.enum(GOAL_CATEGORIES),
  description: z.string().nullable(),
  targetDate: z.string().nullable(),
  status: z.enum(GOAL_STATUSES),
  progressPct: z.number().int(),
  overdue: z.boolean(),
  createdById: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type GoalRow = z.infer<typeof goalRow>;

export const goalUpdateDto = z.object({
  id: z.string(),
  notedById: z.string(),
  notedByName: z.string(),
  note: z.string(),
  progressPct: z.number().int(),
  status: z.enum(GOAL_STATUSES),
  createdAt: z.string(),
});

export const goalDetail = goalRow.extend({ updates: z.array(goalUpdateDto) });
export type GoalDetail = z.infer<typeof goalDetail>;

const title = z.string().trim().min(1, 'Enter a title.').max(255, 'At most 255 characters.');
const category = z.enum(GOAL_CATEGORIES, { message: 'Choose ACADEMIC, BEHAVIORAL, CAREER or WELLNESS.' });
const targetDate = z.iso.date({ message: 'Expected a date like 2026-03-31.' });
const description = optionalText(5000);

const goalFilters = {
  search: searchText,
  studentId: id.optional(),
  mentorId: id.optional(),
  departmentId: id.optional(),
  status: z.enum(GOAL_STATUSES).optional(),
  category: category.optional(),
};

export const goalsContract = {
  'goals:create': defineCall({
    summary:
      'Set a goal: a student for itself, a mentor for a current mentee, an admin for a student in scope.',
    input: z.strictObject({
      /** Defaults to the caller when the caller is a student. */
      studentId: id.optional(),
      title,
      category,
      description: description.optional(),
      targetDate: targetDate.optional(),
    }),
    output: goalDetail,
    roles: ALL_ROLES,
    write: true,
  }),
  'goals:update': defineCall({
    summary: 'Change a goal’s title, category, description or target date.',
    input: z
      .strictObject({
        id,
        title: title.optional(),
        category: category.optional(),
        description: description.optional(),
        targetDate: targetDate.nullable().optional(),
      })
      .refine(
        (v) => [v.title, v.category, v.description, v.targetDate].some((x) => x !== undefined),
        'Change at least one field.',
      ),
    output: goalDetail,
    roles: ALL_ROLES,
    write: true,
  }),
  'goals:add-update': defineCall({
    summary: 'Note progress on a goal; the goal’s progress and status follow the latest note.',
    input: z.strictObject({
      goalId: id,
      note: z.string().trim().min(1, 'Write a short note.').max(5000, 'At most 5000 characters.'),
      progressPct: z
        .number({ message: 'Progress is a whole number from 0 to 100.' })
        .int('Progress is a whole number from 0 to 100.')
        .min(0, 'Progress is a whole number from 0 to 100.')
        .max(100, 'Progress is a whole number from 0 to 100.'),
      status: z.enum(GOAL_STATUSES).optional(),
    }),
    output: goalDetail,
    roles: ALL_ROLES,
    write: true,
  }),
  'goals:list': defineCall({
    summary: 'Goals in your scope with filters (student, status, overdue), paged.',
    input: listInput(
      ['targetDate', 'createdAt', 'title', 'progressPct', 'student'],
      { sort: 'targetDate' },
      { ...goalFilters, overdue: z.boolean().optional() },
    ),
    output: pageOf(goalRow),
    roles: ALL_ROLES,
    write: false,
  }),
  'goals:get': defineCall({
    summary: 'One goal with its progress notes, newest first.',
    input: z.strictObject({ id }),
    output: goalDetail,
    roles: ALL_ROLES,
    write: false,
  }),
  'goals:overdue': defineCall({
    summary: 'Goals past their target date and not completed, oldest deadline first.',
    input: listInput(['targetDate', 'student'], { sort: 'targetDate' }, goalFilters),
    output: pageOf(goalRow),
    roles: ALL_ROLES,
    write: false,
  }),
};
