import type { HandoverSummary } from '../../shared/contract/notes.contract.ts';
import type { AuthedContext } from '../context.ts';
import { parseSourceRef, type RuleRef } from '../alerts/alerts.repo.ts';
import { personName } from '../reports/format.ts';
import { parseActionItems } from '../sessions/action-items.ts';
import { scopeAlerts, scopeGoals, scopeSessions, scopeStudents } from '../scope/index.ts';
import { readNoteSettings, readNotes } from './notes.repo.ts';

// The handover packet (issue 12 item 2): what a new mentor needs on day one, on one page. Every
// section is read through the reader's scope, so the same query serves the new mentor and the HOD.
// RESTRICTED notes are never part of it (the packet is meant to be passed on and printed).

const ruleText = (r: RuleRef): string => {
  const unit = r.unit === '%' ? '%' : r.unit ? ` ${r.unit}` : '';
  return `${r.rule}: ${r.value}${unit} (${r.comparison} ${r.threshold}${unit}) → ${r.level}`;
};

export async function loadHandover(ctx: AuthedContext, studentId: string): Promise<HandoverSummary> {
  const a = ctx.actor;
  const s = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .leftJoin('departments as d', 'd.id', 'u.departmentId')
    .select(['sp.userId', 'sp.rollNumber', 'sp.program', 'sp.yearOfStudy', 'sp.riskLevel', 'sp.gpa'])
    .select(['sp.attendancePct', 'p.firstName', 'p.lastName', 'u.departmentId', 'd.name as department'])
    .where('sp.userId', '=', studentId)
    .where(scopeStudents(a, 'sp'))
    .executeTakeFirstOrThrow();

  // Names of the student's mentors, current and former: a new mentor's assignment scope holds only
  // its own assignment, and knowing whom to ask about the student is the point of a handover.
  const history = await ctx.db
    .selectFrom('mentor_assignments as ma')
    .innerJoin('user_profiles as mp', 'mp.userId', 'ma.mentorId')
    .select(['ma.status', 'ma.endedAt', 'mp.firstName', 'mp.lastName', 'mp.title'])
    .where('ma.studentId', '=', studentId)
    .orderBy('ma.endedAt', 'desc')
    .orderBy('ma.assignedAt', 'desc')
    .execute();
  const current = history.filter((x) => x.status !== 'ENDED').map(personName);
  const previous = history.find((x) => x.status === 'ENDED');

  const goals = await ctx.db
    .selectFrom('goals as g')
    .select(['g.title', 'g.status', 'g.progressPct', 'g.targetDate'])
    .where('g.studentId', '=', studentId)
    .where('g.status', '!=', 'COMPLETED')
    .where(scopeGoals(a, 'g'))
    .orderBy('g.targetDate')
    .orderBy('g.id')
    .execute();

  const alerts = await ctx.db
    .selectFrom('alerts as al')
    .select(['al.createdAt', 'al.severity', 'al.category', 'al.message', 'al.sourceRef'])
    .where('al.studentId', '=', studentId)
    .where('al.status', '=', 'OPEN')
    .where(scopeAlerts(a, 'al'))
    .orderBy('al.createdAt', 'desc')
    .execute();

  const sessions = await ctx.db
    .selectFrom('session_records as sr')
    .innerJoin('mentor_assignments as ma', 'ma.id', 'sr.assignmentId')
    .innerJoin('user_profiles as mp', 'mp.userId', 'ma.mentorId')
    .select(['sr.sessionDate', 'sr.topic', 'sr.actionItems', 'mp.firstName', 'mp.lastName', 'mp.title'])
    .where('ma.studentId', '=', studentId)
    .where('sr.status', '=', 'COMPLETED')
    .where(scopeSessions(a, 'sr'))
    .orderBy('sr.sessionDate', 'desc')
    .orderBy('sr.id', 'desc')
    .limit(5)
    .execute();

  const reasons: string[] = [];
  for (const al of alerts) {
    const ref = parseSourceRef(al.sourceRef);
    if (ref?.source === 'risk-engine' && Array.isArray(ref.rules)) reasons.push(...ref.rules.map(ruleText));
  }
  if (reasons.length === 0) {
    reasons.push(
      s.riskLevel === 'LOW'
        ? 'No risk rule fires for this student.'
        : `Risk level ${s.riskLevel} as last evaluated (CGPA ${s.gpa ?? '—'}, attendance ${s.attendancePct ?? '—'}%).`,
    );
  }

  const settings = s.departmentId
    ? await readNoteSettings(ctx.db, s.departmentId)
    : { notesFollowHandover: false, isDefault: true };
  const notes = await readNotes(ctx, [studentId], { staffOnly: true });

  return {
    student: {
      id: s.userId,
      name: personName(s),
      rollNumber: s.rollNumber,
      program: s.program,
      yearOfStudy: s.yearOfStudy,
      department: s.department ?? null,
    },
    risk: { level: s.riskLevel, reasons: [...new Set(reasons)] },
    currentMentors: [...new Set(current)],
    previousMentor: previous ? personName(previous) : null,
    openGoals: goals.map((g) => ({
      title: g.title,
      status: g.status,
      progressPct: Number(g.progressPct),
      targetDate: g.targetDate,
    })),
    openAlerts: alerts.map((al) => ({
      createdAt: al.createdAt,
      severity: al.severity,
      category: al.category,
      message: al.message,
    })),
    lastSessions: sessions.map((x) => ({
      date: x.sessionDate,
      topic: x.topic,
      mentor: personName(x),
      actionItems: parseActionItems(x.actionItems).map((i) => ({ text: i.text, done: i.done })),
    })),
    staffNotes: notes.map((n) => ({
      createdAt: n.createdAt,
      author: n.authorName,
      category: n.category,
      body: n.body,
    })),
    notesFollowHandover: settings.notesFollowHandover,
    generatedAt: ctx.now,
  };
}
