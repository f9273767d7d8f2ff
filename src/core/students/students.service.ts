import type { z } from 'zod';
import type { StudentDetail, studentsContract } from '../../shared/contract/students.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { evaluateStudentRisk } from '../risk/engine.ts';
import { canManageUser } from '../scope/index.ts';
import { findStudent, listStudents, updateAcademics, type AcademicChanges } from './students.repo.ts';

type In<K extends keyof typeof studentsContract> = z.output<(typeof studentsContract)[K]['input']>;

const ACADEMIC_KEYS = ['gpa', 'attendancePct', 'program', 'yearOfStudy'] as const;

async function get(ctx: AuthedContext, id: string): Promise<StudentDetail> {
  const student = await findStudent(ctx.db, ctx.actor, id);
  if (!student) throw notFound('Student');
  return student;
}

/**
 * ROLES.md DEPARTMENT_ADMIN: "student academic fields (gpa, attendancePct, program, yearOfStudy)";
 * MENTOR: "Cannot edit student academic fields" (refused by the contract's roles).
 */
async function updateAcademicsCall(
  ctx: AuthedContext,
  input: In<'students:update-academics'>,
): Promise<StudentDetail> {
  const before = await get(ctx, input.id);
  const target = {
    id: before.id,
    role: 'STUDENT' as const,
    institutionId: before.institutionId,
    departmentId: before.departmentId,
  };
  if (!canManageUser(ctx.actor, target)) throw forbidden('You cannot change this student’s academic record.');
  const changes: AcademicChanges = {};
  for (const k of ACADEMIC_KEYS) if (input[k] !== undefined) Object.assign(changes, { [k]: input[k] });
  await updateAcademics(ctx.db, before.id, changes, ctx.now);
  const previous = Object.fromEntries(
    Object.keys(changes).map((k) => [k, before[k as keyof AcademicChanges]]),
  );
  await ctx.audit({ entity: 'student_profiles', entityId: before.id, before: previous, after: changes });
  // GPA and attendance feed the risk rules: level and alerts change in the same transaction.
  if (changes.gpa !== undefined || changes.attendancePct !== undefined)
    await evaluateStudentRisk(ctx, before.id);
  return resultOf(ctx, () => get(ctx, before.id));
}

export const studentsHandlers: HandlersFor<typeof studentsContract> = {
  'students:list': (ctx, input) => listStudents(ctx.db, ctx.actor, input),
  'students:get': (ctx, input) => get(ctx, input.id),
  'students:update-academics': updateAcademicsCall,
};
