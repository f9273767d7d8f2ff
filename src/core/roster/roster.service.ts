import type { z } from 'zod';
import type {
  FileDownload,
  PreviewRow,
  RosterPreview,
  rosterContract,
} from '../../shared/contract/roster.contract.ts';
import type { AuthedContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { FIELD_LABELS, MENTOR_FIELDS, STUDENT_FIELDS, type RosterKind } from './mapping.ts';
import { readMapping } from './mappings.repo.ts';
import { checkRoster, requireDepartment, type CheckInput, type RosterCheck } from './roster-check.ts';
import { commitRoster } from './roster-commit.ts';
import { importProgress } from './import-progress.ts';
import type { PlannedRow } from './roster-plan.ts';
import { cellText } from './values.ts';
import { writeErrorReportCsv, writeErrorReportXlsx } from './write-error-report.ts';
import type { RowProblem } from './validate.types.ts';

type In<K extends keyof typeof rosterContract> = z.output<(typeof rosterContract)[K]['input']>;

const REQUIRED: Record<RosterKind, Record<string, 'always' | 'name'>> = {
  students: { rollNumber: 'always', email: 'always', fullName: 'name', firstName: 'name' },
  mentors: { email: 'always', fullName: 'name', firstName: 'name' },
};

function fieldsOf(kind: RosterKind): RosterPreview['fields'] {
  const fields: readonly string[] = kind === 'students' ? STUDENT_FIELDS : MENTOR_FIELDS;
  return fields.map((field) => ({
    field,
    label: FIELD_LABELS[field as keyof typeof FIELD_LABELS],
    required: REQUIRED[kind][field] ?? 'no',
  }));
}

function group<T extends { row: number }>(items: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) out.set(item.row, [...(out.get(item.row) ?? []), item]);
  return out;
}

function previewRows(check: RosterCheck): PreviewRow[] {
  const problems = group(check.problems);
  const planned = new Map((check.rows as PlannedRow<{ row: number }>[]).map((r) => [r.data.row, r] as const));
  return check.table.rows.map((r) => {
    const plan = planned.get(r.rowNumber);
    return {
      row: r.rowNumber,
      action: plan?.action ?? 'rejected',
      cells: check.table.headers.map((h) => cellText(r.cells[h])),
      changes: plan?.changes ?? [],
      problems: problems.get(r.rowNumber) ?? [],
      notes: plan?.notes ?? [],
    };
  });
}

function previewOf(input: CheckInput, check: RosterCheck): RosterPreview {
  const rows = check.rows as PlannedRow<unknown>[];
  const count = (a: string): number => rows.filter((r) => r.action === a).length;
  const mapped = new Set(Object.values(check.mapping));
  return {
    kind: input.kind,
    departmentId: check.department.id,
    sheetNames: check.table.sheetNames ?? [],
    sheet: check.table.sheetName ?? null,
    headerRow: check.table.headerRowIndex,
    headers: check.table.headers,
    fields: fieldsOf(input.kind),
    mapping: check.mapping,
    mappingSource: check.mappingSource,
    suggestedMapping: check.suggested.mapping,
    unmappedHeaders: check.table.headers.filter((h) => !mapped.has(h)),
    mappingProblems: check.mappingProblems,
    knownPrograms: check.knownPrograms,
    unknownPrograms: check.unknownPrograms,
    rows: previewRows(check),
    problems: check.problems,
    counts: {
      rows: check.table.rows.length,
      valid: rows.length,
      rejected: check.rejectedRows.length,
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      assignments: check.assignments.length,
    },
  };
}

/** A download name from the user's file name: no path separators or characters Windows refuses. */
export const safeStem = (name: string): string =>
  name
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .trim()
    .slice(0, 100) || 'roster';

async function errorReport(ctx: AuthedContext, input: In<'roster:error-report'>): Promise<FileDownload> {
  const check = await checkRoster(ctx, input, false);
  if (check.mappingProblems.length > 0) {
    throw new AppError(
      'VALIDATION',
      'Choose the columns first: the rows cannot be checked until every required column is chosen once.',
      check.mappingProblems.map((message) => ({ path: 'mapping', message })),
    );
  }
  const problems: readonly RowProblem[] = check.problems;
  const bytes =
    input.format === 'xlsx'
      ? await writeErrorReportXlsx(check.table, problems)
      : writeErrorReportCsv(check.table, problems);
  return {
    fileName: `${safeStem(input.file.name)} - rows to fix.${input.format}`,
    mimeType:
      input.format === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'text/csv; charset=utf-8',
    base64: bytes.toString('base64'),
    rows: check.rejectedRows.length,
  };
}

export const rosterHandlers: HandlersFor<typeof rosterContract> = {
  'roster:preview': async (ctx, input) => {
    const progress = importProgress(input.taskId, 'preview');
    const preview = previewOf(input, await checkRoster(ctx, input, false, progress));
    progress('done');
    return preview;
  },
  'roster:commit': commitRoster,
  'roster:get-mapping': async (ctx, input) => {
    await requireDepartment(ctx, input.departmentId);
    const saved = await readMapping(ctx.db, input.departmentId, input.kind);
    return { mapping: saved?.mapping ?? null, updatedAt: saved?.updatedAt ?? null };
  },
  'roster:error-report': errorReport,
};
