import type { Content, TableCell } from 'pdfmake/interfaces';
import type {
  ComplianceMentee,
  ComplianceMentor,
  ComplianceSheet,
} from '../../shared/contract/compliance.contract.ts';
import type { ReportFile } from '../../shared/contract/reports.contract.ts';
import type { AuthedContext } from '../context.ts';
import { formatDate, slug } from '../reports/format.ts';
import { contentWidth, reportDocument, type ReportHeader } from '../reports/frame.ts';
import { header, produce } from '../reports/reports.service.ts';
import { resolveTarget } from '../reports/target.queries.ts';
import {
  COLOR,
  dataTable,
  emptyNote,
  riskBadge,
  sectionHeading,
  tiles,
  type Column,
} from '../reports/theme.ts';
import type { SheetInput } from './compliance.service.ts';

// The compliance sheet as a PDF: headline tiles, the norms, one row per mentor, the shortfalls per
// mentee (every mentee on a one-mentor sheet), and a sign-off block for the HOD. A4 portrait.

const WIDTH = contentWidth('portrait');

const num = (n: number, bad = n > 0): TableCell => ({
  text: String(n),
  style: 'td',
  alignment: 'right',
  bold: bad,
  color: bad ? COLOR.high : COLOR.ink,
});

const MENTOR_COLUMNS: Column<ComplianceMentor>[] = [
  { header: 'Mentor', width: '*', cell: (m) => m.mentorName },
  { header: 'Active mentees', width: 52, align: 'right', cell: (m) => String(m.activeMentees) },
  { header: 'Over the maximum by', width: 58, align: 'right', cell: (m) => num(m.overLoadBy) },
  { header: 'Mentees short of meetings', width: 62, align: 'right', cell: (m) => num(m.menteesShort) },
  { header: 'Meetings missing', width: 50, align: 'right', cell: (m) => num(m.meetingsShort) },
  { header: 'HIGH risk overdue', width: 50, align: 'right', cell: (m) => num(m.highRiskOverdue) },
  {
    header: 'Status',
    width: 58,
    cell: (m) => ({
      text: m.compliant ? 'Meets norms' : 'Short',
      style: 'td',
      bold: !m.compliant,
      color: m.compliant ? COLOR.low : COLOR.high,
    }),
  },
];

const menteeColumns = (sheet: ComplianceSheet): Column<ComplianceMentee>[] => [
  {
    header: 'Student',
    width: '*',
    cell: (m) => ({ stack: [m.studentName, { text: m.rollNumber, style: 'small' }], style: 'td' }),
  },
  { header: 'Mentor', width: 100, cell: (m) => m.mentorName },
  { header: 'Risk', width: 40, cell: (m) => riskBadge(m.riskLevel) },
  {
    header: `Meetings (of ${sheet.norms.minMeetingsPerSemester})`,
    width: 52,
    align: 'right',
    cell: (m) => String(m.meetings),
  },
  { header: 'Short by', width: 36, align: 'right', cell: (m) => num(m.meetingsShort) },
  { header: 'Last contact', width: 62, cell: (m) => formatDate(m.lastContactAt) },
  {
    header: 'Days without contact',
    width: 50,
    align: 'right',
    cell: (m) =>
      m.daysWithoutContact === null
        ? { text: '—', style: 'td', alignment: 'right' }
        : num(m.daysWithoutContact, m.contactOverdueBy > 0),
  },
];

function signOff(): Content {
  const line = (label: string): Content => ({
    stack: [
      { canvas: [{ type: 'line', x1: 0, y1: 24, x2: 150, y2: 24, lineWidth: 0.6, lineColor: COLOR.ink }] },
      { text: label, style: 'small', margin: [0, 3, 0, 0] },
    ],
  });
  return {
    unbreakable: true,
    margin: [0, 22, 0, 0],
    stack: [
      { text: 'Reviewed and signed off', style: 'section' },
      {
        margin: [0, 6, 0, 0],
        columns: [line('Head of Department (signature)'), line('Name'), line('Date')],
        columnGap: 24,
      },
    ],
  };
}

export function buildComplianceSheet(h: ReportHeader, sheet: ComplianceSheet, oneMentor: boolean) {
  const short = sheet.mentees.filter((m) => m.meetingsShort > 0 || m.contactOverdueBy > 0);
  const listed = oneMentor ? sheet.mentees : short;
  const n = sheet.norms;
  const content: Content[] = [
    tiles([
      { label: 'Mentors', value: String(sheet.mentors.length) },
      {
        label: 'Meeting all norms',
        value: String(sheet.mentors.filter((m) => m.compliant).length),
        color: COLOR.low,
      },
      {
        label: 'Mentees short of meetings',
        value: String(sheet.mentees.filter((m) => m.meetingsShort > 0).length),
        color: COLOR.high,
      },
      {
        label: 'HIGH risk without contact',
        value: String(sheet.mentees.filter((m) => m.contactOverdueBy > 0).length),
        color: COLOR.high,
      },
    ]),
    {
      text:
        `Norms: at least ${n.minMeetingsPerSemester} meetings per mentee in ${sheet.semester.label}; ` +
        `at most ${n.maxMenteesPerMentor} mentees per mentor; HIGH-risk students contacted at least every ` +
        `${n.maxDaysWithoutContactHigh} days. Figures as of ${formatDate(sheet.asOf)}. ` +
        'A meeting is a completed session the student attended.',
      style: 'note',
      margin: [0, 8, 0, 0],
    },
    sectionHeading('Mentors', WIDTH),
    sheet.mentors.length ? dataTable(MENTOR_COLUMNS, sheet.mentors) : emptyNote('No active pairings.'),
    sectionHeading(
      oneMentor ? 'Mentees' : 'Shortfalls',
      WIDTH,
      oneMentor ? undefined : 'Only mentees short of a norm are listed.',
    ),
    listed.length
      ? dataTable(menteeColumns(sheet), listed)
      : emptyNote(oneMentor ? 'No active mentees.' : 'Every mentee meets the norms.'),
    signOff(),
  ];
  return reportDocument(h, content);
}

export async function printComplianceSheet(
  ctx: AuthedContext,
  input: SheetInput & { taskId?: string },
  sheet: ComplianceSheet,
): Promise<ReportFile> {
  const mentorId = ctx.actor.role === 'MENTOR' ? ctx.actor.userId : input.mentorId;
  return produce(ctx, input.taskId, async () => {
    const t = await resolveTarget(ctx, { departmentId: sheet.departmentId, mentorId });
    const subject = t.mentor ? `Mentor: ${t.mentor.name}` : undefined;
    const h = header(ctx, t, 'Mentoring Compliance Sheet', null, subject);
    h.period = sheet.semester.label;
    const doc = buildComplianceSheet(h, sheet, Boolean(mentorId));
    const parts = ['compliance', t.department?.code ?? 'department', t.mentor?.name, sheet.semester.label];
    return {
      doc,
      fileName: `${parts
        .filter((p): p is string => Boolean(p))
        .map((p) => slug(p))
        .join('_')}.pdf`,
    };
  });
}
