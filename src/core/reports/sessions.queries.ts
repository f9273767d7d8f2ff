import { sql } from 'kysely';
import type { Attendance, SessionMode, SessionStatus } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { scopeSessions, sessionSummary } from '../scope/index.ts';
import { personName } from './format.ts';
import type { Period } from './period.ts';
import { inTargetDepartments, type ReportTarget } from './target.queries.ts';

// The session register: sessions dated in the period, of assignments in the report's department
// (or institution), optionally one mentor's or one student's, always within scopeSessions. The
// summary comes through sessionSummary(), so a note the reader may not see is null in SQL.

export interface SessionRow {
  id: string;
  sessionDate: string;
  mode: SessionMode;
  topic: string;
  attendance: Attendance;
  status: SessionStatus;
  summary: string | null;
  actionsDone: number;
  actionsOpen: number;
  mentorId: string;
  mentorName: string;
  studentName: string;
  rollNumber: string;
}

/**
 * The most sessions one register prints. pdfmake lays out the whole document in memory: peak RSS
 * grows by about 50 MB per 1,000 sessions (bench/reports.bench.ts: ~440 MB at 5,000, ~680 MB at
 * 10,000), so the cap keeps a report under ~800 MB; longer spans are printed per mentor or period.
 */
export const MAX_REGISTER_ROWS = 12_000;

/** Counts of done and open items in session_records.actionItems (JSON `[{ text, done }]`). */
export function countActionItems(json: string | null): { done: number; open: number } {
  if (!json) return { done: 0, open: 0 };
  try {
    const items: unknown = JSON.parse(json);
    if (!Array.isArray(items)) return { done: 0, open: 0 };
    const done = items.filter((i) => (i as { done?: unknown })?.done === true).length;
    return { done, open: items.length - done };
  } catch {
    // A malformed list (hand-edited central row) prints as no items rather than failing the report.
    return { done: 0, open: 0 };
  }
}

function sessionsQuery(ctx: AuthedContext, t: ReportTarget, p: Period) {
  let q = ctx.db
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .where(scopeSessions(ctx.actor, 's'))
    .where('s.sessionDate', '>=', p.startIso)
    .where('s.sessionDate', '<', p.endIso)
    .where(inTargetDepartments(t, sql.ref('a.departmentId')));
  if (t.mentor) q = q.where('a.mentorId', '=', t.mentor.id);
  if (t.student) q = q.where('a.studentId', '=', t.student.id);
  return q;
}

export async function countSessions(ctx: AuthedContext, t: ReportTarget, p: Period): Promise<number> {
  const row = await sessionsQuery(ctx, t, p)
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function loadSessionRows(
  ctx: AuthedContext,
  t: ReportTarget,
  p: Period,
  includeSummaries: boolean,
): Promise<SessionRow[]> {
  const n = await countSessions(ctx, t, p);
  if (n > MAX_REGISTER_ROWS) {
    throw invalid(
      'from',
      `The period has ${n.toLocaleString('en-US')} sessions; one printed register holds at most ${MAX_REGISTER_ROWS.toLocaleString('en-US')}. Choose a shorter period or one mentor.`,
    );
  }
  const summary = includeSummaries ? sessionSummary(ctx.actor, 's') : sql<string | null>`null`;
  const rows = await sessionsQuery(ctx, t, p)
    .innerJoin('user_profiles as mp', 'mp.userId', 'a.mentorId')
    .innerJoin('user_profiles as up', 'up.userId', 'a.studentId')
    .innerJoin('student_profiles as st', 'st.userId', 'a.studentId')
    .select([
      's.id',
      's.sessionDate',
      's.mode',
      's.topic',
      's.attendance',
      's.status',
      's.actionItems',
      summary.as('summary'),
      'a.mentorId',
      'mp.firstName as mFirst',
      'mp.lastName as mLast',
      'mp.title as mTitle',
      'up.firstName as sFirst',
      'up.lastName as sLast',
      'st.rollNumber',
    ])
    .orderBy(sql`lower(${sql.ref('mp.firstName')})`)
    .orderBy(sql`lower(${sql.ref('mp.lastName')})`)
    .orderBy('a.mentorId')
    .orderBy('s.sessionDate')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => {
    const items = countActionItems(r.actionItems);
    return {
      id: r.id,
      sessionDate: r.sessionDate,
      mode: r.mode,
      topic: r.topic,
      attendance: r.attendance,
      status: r.status,
      summary: r.summary,
      actionsDone: items.done,
      actionsOpen: items.open,
      mentorId: r.mentorId,
      mentorName: personName({ firstName: r.mFirst, lastName: r.mLast, title: r.mTitle }),
      studentName: personName({ firstName: r.sFirst, lastName: r.sLast }),
      rollNumber: r.rollNumber,
    };
  });
}
