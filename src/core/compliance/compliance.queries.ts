import type { Kysely } from 'kysely';
import type {
  ComplianceMentee,
  ComplianceMentor,
  ComplianceNorms,
  ComplianceSheet,
  Semester,
} from '../../shared/contract/compliance.contract.ts';
import type { Database } from '../db/schema.ts';
import { personName } from '../reports/format.ts';
import { TRUE, type Predicate } from '../scope/index.ts';
import { wholeDays } from './semester.ts';

// The compliance sheet of one department: every ACTIVE pairing (PAUSED ones are on hold and owe no
// meetings), meetings held this semester, days since the last contact for HIGH-risk students, and
// per mentor the load against the maximum. Pure counting over rows read in three queries.

export interface SheetParams {
  departmentId: string;
  departmentName: string;
  semester: Semester;
  /** The instant the sheet is "as of": meetings up to it count; days without contact run to it. */
  asOf: string;
  norms: ComplianceNorms;
  /** Limits the pairings (the reader's scope on `a`, mentor_assignments). */
  scope?: Predicate;
  mentorId?: string;
}

export async function loadSheet(db: Kysely<Database>, p: SheetParams): Promise<ComplianceSheet> {
  let q = db
    .selectFrom('mentor_assignments as a')
    .innerJoin('student_profiles as sp', 'sp.userId', 'a.studentId')
    .innerJoin('user_profiles as s', 's.userId', 'a.studentId')
    .innerJoin('user_profiles as m', 'm.userId', 'a.mentorId')
    .select([
      'a.id as assignmentId',
      'a.studentId',
      'a.mentorId',
      'a.assignedAt',
      'sp.rollNumber',
      'sp.riskLevel',
      's.firstName as sFirst',
      's.lastName as sLast',
      's.title as sTitle',
      'm.firstName as mFirst',
      'm.lastName as mLast',
      'm.title as mTitle',
    ])
    .where('a.departmentId', '=', p.departmentId)
    .where('a.status', '=', 'ACTIVE')
    .where(p.scope ?? TRUE);
  if (p.mentorId) q = q.where('a.mentorId', '=', p.mentorId);
  const pairs = await q.execute();
  if (pairs.length === 0) return { ...header(p), mentors: [], mentees: [] };

  const assignmentIds = pairs.map((r) => r.assignmentId);
  const meetings = new Map<string, number>();
  for (const part of chunk(assignmentIds)) {
    const rows = await db
      .selectFrom('session_records')
      .select(['assignmentId', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('assignmentId', 'in', part)
      .where('status', '=', 'COMPLETED')
      .where('attendance', '=', 'PRESENT')
      .where('sessionDate', '>=', p.semester.start)
      .where('sessionDate', '<', p.semester.end)
      .where('sessionDate', '<=', p.asOf)
      .groupBy('assignmentId')
      .execute();
    for (const r of rows) meetings.set(r.assignmentId, Number(r.n));
  }

  // The last contact with a HIGH-risk student, by any of its mentors (any assignment).
  const high = [...new Set(pairs.filter((r) => r.riskLevel === 'HIGH').map((r) => r.studentId))];
  const lastContact = new Map<string, string>();
  for (const part of chunk(high)) {
    const rows = await db
      .selectFrom('session_records as s')
      .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
      .select(['a.studentId', (eb) => eb.fn.max('s.sessionDate').as('last')])
      .where('a.studentId', 'in', part)
      .where('s.status', '=', 'COMPLETED')
      .where('s.attendance', '=', 'PRESENT')
      .where('s.sessionDate', '<=', p.asOf)
      .groupBy('a.studentId')
      .execute();
    for (const r of rows) if (r.last) lastContact.set(r.studentId, String(r.last));
  }

  const mentees: ComplianceMentee[] = pairs.map((r) => {
    const held = meetings.get(r.assignmentId) ?? 0;
    const last = lastContact.get(r.studentId) ?? null;
    const isHigh = r.riskLevel === 'HIGH';
    // Never met: the clock runs from the pairing (a new HIGH-risk mentee is due a first contact too).
    const days = isHigh ? Math.max(0, wholeDays(last ?? r.assignedAt, p.asOf)) : null;
    return {
      assignmentId: r.assignmentId,
      studentId: r.studentId,
      studentName: personName({ firstName: r.sFirst, lastName: r.sLast, title: r.sTitle }),
      rollNumber: r.rollNumber,
      mentorId: r.mentorId,
      mentorName: personName({ firstName: r.mFirst, lastName: r.mLast, title: r.mTitle }),
      riskLevel: r.riskLevel,
      meetings: held,
      meetingsShort: Math.max(0, p.norms.minMeetingsPerSemester - held),
      lastContactAt: last,
      daysWithoutContact: days,
      contactOverdueBy: days === null ? 0 : Math.max(0, days - p.norms.maxDaysWithoutContactHigh),
    };
  });
  mentees.sort(
    (a, b) =>
      a.mentorName.localeCompare(b.mentorName) ||
      b.contactOverdueBy - a.contactOverdueBy ||
      b.meetingsShort - a.meetingsShort ||
      a.studentName.localeCompare(b.studentName),
  );
  return { ...header(p), mentors: mentorRows(mentees, p.norms), mentees };
}

function header(p: SheetParams) {
  return {
    departmentId: p.departmentId,
    departmentName: p.departmentName,
    semester: p.semester,
    asOf: p.asOf,
    norms: p.norms,
  };
}

export function mentorRows(mentees: ComplianceMentee[], norms: ComplianceNorms): ComplianceMentor[] {
  const by = new Map<string, ComplianceMentee[]>();
  for (const m of mentees) by.set(m.mentorId, [...(by.get(m.mentorId) ?? []), m]);
  return [...by.values()]
    .map((list) => {
      const overLoadBy = Math.max(0, list.length - norms.maxMenteesPerMentor);
      const short = list.filter((m) => m.meetingsShort > 0);
      const overdue = list.filter((m) => m.contactOverdueBy > 0).length;
      return {
        mentorId: list[0]!.mentorId,
        mentorName: list[0]!.mentorName,
        activeMentees: list.length,
        overLoadBy,
        menteesShort: short.length,
        meetingsShort: short.reduce((s, m) => s + m.meetingsShort, 0),
        highRiskOverdue: overdue,
        compliant: overLoadBy === 0 && short.length === 0 && overdue === 0,
      };
    })
    .sort((a, b) => Number(a.compliant) - Number(b.compliant) || a.mentorName.localeCompare(b.mentorName));
}

function chunk<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
