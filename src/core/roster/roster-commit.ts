import type { z } from 'zod';
import type { RosterCommitResult, rosterContract } from '../../shared/contract/roster.contract.ts';
import type { AuditEntry, AuthedContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { evaluateStudents } from '../risk/engine.ts';
import { newStudentFacts } from '../risk/facts.repo.ts';
import type { StudentFacts } from '../risk/rules.ts';
import { invitedPasswordHash } from '../users/users-create.ts';
import { roleId } from '../users/users.repo.ts';
import {
  insertMentorProfiles,
  insertStudentProfiles,
  insertUsers,
  type NewUser,
} from '../users/users-write.repo.ts';
import { auditMany } from '../audit/audit-batch.ts';
import { saveMapping } from './mappings.repo.ts';
import { importProgress } from './import-progress.ts';
import { createAssignments } from './roster-assign.ts';
import { checkRoster, type RosterCheck } from './roster-check.ts';
import { applyChanges, changeAudit } from './roster-update.ts';
import type { PlannedRow } from './roster-plan.ts';
import type { MentorImportRow, RowProblem, StudentImportRow } from './validate.types.ts';

// roster:commit. dispatch runs a write call in ONE transaction (users, profiles, assignments,
// audit rows, notifications, risk results, the remembered mapping): any failure, including a
// unique key hit by a row that raced in after validation, rolls all of it back.

export type CommitInput = z.output<(typeof rosterContract)['roster:commit']['input']>;

const MAX_ISSUES = 100;

function refuse(check: RosterCheck): never {
  if (check.mappingProblems.length > 0) {
    throw new AppError(
      'VALIDATION',
      'The columns are not chosen correctly, so nothing was imported. Check the column choices and try again.',
      check.mappingProblems.map((message) => ({ path: 'mapping', message })),
    );
  }
  const n = check.rejectedRows.length;
  throw new AppError(
    'VALIDATION',
    `${n} ${n === 1 ? 'row has' : 'rows have'} problems, so nothing was imported. Fix ${n === 1 ? 'it' : 'them'} (the error report lists each one) or choose to skip invalid rows.`,
    check.problems.slice(0, MAX_ISSUES).map((p: RowProblem) => ({
      path: `row ${p.row}${p.column ? ` · ${p.column}` : ''}`,
      message: p.message,
    })),
  );
}

function newAccount(
  ctx: AuthedContext,
  check: RosterCheck,
  roleIdValue: number,
  r: StudentImportRow | MentorImportRow,
): NewUser {
  const id = ctx.ids();
  return {
    id,
    email: r.email,
    roleId: roleIdValue,
    institutionId: check.department.institutionId,
    departmentId: check.department.id,
    // The account's own id makes the placeholder unique without a second random id per row
    // (10,000 rows → 10,000 fewer calls to the system's random source).
    passwordHash: invitedPasswordHash(() => id),
    status: 'INVITED',
    firstName: r.firstName,
    lastName: r.lastName,
    title: 'title' in r ? (r.title ?? null) : null,
    phone: r.phone ?? null,
  };
}

const createdAudit = (u: NewUser, role: string, row: number, profile: object): AuditEntry => ({
  entity: 'users',
  entityId: u.id,
  before: null,
  after: {
    email: u.email,
    role,
    status: u.status,
    institutionId: u.institutionId,
    departmentId: u.departmentId,
    firstName: u.firstName,
    lastName: u.lastName,
    ...profile,
    rosterRow: row,
  },
});

interface Written {
  created: number;
  updated: number;
  audit: AuditEntry[];
  /** Existing students whose GPA or attendance changed: the risk rules read those. */
  riskIds: string[];
  /** Created students with a GPA or attendance, with their facts (nothing to read back). */
  riskCreated: StudentFacts[];
  assignments: number;
}

async function writeStudents(
  ctx: AuthedContext,
  check: Extract<RosterCheck, { kind: 'students' }>,
): Promise<Written> {
  const creates = check.rows.filter((r) => r.action === 'create');
  const rid = await roleId(ctx.db, 'STUDENT');
  const users = creates.map((r) => newAccount(ctx, check, rid, r.data));
  const profiles = creates.map((r, i) => {
    const { rollNumber, program, yearOfStudy, gpa, attendancePct } = r.data;
    return { userId: users[i]!.id, rollNumber, program, yearOfStudy, gpa, attendancePct };
  });
  await insertUsers(ctx.db, users, ctx.now);
  await insertStudentProfiles(ctx.db, profiles, ctx.now);
  const audit = users.map((u, i) => {
    const { userId: _userId, ...student } = profiles[i]!;
    return createdAudit(u, 'STUDENT', creates[i]!.data.row, { student });
  });
  const updates = check.rows.filter((r) => r.action === 'update');
  for (const r of updates) await applyChanges(ctx, r.data.existingUserId!, r.changes);
  audit.push(...updates.map((r) => changeAudit(r.data.existingUserId!, r.data.row, r.changes)));
  const idByRow = new Map(creates.map((r, i) => [r.data.row, users[i]!.id]));
  const planned = check.assignments.map((a) => ({
    ...a,
    studentId: a.studentId ?? idByRow.get(a.row) ?? null,
  }));
  const assignments = await createAssignments(ctx, check.department.id, planned);
  // createAssignments makes every planned pairing ACTIVE as of the call's instant.
  const assigned = new Set(planned.map((a) => a.studentId));
  const riskCreated = creates
    .filter((r) => r.data.gpa !== undefined || r.data.attendancePct !== undefined)
    .map((r) => {
      const studentId = idByRow.get(r.data.row)!;
      return newStudentFacts({
        studentId,
        departmentId: check.department.id,
        gpa: r.data.gpa ?? null,
        attendancePct: r.data.attendancePct ?? null,
        assignedAt: assigned.has(studentId) ? ctx.now : null,
      });
    });
  const riskIds = updates
    .filter((r) => r.changes.some((c) => c.field === 'gpa' || c.field === 'attendancePct'))
    .map((r) => r.data.existingUserId!);
  return { created: creates.length, updated: updates.length, audit, riskIds, riskCreated, assignments };
}

async function writeMentors(
  ctx: AuthedContext,
  check: Extract<RosterCheck, { kind: 'mentors' }>,
): Promise<Written> {
  const creates = check.rows.filter((r) => r.action === 'create');
  const rid = await roleId(ctx.db, 'MENTOR');
  const users = creates.map((r) => newAccount(ctx, check, rid, r.data));
  const profiles = creates.map((r, i) => {
    const { designation, specialization, maxMentees } = r.data;
    return { userId: users[i]!.id, designation, specialization, maxMentees };
  });
  await insertUsers(ctx.db, users, ctx.now);
  await insertMentorProfiles(ctx.db, profiles, ctx.now);
  const audit = users.map((u, i) => {
    const { userId: _userId, ...mentor } = profiles[i]!;
    return createdAudit(u, 'MENTOR', creates[i]!.data.row, { title: u.title, mentor });
  });
  const updates = check.rows.filter((r) => r.action === 'update');
  for (const r of updates) await applyChanges(ctx, r.data.existingUserId!, r.changes);
  audit.push(...updates.map((r) => changeAudit(r.data.existingUserId!, r.data.row, r.changes)));
  return {
    created: creates.length,
    updated: updates.length,
    audit,
    riskIds: [],
    riskCreated: [],
    assignments: 0,
  };
}

const UNIQUE_HIT = ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'ER_DUP_ENTRY'];

