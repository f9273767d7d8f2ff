import { sql } from 'kysely';
import type { AuthedContext } from '../context.ts';
import { isAdminRole } from '../auth/actor.ts';
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
import { countActionItems } from './sessions.queries.ts';
import { alerts, attachments, feedback, inPeriod } from './dossier-records.queries.ts';
import type { DossierData } from './dossier.types.ts';

export type { DossierData };

// One student's dossier. Every section is read through its own scope predicate, so the same
// query gives an admin the whole file, a mentor what it may see of its mentee (its own
// assignments and sessions, feedback addressed to its side or given by it, never feedback
// confidential to the department) and a student its own record without staff-only data
// (summaries, assignment notes and alerts come back null or empty from SQL).
// With a period, sessions and their feedback are those dated in it and alerts those raised in it.

async function profile(ctx: AuthedContext, studentId: string): Promise<DossierData['profile']> {
  const r = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .select([
      'u.email',
      'p.firstName',
      'p.lastName',
      'p.phone',
      'sp.rollNumber',
      'sp.program',
      'sp.yearOfStudy',
    ])
    .select(['sp.gpa', 'sp.attendancePct', 'sp.riskLevel', 'd.name as department'])
    .where('sp.userId', '=', studentId)
    .where(scopeStudents(ctx.actor, 'sp'))
    .executeTakeFirstOrThrow();
  return {
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
  };
}

async function assignments(ctx: AuthedContext, studentId: string): Promise<DossierData['assignments']> {
  const rows = await ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['a.status', 'a.assignedAt', 'a.endedAt', assignmentNotes(ctx.actor, 'a').as('notes')])
    .select(['mp.firstName', 'mp.lastName', 'mp.title'])
    .where('a.studentId', '=', studentId)
    .where(scopeAssignments(ctx.actor, 'a'))
    .orderBy('a.assignedAt')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    mentor: personName(r),
    status: r.status,
    assignedAt: r.assignedAt,
    endedAt: r.endedAt,
    notes: r.notes,
  }));
}

async function sessions(
  ctx: AuthedContext,
  studentId: string,
  p: Period | null,
  showSummary: boolean,
): Promise<DossierData['sessions']> {
  const rows = await ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .select(['s.id', 's.sessionDate', 's.mode', 's.topic', 's.attendance', 's.status', 's.actionItems'])
    .select([(showSummary ? sessionSummary(ctx.actor, 's') : sql<string | null>`null`).as('summary')])
    .select(['mp.firstName', 'mp.lastName', 'mp.title'])
    .where('a.studentId', '=', studentId)
    .where(scopeSessions(ctx.actor, 's'))
    .where(inPeriod('s.sessionDate', p))
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => {
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
    };
  });
}

async function goals(ctx: AuthedContext, studentId: string): Promise<DossierData['goals']> {
  const rows = await ctx.db
    .selectFrom('goals as g')
    .select(['g.id', 'g.title', 'g.category', 'g.status', 'g.progressPct', 'g.targetDate'])
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
    .where('g.studentId', '=', studentId)
    .where(scopeGoals(ctx.actor, 'g'))
    .orderBy('g.createdAt')
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    status: r.status,
    progressPct: Number(r.progressPct),
    targetDate: r.targetDate,
    lastNote: r.note ?? null,
  }));
}

/** The dossier of a student the reader may see (checked by resolveTarget before this runs). */
export async function loadDossier(
  ctx: AuthedContext,
  studentId: string,
  p: Period | null,
): Promise<DossierData> {
  const showSummary = isAdminRole(ctx.actor.role) || ctx.actor.role === 'MENTOR';
  return {
    profile: await profile(ctx, studentId),
    assignments: await assignments(ctx, studentId),
    sessions: await sessions(ctx, studentId, p, showSummary),
    goals: await goals(ctx, studentId),
    feedback: await feedback(ctx, studentId, p),
    alerts: await alerts(ctx, studentId, p),
    attachments: await attachments(ctx, studentId),
    showSummary,
  };
}
