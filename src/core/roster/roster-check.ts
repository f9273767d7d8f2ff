import type { z } from 'zod';
import {
  MENTOR_FIELDS,
  STUDENT_FIELDS,
  type ColumnMappingDto,
  type rosterContract,
} from '../../shared/contract/roster.contract.ts';
import type { AuthedContext } from '../context.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import { notFound } from '../errors.ts';
import { isEmpty, parseProgram } from './fields.ts';
import { databaseLookup } from './lookup.ts';
import {
  reconcileMapping,
  suggestMapping,
  type ColumnMapping,
  type MentorField,
  type RosterKind,
  type StudentField,
} from './mapping.ts';
import { readMapping } from './mappings.repo.ts';
import { planAssignments, type PlannedAssignment } from './roster-assign.ts';
import { planMentors, planStudents, type PlannedRow } from './roster-plan.ts';
import { cellText } from './values.ts';
import { validateMentorRoster, validateStudentRoster } from './validate.ts';
import type { MentorImportRow, RosterValidation, RowProblem, StudentImportRow } from './validate.types.ts';
import type { RosterTable } from './roster.types.ts';
import { readRosterInput } from './roster-file.ts';
import type { ImportStage } from './import-progress.ts';

// One pass over a roster file shared by preview, commit and the error report: the department (in
// the actor's scope), the table, the mapping in effect, validation against the database, and what
// every valid row will do. The commit runs it inside its transaction, so what it writes is what
// this pass decided against the data as the transaction sees it.

/** Import stages, reported by checkRoster and the commit (see import-progress.ts). */
export type ImportProgress = (stage: ImportStage) => void;

export type CheckInput = z.output<(typeof rosterContract)['roster:preview']['input']>;

export interface Department {
  id: string;
  institutionId: string;
  name: string;
}

interface CheckBase {
  department: Department;
  table: RosterTable;
  mapping: ColumnMapping;
  mappingSource: 'input' | 'remembered' | 'suggested';
  suggested: { mapping: ColumnMapping; unmappedHeaders: string[] };
  knownPrograms: string[] | null;
  unknownPrograms: string[];
  problems: RowProblem[];
  rejectedRows: number[];
  mappingProblems: string[];
}

export type RosterCheck =
  | (CheckBase & { kind: 'students'; rows: PlannedRow<StudentImportRow>[]; assignments: PlannedAssignment[] })
  | (CheckBase & { kind: 'mentors'; rows: PlannedRow<MentorImportRow>[]; assignments: [] });

const FIELDS: Record<RosterKind, readonly string[]> = { students: STUDENT_FIELDS, mentors: MENTOR_FIELDS };

export async function requireDepartment(ctx: AuthedContext, id: string): Promise<Department> {
  const d = await findDepartment(ctx.db, ctx.actor, id);
  if (!d) throw notFound('Department');
  return { id: d.id, institutionId: d.institutionId, name: d.name };
}

async function mappingFor(
  ctx: AuthedContext,
  input: CheckInput,
  headers: readonly string[],
): Promise<Pick<CheckBase, 'mapping' | 'mappingSource' | 'suggested'>> {
  const saved = await readMapping(ctx.db, input.departmentId, input.kind);
  const suggested = saved
    ? reconcileMapping(saved.mapping, headers, input.kind)
    : suggestMapping(headers, input.kind);
  if (input.mapping) {
    const own = new Set(FIELDS[input.kind]);
    const mapping = Object.fromEntries(
      Object.entries(input.mapping as ColumnMappingDto).filter(([f, h]) => own.has(f) && h),
    ) as ColumnMapping;
    return { mapping, mappingSource: 'input', suggested };
  }
  return { mapping: suggested.mapping, mappingSource: saved ? 'remembered' : 'suggested', suggested };
}

