import type { AuthedContext } from '../context.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { scopeDepartments } from '../scope/index.ts';
import { activeCounts, currentLinks, findPeople, type Person } from './assignments-write.repo.ts';

// The assignment rules (ROLES.md DEPARTMENT_ADMIN "mentor assignments ... respecting maxMentees
// unless overridden with a reason"; issue 4: "a student has at most one ACTIVE assignment per
// department"). Every check runs inside the call's transaction after lockUsers.

export async function requireDepartment(ctx: AuthedContext, departmentId: string): Promise<void> {
  const d = await ctx.db
    .selectFrom('departments as d')
    .select('d.id')
    .where(scopeDepartments(ctx.actor, 'd'))
    .where('d.id', '=', departmentId)
    .executeTakeFirst();
  if (!d) throw notFound('Department');
}

function requireActiveMember(
  p: Person,
  role: 'MENTOR' | 'STUDENT',
  departmentId: string,
  field: string,
): void {
  const what = role === 'MENTOR' ? 'a mentor' : 'a student';
  if (p.role !== role) throw invalid(field, `${p.name || 'This person'} is not ${what} account.`);
  if (p.status !== 'ACTIVE') {
    throw invalid(
      field,
      `${p.name}’s account is ${p.status.toLowerCase()}: only active accounts can be assigned.`,
    );
  }
  if (p.departmentId !== departmentId) throw invalid(field, `${p.name} belongs to another department.`);
}

/** The student and mentor of a new pairing, checked: active accounts of the right role and department. */
export async function loadPair(
  ctx: AuthedContext,
  ids: { studentId: string; mentorId: string },
  departmentId: string | undefined,
): Promise<{ student: Person; mentor: Person; departmentId: string }> {
  const people = await findPeople(ctx.db, ctx.actor, [ids.studentId, ids.mentorId]);
  const student = people.get(ids.studentId);
  if (!student) throw notFound('Student');
  const dept = departmentId ?? student.departmentId;
  if (!dept) throw invalid('departmentId', `${student.name} has no department: choose one.`);
  await requireDepartment(ctx, dept);
  requireActiveMember(student, 'STUDENT', dept, 'studentId');
  const mentor = people.get(ids.mentorId);
  if (!mentor) throw notFound('Mentor');
  requireActiveMember(mentor, 'MENTOR', dept, 'mentorId');
  return { student, mentor, departmentId: dept };
}

export async function loadMentor(
  ctx: AuthedContext,
  mentorId: string,
  departmentId: string,
): Promise<Person> {
  const mentor = (await findPeople(ctx.db, ctx.actor, [mentorId])).get(mentorId);
  if (!mentor) throw notFound('Mentor');
  requireActiveMember(mentor, 'MENTOR', departmentId, 'mentorId');
  return mentor;
}

/**
 * At most one ACTIVE assignment per student and department. A paused pairing with the same mentor
 * is resumed, not duplicated. `except` is the assignment being replaced or resumed.
 */
export async function requireNoActiveLink(
  ctx: AuthedContext,
  student: { id: string; name: string },
  departmentId: string,
  opts: { mentorId?: string; except?: string } = {},
): Promise<void> {
  const links = (await currentLinks(ctx, [student.id], departmentId)).filter((l) => l.id !== opts.except);
  if (links.some((l) => l.status === 'ACTIVE')) {
    throw conflict(
      `${student.name} already has an active mentor in this department. Use Reassign to change the mentor.`,
    );
  }
  if (opts.mentorId && links.some((l) => l.mentorId === opts.mentorId)) {
    throw conflict(`${student.name}’s assignment to this mentor is paused: resume it instead.`);
  }
}

export interface OverrideRecord {
  reason: string;
  activeMentees: number;
  maxMentees: number;
  availabilityStatus: string;
}

/**
 * maxMentees and an UNAVAILABLE mark stop an assignment unless an admin gives a reason. Returns
 * what was overridden (for the audit row), or null when nothing needed overriding.
 */
export async function checkCapacity(
  ctx: AuthedContext,
  mentor: Person,
  override: { reason: string } | undefined,
): Promise<OverrideRecord | null> {
  const active = (await activeCounts(ctx, [mentor.id])).get(mentor.id) ?? 0;
  const max = mentor.maxMentees ?? 0;
  const problems: string[] = [];
  if (mentor.availabilityStatus === 'UNAVAILABLE') problems.push(`${mentor.name} is marked unavailable`);
  if (active >= max) problems.push(`${mentor.name} already has ${active} of ${max} mentees`);
  if (problems.length === 0) return null;
  if (!override) {
    const message = `${problems.join(', and ')}. Choose another mentor, or override with a reason.`;
    throw new AppError('CONFLICT', message, [{ path: 'override', message }]);
  }
  return {
    reason: override.reason,
    activeMentees: active,
    maxMentees: max,
    availabilityStatus: mentor.availabilityStatus ?? 'AVAILABLE',
  };
}
