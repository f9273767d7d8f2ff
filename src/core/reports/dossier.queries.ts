import { sql } from 'kysely';
import type { AuthedContext } from '../context.ts';
import { isAdminRole } from '../auth/actor.ts';
import { notFound } from '../errors.ts';
import {
  assignmentNotes,
  scopeAssignments,
  scopeGoals,
  scopeSessions,
  scopeStudents,
  sessionSummary,
} from '../scope/index.ts';
import { personName } from './format.ts';
import type { Period } from './period.ts';
import { parseActionItems } from '../sessions/action-items.ts';
import { countActionItems } from './sessions.queries.ts';
import { alerts, attachments, byStudent, feedback, inPeriod } from './dossier-records.queries.ts';
import type { DossierData } from './dossier.types.ts';

export type { DossierData };

// One student's dossier. Every section is read through its own scope predicate, so the same
// query gives an admin the whole file, a mentor what it may see of its mentee (its own
// assignments and sessions, feedback addressed to its side or given by it, never feedback
// confidential to the department) and a student its own record without staff-only data
// (summaries, assignment notes and alerts come back null or empty from SQL).
// With a period, sessions and their feedback are those dated in it and alerts those raised in it.

type Rows<K extends keyof DossierData> = Map<string, Exclude<DossierData[K], null>>;

async function profiles(ctx: AuthedContext, studentIds: readonly string[]): Promise<Rows<'profile'>> {
  const rows = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .select([
      'sp.userId',
      'u.email',
      'p.firstName',
      'p.lastName',
      'p.phone',
      'sp.rollNumber',
      'sp.program',
      'sp.yearOfStudy',
    ])
    .select(['sp.gpa', 'sp.attendancePct', 'sp.riskLevel', 'd.name as department'])
    .where('sp.userId', 'in', [...studentIds])
    .where(scopeStudents(ctx.actor, 'sp'))
    .execute();
  const out: Rows<'profile'> = new Map();
  for (const r of rows)
    out.set(r.userId, {
      name: personName(r),
      email: r.email,
      phone: r.phone,
      rollNumber: r.rollNumber,
      program: r.program,
      yearOfStudy: r.yearOfStudy,
      gpa: r.gpa === null ? null : Number(r.gpa),
      attendancePct: r.attendancePct === null ? null : Number(r.attendancePct),
      riskLevel: r.riskLevel,
      department: r.department ?? null,
    });
  return out;
}

async function assignments(ctx: AuthedContext, studentIds: readonly string[]): Promise<Rows<'assignments'>> {
  const rows = await ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.studentId', 'a.status', 'a.assignedAt', 'a.endedAt'])
    .select([assignmentNotes(ctx.actor, 'a').as('notes'), 'mp.firstName', 'mp.lastName', 'mp.title'])
    .where('a.studentId', 'in', [...studentIds])
    .where(scopeAssignments(ctx.actor, 'a'))
    .orderBy('a.assignedAt')
    .orderBy('a.id')
    .execute();
  return byStudent(studentIds, rows, (r) => ({
    mentor: personName(r),
    status: r.status,
    assignedAt: r.assignedAt,
    endedAt: r.endedAt,
    notes: r.notes,
  }));
}

async function sessions(
  ctx: AuthedContext,
  studentIds: readonly string[],
  p: Period | null,
  showSummary: boolean,
): Promise<Rows<'sessions'>> {
  const rows = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.studentId', 's.id', 's.sessionDate', 's.mode', 's.topic', 's.attendance', 's.status'])
    .select(['s.actionItems'])
    .select([(showSummary ? sessionSummary(ctx.actor, 's') : sql<string | null>`null`).as('summary')])
    .select(['mp.firstName', 'mp.lastName', 'mp.title'])
    .where('a.studentId', 'in', [...studentIds])
    .where(scopeSessions(ctx.actor, 's'))
    .where(inPeriod('s.sessionDate', p))
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .execute();
  return byStudent(studentIds, rows, (r) => {
    const items = countActionItems(r.actionItems);
    return {
      id: r.id,
      date: r.sessionDate,
      mentor: personName(r),
      mode: r.mode,
      topic: r.topic,
      summary: r.summary,
      attendance: r.attendance,
      status: r.status,
      actionsDone: items.done,
      actionsOpen: items.open,
      actionItems: parseActionItems(r.actionItems),
    };
  });
}

async function goals(ctx: AuthedContext, studentIds: readonly string[]): Promise<Rows<'goals'>> {
  const rows = await ctx.db
    .selectFrom('goals as g')
    .select(['g.studentId', 'g.id', 'g.title', 'g.category', 'g.status', 'g.progressPct', 'g.targetDate'])
    // goal_updates' scope follows its goal (scopeGoalUpdates), and g passes scopeGoals, so the
    // goal's own updates need no second predicate (which would scan every update in scope).
    .select((eb) =>
      eb
        .selectFrom('goal_updates as gu')
        .select('gu.note')
        .whereRef('gu.goalId', '=', 'g.id')
        .orderBy('gu.createdAt', 'desc')
        .orderBy('gu.id', 'desc')
        .limit(1)
        .as('note'),
    )
    .where('g.studentId', 'in', [...studentIds])
    .where(scopeGoals(ctx.actor, 'g'))
    .orderBy('g.createdAt')
    .orderBy('g.id')
    .execute();
  return byStudent(studentIds, rows, (r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    status: r.status,
    progressPct: Number(r.progressPct),
    targetDate: r.targetDate,
    lastNote: r.note ?? null,
  }));
}

/**
 * The dossiers of students the reader may see (checked by the caller before this runs), each as
 * loadDossier reads it alone. One query per section for all of them: the sections' scope
 * predicates cost about as much to evaluate for one student as for a class.
 */
export async function loadDossiers(
  ctx: AuthedContext,
  studentIds: readonly string[],
  p: Period | null,
): Promise<Map<string, DossierData>> {
  const showSummary = isAdminRole(ctx.actor.role) || ctx.actor.role === 'MENTOR';
  const profile = await profiles(ctx, studentIds);
  const assigned = await assignments(ctx, studentIds);
  const held = await sessions(ctx, studentIds, p, showSummary);
  const set = await goals(ctx, studentIds);
  const given = await feedback(ctx, studentIds, p);
  const raised = await alerts(ctx, studentIds, p);
  const out = new Map<string, DossierData>();
  for (const id of studentIds) {
    const student = profile.get(id);
    if (!student) throw notFound('Student');
    out.set(id, {
      profile: student,
      assignments: assigned.get(id)!,
      sessions: held.get(id)!,
      goals: set.get(id)!,
      feedback: given.get(id)!,
      alerts: raised ? raised.get(id)! : null,
      attachments: await attachments(ctx, id),
      showSummary,
    });
  }
  return out;
}

/** The dossier of a student the reader may see (checked by resolveTarget before this runs). */
export async function loadDossier(
  ctx: AuthedContext,
  studentId: string,
  p: Period | null,
): Promise<DossierData> {
  return (await loadDossiers(ctx, [studentId], p)).get(studentId)!;
}
