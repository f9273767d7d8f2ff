import type { AlertRowDto } from '../../shared/contract/alerts.contract.ts';
import type { AuditRowDto } from '../../shared/contract/audit.contract.ts';
import type { ExportTable } from '../../shared/contract/exports.contract.ts';
import type { GoalRow } from '../../shared/contract/goals.contract.ts';
import type { MentorRow } from '../../shared/contract/mentors.contract.ts';
import type { SessionRow } from '../../shared/contract/sessions.contract.ts';
import type { StudentRow } from '../../shared/contract/students.contract.ts';
import type { CellValue } from './roster.types.ts';

// The columns of each exported table: what its screen shows, in words an office reads. The student
// and mentor headers are ones the roster mapping recognises, so an export re-imports as a roster.

type Column<R> = [header: string, value: (row: R) => CellValue];

const name = (first: string, last: string): string => `${first} ${last}`.trim();
const when = (iso: string | null): Date | null => (iso ? new Date(iso) : null);
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

const STUDENTS: Column<StudentRow>[] = [
  ['Roll Number', (r) => r.rollNumber],
  ['First Name', (r) => r.firstName],
  ['Last Name', (r) => r.lastName],
  ['Email', (r) => r.email],
  ['Program', (r) => r.program],
  ['Year', (r) => r.yearOfStudy],
  ['GPA', (r) => r.gpa],
  ['Attendance %', (r) => r.attendancePct],
  ['Risk', (r) => r.riskLevel],
  ['Account', (r) => r.status],
  ['Department', (r) => r.departmentName],
  ['Current Mentors', (r) => r.mentors.map((m) => name(m.firstName, m.lastName)).join(', ') || null],
];

const MENTORS: Column<MentorRow>[] = [
  ['First Name', (r) => r.firstName],
  ['Last Name', (r) => r.lastName],
  ['Email', (r) => r.email],
  ['Designation', (r) => r.designation],
  ['Specialization', (r) => r.specialization],
  ['Max Mentees', (r) => r.maxMentees],
  ['Active Mentees', (r) => r.activeMentees],
  ['Paused Mentees', (r) => r.pausedMentees],
  ['Availability', (r) => r.availabilityStatus],
  ['Account', (r) => r.status],
  ['Department', (r) => r.departmentName],
];

const SESSIONS: Column<SessionRow>[] = [
  ['Date', (r) => when(r.sessionDate)],
  ['Student', (r) => r.studentName],
  ['Roll Number', (r) => r.rollNumber],
  ['Mentor', (r) => r.mentorName],
  ['Mode', (r) => r.mode],
  ['Location', (r) => r.location],
  ['Topic', (r) => r.topic],
  ['Attendance', (r) => r.attendance],
  ['Status', (r) => r.status],
  ['Requested by Student', (r) => (r.requested ? 'Yes' : 'No')],
  ['Next Meeting', (r) => when(r.nextMeetingOn)],
  ['Open Action Items', (r) => r.actionItemsOpen],
];

const ALERTS: Column<AlertRowDto>[] = [
  ['Raised', (r) => when(r.createdAt)],
  ['Student', (r) => r.studentName],
  ['Roll Number', (r) => r.rollNumber],
  ['Category', (r) => r.category],
  ['Severity', (r) => r.severity],
  ['Message', (r) => r.message],
  ['Status', (r) => r.status],
  ['Source', (r) => r.source],
  ['Closed', (r) => when(r.closedAt)],
  ['Closed By', (r) => r.closedByName ?? (r.closedAt ? 'System' : null)],
  ['Closing Note', (r) => r.closingNote],
];

const AUDIT: Column<AuditRowDto>[] = [
  ['Time', (r) => when(r.createdAt)],
  ['User', (r) => r.userName],
  ['User Email', (r) => r.userEmail],
  ['Action', (r) => r.action],
  ['Entity', (r) => r.entity],
  ['Entity Id', (r) => r.entityId],
  ['Before', (r) => json(r.before)],
  ['After', (r) => json(r.after)],
  ['IP', (r) => r.ip],
  ['App', (r) => r.userAgent],
];

const GOALS: Column<GoalRow>[] = [
  ['Student', (r) => r.studentName],
  ['Roll Number', (r) => r.rollNumber],
  ['Title', (r) => r.title],
  ['Category', (r) => r.category],
  ['Status', (r) => r.status],
  ['Progress %', (r) => r.progressPct],
  ['Target Date', (r) => when(r.targetDate)],
  ['Overdue', (r) => (r.overdue ? 'Yes' : 'No')],
  ['Description', (r) => r.description],
  ['Created', (r) => when(r.createdAt)],
];

export interface TableLayout<R> {
  title: string;
  columns: Column<R>[];
}

export const LAYOUTS: {
  students: TableLayout<StudentRow>;
  mentors: TableLayout<MentorRow>;
  sessions: TableLayout<SessionRow>;
  alerts: TableLayout<AlertRowDto>;
  audit: TableLayout<AuditRowDto>;
  goals: TableLayout<GoalRow>;
} = {
  students: { title: 'Students', columns: STUDENTS },
  mentors: { title: 'Mentors', columns: MENTORS },
  sessions: { title: 'Sessions', columns: SESSIONS },
  alerts: { title: 'Alerts', columns: ALERTS },
  audit: { title: 'Audit log', columns: AUDIT },
  goals: { title: 'Goals', columns: GOALS },
} satisfies Record<ExportTable, unknown>;
