import type { z } from 'zod';
import { findDuplicates } from './duplicates.ts';
import { FIELD_LABELS, type ColumnMapping, type MentorField, type StudentField } from './mapping.ts';
import { cellText } from './values.ts';
import type { CellValue, RosterRow, RosterTable } from './roster.types.ts';
import type { DbVerdict } from './existing.ts';
import type { RosterValidation, RowProblem } from './validate.types.ts';

// The row loop shared by student and mentor rosters: mapping check → zod per row → duplicates in
// the file → database verdicts for the rows still standing → typed rows and sorted problems.

type Field = StudentField | MentorField;
export type CellOf = (field: Field) => CellValue | undefined;

export interface DuplicateCheck {
  field: Field;
  label: string;
  key: (s: string) => string;
}

export interface EngineSpec<Data, Out> {
  mapping: ColumnMapping<Field>;
  /** Each field must be mapped; a group ([a, b]) needs at least one of its fields. */
  required: (Field | Field[])[];
  schema: z.ZodType<Data>;
  input: (cell: CellOf) => unknown;
  /** The header a schema key's problem belongs to (it may depend on which cells were filled). */
  columnFor: (key: string, cell: CellOf) => string | undefined;
  duplicates: DuplicateCheck[];
  judge: (rows: Data[]) => Promise<DbVerdict[]>;
  build: (row: number, data: Data, verdict: DbVerdict) => Out;
  /**
   * Names everything besides the table that the file-only checks depend on (kind, mapping, known
   * programs). With it, a second check of the same table (the commit after its preview) reuses
   * the parsed rows and in-file problems and only asks the database again.
   */
  cacheKey?: string;
}

function mappingProblems(spec: EngineSpec<unknown, unknown>, headers: readonly string[]): string[] {
  const out: string[] = [];
  const present = new Set(headers);
  const byHeader = new Map<string, Field[]>();
  for (const [field, header] of Object.entries(spec.mapping) as [Field, string | undefined][]) {
    if (!header) continue;
    if (!present.has(header))
      out.push(`The column "${header}" chosen for ${FIELD_LABELS[field]} is not in this file.`);
    byHeader.set(header, [...(byHeader.get(header) ?? []), field]);
  }
  for (const [header, fields] of byHeader) {
    if (fields.length > 1) {
      out.push(
        `The column "${header}" is chosen for ${fields.map((f) => FIELD_LABELS[f]).join(' and ')}; choose it for one only.`,
      );
    }
  }
  for (const need of spec.required) {
    const group = Array.isArray(need) ? need : [need];
    if (!group.some((f) => spec.mapping[f])) {
      out.push(`Choose the column that holds the ${FIELD_LABELS[group[0]!].toLowerCase()}.`);
    }
  }
  return out;
}

const empty = <Out>(rows: number, problems: string[]): RosterValidation<Out> => ({
  valid: [],
  problems: [],
  rejectedRows: [],
  mappingProblems: problems,
  counts: { rows, valid: 0, rejected: 0, create: 0, update: 0 },
});

interface ParsedRow<Data> {
  row: RosterRow;
  data: Data;
  cell: CellOf;
}

const problemAt = (row: RosterRow, column: string | undefined, message: string): RowProblem => ({
  row: row.rowNumber,
  column: column ?? '',
  value: cellText(row.cells[column ?? '']),
  message,
});

/** zod over every row: typed data for the rows that parse, sentences for those that don't. */
function parseRows<Data, Out>(
  rows: readonly RosterRow[],
  spec: EngineSpec<Data, Out>,
): { parsed: ParsedRow<Data>[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const parsed: ParsedRow<Data>[] = [];
  for (const row of rows) {
    const cell: CellOf = (f) => {
      const header = spec.mapping[f];
      return header === undefined ? undefined : row.cells[header];
    };
    const result = spec.schema.safeParse(spec.input(cell));
    if (result.success) parsed.push({ row, data: result.data, cell });
    else {
      for (const issue of result.error.issues) {
        problems.push(problemAt(row, spec.columnFor(String(issue.path[0]), cell), issue.message));
      }
    }
  }
  return { parsed, problems };
}

interface FileChecks<Data> {
  parsed: ParsedRow<Data>[];
  problems: RowProblem[];
}

// Keyed by the table object itself: roster-file.ts hands the same (never mutated) table to the
// preview and the commit of one file, and a table nobody holds any more takes its entry with it.
const fileChecks = new WeakMap<RosterTable, Map<string, FileChecks<unknown>>>();
const KEYS_PER_TABLE = 4;

/** zod over every row, then duplicates inside the file: everything that needs no database. */
function checkFile<Data, Out>(table: RosterTable, spec: EngineSpec<Data, Out>): FileChecks<Data> {
  const byKey = spec.cacheKey === undefined ? undefined : (fileChecks.get(table) ?? new Map());
  const hit = byKey?.get(spec.cacheKey!) as FileChecks<Data> | undefined;
  if (hit) return hit;
  const { parsed, problems } = parseRows(table.rows, spec);
  for (const d of spec.duplicates) {
    problems.push(...findDuplicates(table.rows, spec.mapping[d.field], d.label, d.key));
  }
  if (byKey) {
    if (byKey.size >= KEYS_PER_TABLE) byKey.clear();
    byKey.set(spec.cacheKey!, { parsed, problems } as FileChecks<unknown>);
    fileChecks.set(table, byKey);
  }
  return { parsed, problems };
}

export async function runValidation<Data, Out extends { action: 'create' | 'update' }>(
  table: RosterTable,
  spec: EngineSpec<Data, Out>,
): Promise<RosterValidation<Out>> {
  const mapProblems = mappingProblems(spec as EngineSpec<unknown, unknown>, table.headers);
  if (mapProblems.length > 0) return empty(table.rows.length, mapProblems);
  const file = checkFile(table, spec);
  // A copy: the database verdicts below are added to this run's list, never to the cached one.
  const problems = [...file.problems];
  const parsed = file.parsed;
  // Rows already rejected get no database verdict: the clerk fixes the sheet first, then re-checks.
  const rejected = new Set(problems.map((p) => p.row));
  const standing = parsed.filter((p) => !rejected.has(p.row.rowNumber));
  const verdicts = await spec.judge(standing.map((p) => p.data));
  const valid: Out[] = [];
  standing.forEach((p, i) => {
    const verdict = verdicts[i]!;
    for (const vp of verdict.problems)
      problems.push(problemAt(p.row, spec.columnFor(vp.field, p.cell), vp.message));
    if (verdict.problems.length === 0) valid.push(spec.build(p.row.rowNumber, p.data, verdict));
  });
  return finish(table, problems, valid);
}

function finish<Out extends { action: 'create' | 'update' }>(
  table: RosterTable,
  problems: RowProblem[],
  valid: Out[],
): RosterValidation<Out> {
  const order = new Map(table.headers.map((h, i) => [h, i]));
  problems.sort((a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
  const rejectedRows = [...new Set(problems.map((p) => p.row))];
  const create = valid.filter((v) => v.action === 'create').length;
  return {
    valid,
    problems,
    rejectedRows,
    mappingProblems: [],
    counts: {
      rows: table.rows.length,
      valid: valid.length,
      rejected: rejectedRows.length,
      create,
      update: valid.length - create,
    },
  };
}
