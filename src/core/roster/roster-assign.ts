import type { AuthedContext } from '../context.ts';
import {
  activeCounts,
  currentLinks,
  findPeople,
  insertAssignment,
  lockUsers,
  type Person,
} from '../assignments/assignments-write.repo.ts';
import { noticeAssigned } from '../assignments/assignments.notices.ts';
import type { PlannedRow } from './roster-plan.ts';
import type { RowProblem, StudentImportRow } from './validate.types.ts';

// The optional mentor column. The assignments feature exports no single-pairing function (its
// assign handler is private), so this applies the same rules with the same repository functions:
// the mentor is an ACTIVE mentor account of the department and not UNAVAILABLE, at most one
// current assignment per student and department, and maxMentees counted across the whole file.
// One deliberate difference: the students an import creates are INVITED (they have not chosen a
// password yet) and may be assigned all the same, or the mentor column would be useless the day
// the roster arrives. An import never reassigns or resumes: a student who already has a mentor
// keeps it, and the row says so.

export interface PlannedAssignment {
  row: number;
  /** Filled in once the row's student exists (a created student has no id before the commit). */
  studentId: string | null;
  studentName: string;
  rollNumber: string;
  mentorId: string;
  mentorName: string;
}

export interface AssignmentPlan {
  assignments: PlannedAssignment[];
  problems: RowProblem[];
}

const nameOf = (r: StudentImportRow): string => `${r.firstName} ${r.lastName}`.trim();

function mentorProblem(mentor: Person | undefined, email: string): string | null {
  if (!mentor) return `No mentor of this department has the email ${email}.`;
  if (mentor.status !== 'ACTIVE') {
    const state = mentor.status === 'INVITED' ? 'has not activated the account yet' : 'is disabled';
    return `The mentor ${email} ${state}: only active mentors can take mentees.`;
  }
  if (mentor.availabilityStatus === 'UNAVAILABLE') {
    return `The mentor ${email} is marked unavailable. Change the mentor's availability first, or choose another mentor.`;
  }
  return null;
}

/**
 * Decides, row by row in file order, which mentor cells create an assignment. Rows whose mentor
 * cannot take them get a problem (the row is rejected); rows whose student already has a current
 * mentor get a note. `lock` takes MariaDB row locks (commit) or not (preview).
 */
export async function planAssignments(
  ctx: AuthedContext,
  departmentId: string,
  rows: readonly PlannedRow<StudentImportRow>[],
  column: string,
  lock: boolean,
): Promise<AssignmentPlan> {
  const wanted = rows.filter((r) => r.data.mentorUserId);
  const mentorIds = [...new Set(wanted.map((r) => r.data.mentorUserId!))];
  const existingIds = wanted.flatMap((r) => (r.data.existingUserId ? [r.data.existingUserId] : []));
  if (lock) await lockUsers(ctx, [...mentorIds, ...existingIds]);
  const counts = await activeCounts(ctx, mentorIds, { lock });
  const links = await currentLinks(ctx, existingIds, departmentId);
  const people = await findPeople(ctx.db, ctx.actor, [
    ...mentorIds,
    ...existingIds,
    ...links.map((l) => l.mentorId),
  ]);
  const plan: AssignmentPlan = { assignments: [], problems: [] };
  for (const r of wanted) {
    const mentorId = r.data.mentorUserId!;
    const mentor = people.get(mentorId);
    const email = r.data.mentorEmail ?? '';
    const problem = (message: string): void =>
      void plan.problems.push({ row: r.data.row, column, value: email, message });
    const issue = mentorProblem(mentor, email);
    if (issue || !mentor) {
      problem(issue ?? '');
      continue;
    }
    const student = r.data.existingUserId ? people.get(r.data.existingUserId) : undefined;
    if (student?.status === 'DISABLED') {
      r.notes.push('The student’s account is disabled, so no mentor was assigned.');
      continue;
    }
    const own = links.filter((l) => l.studentId === r.data.existingUserId);
    if (own.length > 0) {
      r.notes.push(linkNote(own, mentor, people));
      continue;
    }
    const count = counts.get(mentorId) ?? 0;
    const max = mentor.maxMentees ?? 0;
    if (count >= max) {
      problem(
        `The mentor ${email} already has ${count} of ${max} mentees. Raise the mentor's maximum, or choose another mentor.`,
      );
      continue;
    }
    counts.set(mentorId, count + 1);
    plan.assignments.push({
      row: r.data.row,
      studentId: r.data.existingUserId,
      studentName: nameOf(r.data),
      rollNumber: r.data.rollNumber,
      mentorId,
      mentorName: mentor.name,
    });
    r.notes.push(`Will be assigned to ${mentor.name}.`);
  }
  return plan;
}

function linkNote(
  own: { mentorId: string; status: string }[],
  mentor: Person,
  people: Map<string, Person>,
): string {
  const same = own.find((l) => l.mentorId === mentor.id);
  if (same?.status === 'ACTIVE') return `Already mentored by ${mentor.name}.`;
  if (same) return `The assignment to ${mentor.name} is paused; resume it on the Assignments screen.`;
  const other = people.get(own[0]!.mentorId)?.name ?? 'another mentor';
  return `Already has a mentor (${other}); the mentor was not changed. Use Reassign on the Assignments screen.`;
}

/** Creates the planned assignments (students already exist), with their audit rows and notices. */
export async function createAssignments(
  ctx: AuthedContext,
  departmentId: string,
  planned: readonly PlannedAssignment[],
): Promise<number> {
  for (const a of planned) {
    if (!a.studentId) throw new Error(`roster row ${a.row}: assignment planned before its student exists`);
    const values = { mentorId: a.mentorId, studentId: a.studentId, departmentId, notes: null };
    const id = await insertAssignment(ctx, values);
    await ctx.audit({
      entity: 'mentor_assignments',
      entityId: id,
      before: null,
      after: { ...values, status: 'ACTIVE', assignedAt: ctx.now, rosterRow: a.row },
    });
    await noticeAssigned(ctx, {
      assignmentId: id,
      student: { id: a.studentId, name: a.studentName, rollNumber: a.rollNumber },
      mentor: { id: a.mentorId, name: a.mentorName },
    });
  }
  return planned.length;
}
