import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import { id } from '../domain/fields.ts';

// Roster import (issue 7): preview (dry run) → commit, remembered column mappings, and the
// downloadable report of rejected rows. Files travel as base64 because the contract is JSON; the
// service refuses more than ROSTER_MAX_FILE_BYTES decoded with a sentence, not a zod issue.

export const STUDENT_FIELDS = [
  'rollNumber',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'program',
  'yearOfStudy',
  'semester',
  'gpa',
  'attendancePct',
  'mentorEmail',
] as const;
export type StudentField = (typeof STUDENT_FIELDS)[number];

export const MENTOR_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'fullName',
  'phone',
  'designation',
  'specialization',
  'maxMentees',
] as const;
export type MentorField = (typeof MENTOR_FIELDS)[number];

export const ROSTER_KINDS = ['students', 'mentors'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];

export const ROSTER_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Base64 of a file up to twice the limit still parses, so the service can say how big it is. */
const BASE64_HARD_CAP = Math.ceil((2 * ROSTER_MAX_FILE_BYTES) / 3) * 4;

const ALL_FIELDS = [...new Set([...STUDENT_FIELDS, ...MENTOR_FIELDS])] as [string, ...string[]];
const header = z.string().max(500);

/** field → the header (as in `headers`) whose column feeds it; a mentor roster ignores student fields. */
export const columnMapping = z.partialRecord(z.enum(ALL_FIELDS), header);
export type ColumnMappingDto = z.infer<typeof columnMapping>;

export const rosterFile = z.strictObject({
  name: z.string().trim().min(1, 'Choose a file.').max(255, 'The file name is too long.'),
  base64: z
    .string()
    .max(BASE64_HARD_CAP, 'This file is far larger than the 20 MB an import may be.')
    .regex(/^[A-Za-z0-9+/\r\n]*={0,2}\s*$/, 'The file was not sent correctly; choose it again.'),
});

const rosterSource = {
  file: rosterFile,
  kind: z.enum(ROSTER_KINDS),
  departmentId: id,
  /** Worksheet to read (xlsx); the first visible sheet when absent. */
  sheet: z.string().trim().min(1).max(31).optional(),
  /** The mapping the user chose; absent = the department's remembered mapping, else suggestions. */
  mapping: columnMapping.optional(),
  /** Programs the user confirmed as new for the department (a new intake), accepted as known. */
  acceptPrograms: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  /** Set by a shell that shows progress: `task:progress` events then carry this id. */
  taskId: z.string().trim().min(1).max(64).optional(),
};

export const rowProblem = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});
export type RowProblemDto = z.infer<typeof rowProblem>;

const fieldValue = z.union([z.string(), z.number(), z.null()]);

export const fieldChange = z.object({
  field: z.string(),
  label: z.string(),
  before: fieldValue,
  after: fieldValue,
});

export const PREVIEW_ACTIONS = ['create', 'update', 'unchanged', 'rejected'] as const;

export const previewRow = z.object({
  /** Row number as Excel shows it. */
  row: z.number().int(),
  action: z.enum(PREVIEW_ACTIONS),
  /** The cells as read, in `headers` order ('' when empty), so the UI can show the sheet. */
  cells: z.array(z.string()),
  /** Updates only: the mapped fields that change, before → after. */
  changes: z.array(fieldChange),
  problems: z.array(rowProblem),
  /** Facts that do not stop the row (the mentor stays as it is, for example). */
  notes: z.array(z.string()),
});
export type PreviewRow = z.infer<typeof previewRow>;

export const rosterCounts = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  rejected: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  assignments: z.number().int(),
});

export const fieldInfo = z.object({
  field: z.string(),
  label: z.string(),
  /** 'always', or 'name' for the group "Name or First name". */
  required: z.enum(['always', 'name', 'no']),
});

export const rosterPreview = z.object({
  kind: z.enum(ROSTER_KINDS),
  departmentId: z.string(),
  sheetNames: z.array(z.string()),
  sheet: z.string().nullable(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  fields: z.array(fieldInfo),
  /** The mapping used for this preview. */
  mapping: columnMapping,
  /** Where it came from: the user's override, the department's remembered one, or suggestions. */
  mappingSource: z.enum(['input', 'remembered', 'suggested']),
  /** The remembered/suggested mapping for these headers, whatever the input said. */
  suggestedMapping: columnMapping,
  unmappedHeaders: z.array(z.string()),
  /** Required columns missing or a column chosen twice; when not empty no row was checked. */
  mappingProblems: z.array(z.string()),
  /** The department's programs (null: none known yet, any program is accepted). */
  knownPrograms: z.array(z.string()).nullable(),
  /** Programs in the file that are not known; acceptPrograms can add them. */
  unknownPrograms: z.array(z.string()),
  rows: z.array(previewRow),
  problems: z.array(rowProblem),
  counts: rosterCounts,
});
export type RosterPreview = z.infer<typeof rosterPreview>;

export const IMPORT_MODES = ['skip-invalid', 'abort-on-error'] as const;

export const rosterCommitResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rejected rows left out (skip-invalid). */
  skipped: z.number().int(),
  assignmentsCreated: z.number().int(),
  /** Students whose risk was re-evaluated because GPA or attendance changed. */
  riskEvaluated: z.number().int(),
  errors: z.array(rowProblem),
  /** Facts about imported rows that did not stop them (a student who keeps its current mentor). */
  notes: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type RosterCommitResult = z.infer<typeof rosterCommitResult>;

export const fileDownload = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  rows: z.number().int(),
});
export type FileDownload = z.infer<typeof fileDownload>;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;

export const rosterContract = {
  'roster:preview': defineCall({
    summary:
      'Dry run of a roster file: sheets, headers, mapping, and per row create/update (before → after) or problems.',
    input: z.strictObject(rosterSource),
    output: rosterPreview,
    roles: ADMIN_ROLES,
    write: false,
  }),
  'roster:commit': defineCall({
    summary:
      'Import a roster in one transaction: create and update accounts, skip invalid rows or abort on any.',
    input: z.strictObject({ ...rosterSource, mode: z.enum(IMPORT_MODES) }),
    output: rosterCommitResult,
    roles: ADMIN_ROLES,
    write: true,
  }),
  'roster:get-mapping': defineCall({
    summary: 'The column mapping the department used for its last import of this kind.',
    input: z.strictObject({ departmentId: id, kind: z.enum(ROSTER_KINDS) }),
    output: z.object({ mapping: columnMapping.nullable(), updatedAt: z.string().nullable() }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'roster:error-report': defineCall({
    summary: 'The rejected rows of a roster file with a Problem column, to fix and import again.',
    input: z.strictObject({ ...rosterSource, format: z.enum(EXPORT_FORMATS) }),
    output: fileDownload,
    roles: ADMIN_ROLES,
    write: false,
  }),
};