/** Programs the department's students already have; null when there are none yet (any is accepted). */
async function knownProgramsOf(
  ctx: AuthedContext,
  departmentId: string,
  accepted: readonly string[],
): Promise<string[] | null> {
  const rows = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select('sp.program')
    .distinct()
    .where('u.departmentId', '=', departmentId)
    .where('sp.program', 'is not', null)
    .execute();
  const known = [...new Set([...rows.map((r) => r.program!), ...accepted])].sort();
  return known.length > 0 ? known : null;
}

function unknownPrograms(table: RosterTable, column: string | undefined, known: string[] | null): string[] {
  if (!column || !known) return [];
  const out = new Map<string, string>();
  for (const r of table.rows) {
    const cell = r.cells[column];
    if (isEmpty(cell) || parseProgram(cell, known).ok) continue;
    const text = cellText(cell).trim().replace(/\s+/g, ' ');
    out.set(text.toLowerCase(), out.get(text.toLowerCase()) ?? text);
  }
  return [...out.values()].sort();
}

/** Moves rows that the assignment step refused from valid to rejected. */
function withExtraProblems<T extends { data: { row: number } }>(
  table: RosterTable,
  v: Pick<RosterValidation<unknown>, 'problems' | 'rejectedRows'>,
  rows: T[],
  extra: RowProblem[],
): { rows: T[]; problems: RowProblem[]; rejectedRows: number[] } {
  if (extra.length === 0) return { rows, problems: v.problems, rejectedRows: v.rejectedRows };
  const order = new Map(table.headers.map((h, i) => [h, i]));
  const problems = [...v.problems, ...extra].sort(
    (a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1),
  );
  const bad = new Set(extra.map((p) => p.row));
  return {
    rows: rows.filter((r) => !bad.has(r.data.row)),
    problems,
    rejectedRows: [...new Set(problems.map((p) => p.row))].sort((a, b) => a - b),
  };
}

/** `lock`: the commit's pass takes MariaDB row locks on the mentors and students it will pair. */
export async function checkRoster(
  ctx: AuthedContext,
  input: CheckInput,
  lock: boolean,
  progress: ImportProgress = () => {},
): Promise<RosterCheck> {
  const department = await requireDepartment(ctx, input.departmentId);
  progress('read');
  const table = await readRosterInput(input.file, input.sheet);
  progress('check');
  const chosen = await mappingFor(ctx, input, table.headers);
  const lookup = databaseLookup(ctx.db, ctx.actor);
  const base = { department, table, ...chosen, knownPrograms: null, unknownPrograms: [] };
  if (input.kind === 'mentors') {
    const mapping = chosen.mapping as ColumnMapping<MentorField>;
    const v = await validateMentorRoster(table, { mapping, lookup, departmentId: department.id });
    progress('plan');
    const rows = await planMentors(ctx.db, mapping, v.valid);
    const { mappingProblems, problems, rejectedRows } = v;
    return { ...base, kind: 'mentors', mappingProblems, problems, rejectedRows, rows, assignments: [] };
  }
  const mapping = chosen.mapping as ColumnMapping<StudentField>;
  const knownPrograms = await knownProgramsOf(ctx, department.id, input.acceptPrograms ?? []);
  const v = await validateStudentRoster(table, {
    mapping,
    knownPrograms: knownPrograms ?? undefined,
    lookup,
    departmentId: department.id,
  });
  progress('plan');
  const planned = await planStudents(ctx.db, mapping, v.valid);
  const plan = await planAssignments(ctx, department.id, planned, mapping.mentorEmail ?? '', lock);
  const folded = withExtraProblems(table, v, planned, plan.problems);
  const kept = new Set(folded.rows.map((r) => r.data.row));
  return {
    ...base,
    kind: 'students',
    knownPrograms,
    unknownPrograms: unknownPrograms(table, mapping.program, knownPrograms),
    mappingProblems: v.mappingProblems,
    ...folded,
    assignments: plan.assignments.filter((a) => kept.has(a.row)),
  };
}