/**
 * The writes. Validation ran in this transaction, so a unique key can only be hit by a row another
 * office committed meanwhile; the whole import is then rolled back and the clerk told why.
 */
async function write(ctx: AuthedContext, check: RosterCheck): Promise<Written> {
  try {
    return check.kind === 'students' ? await writeStudents(ctx, check) : await writeMentors(ctx, check);
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !UNIQUE_HIT.includes(code)) throw err;
    throw new AppError(
      'CONFLICT',
      'Someone added an account with one of these emails or roll numbers while the import ran, so nothing was imported. Check the file again and retry.',
    );
  }
}

const notesOf = (rows: readonly PlannedRow<{ row: number }>[]) =>
  rows.flatMap((r) => r.notes.map((message) => ({ row: r.data.row, message })));

export async function commitRoster(ctx: AuthedContext, input: CommitInput): Promise<RosterCommitResult> {
  const progress = importProgress(input.taskId, 'commit');
  const check = await checkRoster(ctx, input, true, progress);
  if (check.mappingProblems.length > 0) refuse(check);
  if (input.mode === 'abort-on-error' && check.rejectedRows.length > 0) refuse(check);
  progress('write');
  const written = await write(ctx, check);
  progress('risk');
  // One risk run over every student whose academics the import set or changed (batched writes).
  const risk =
    written.riskIds.length + written.riskCreated.length > 0
      ? await evaluateStudents(ctx, written.riskIds, written.riskCreated)
      : null;
  progress('finish');
  const rows = check.rows as PlannedRow<{ row: number }>[];
  const result: RosterCommitResult = {
    created: written.created,
    updated: written.updated,
    unchanged: rows.filter((r) => r.action === 'unchanged').length,
    skipped: check.rejectedRows.length,
    assignmentsCreated: written.assignments,
    riskEvaluated: risk?.evaluated ?? 0,
    errors: check.problems,
    notes: notesOf(rows),
  };
  const { errors: _errors, notes: _notes, ...counts } = result;
  await auditMany(ctx, [
    ...written.audit,
    {
      entity: 'departments',
      entityId: check.department.id,
      after: {
        kind: input.kind,
        fileName: input.file.name,
        sheet: check.table.sheetName ?? null,
        mode: input.mode,
        ...counts,
      },
    },
  ]);
  await saveMapping(ctx.db, {
    departmentId: check.department.id,
    kind: input.kind,
    mapping: check.mapping,
    userId: ctx.actor.userId,
    now: ctx.now,
  });
  progress('done');
  return result;
}
