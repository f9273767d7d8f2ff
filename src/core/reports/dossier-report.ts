import type { Content, TableCell } from 'pdfmake/interfaces';
import { meterSvg } from './charts.ts';
import type { DossierData } from './dossier.queries.ts';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { count, decimal, fileSize, formatDate, percent, words } from './format.ts';
import { COLOR, LAYOUT, RISK_COLOR, dataTable, emptyNote, sectionHeading, type Column } from './theme.ts';

// Student dossier (pure): what the reader may see of one student, section by section. Sections
// the reader has no right to (alerts for a student) are left out, not shown empty.

export interface DossierReportData extends DossierData {
  header: ReportHeader;
}

export function profilePanel(d: DossierData, width: number): Content {
  const p = d.profile;
  const pairs: [string, TableCell][] = [
    ['Name', { text: p.name, bold: true }],
    ['Roll number', p.rollNumber],
    ['Program', p.program ?? '—'],
    ['Year of study', p.yearOfStudy ? String(p.yearOfStudy) : '—'],
    ['Department', p.department ?? '—'],
    ['CGPA', decimal(p.gpa)],
    ['Attendance', percent(p.attendancePct)],
    ['Risk level', { text: p.riskLevel, bold: true, color: RISK_COLOR[p.riskLevel] }],
    ['Email', p.email],
    ['Phone', p.phone ?? '—'],
  ];
  const rows: TableCell[][] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const [a, b] = [pairs[i]!, pairs[i + 1]];
    rows.push([
      { text: a[0], style: 'metaLabel', margin: [0, 1.5, 0, 0] },
      a[1],
      { text: b?.[0] ?? '', style: 'metaLabel', margin: [0, 1.5, 0, 0] },
      b?.[1] ?? '',
    ]);
  }
  const label = 70;
  return {
    table: { widths: [label, (width - 2 * label) / 2 - 24, label, '*'], body: rows },
    layout: LAYOUT.panel,
    margin: [0, 4, 0, 0],
  };
}

export function assignmentColumns(staff: boolean): Column<DossierData['assignments'][number]>[] {
  const cols: Column<DossierData['assignments'][number]>[] = [
    { header: 'Mentor', width: staff ? 120 : '*', cell: (a) => a.mentor },
    { header: 'Status', width: 50, cell: (a) => words(a.status) },
    { header: 'Assigned', width: 62, cell: (a) => formatDate(a.assignedAt) },
    { header: 'Ended', width: 62, cell: (a) => formatDate(a.endedAt) },
  ];
  if (staff) cols.push({ header: 'Notes (staff only)', width: '*', cell: (a) => a.notes ?? '—' });
  return cols;
}

function sessionColumns(showSummary: boolean): Column<DossierData['sessions'][number]>[] {
  return [
    { header: 'Date', width: 52, cell: (s) => formatDate(s.date) },
    { header: 'Mentor', width: 68, cell: (s) => s.mentor },
    { header: 'Mode', width: 40, cell: (s) => words(s.mode) },
    {
      header: showSummary ? 'Topic · summary (staff only)' : 'Topic',
      width: '*',
      cell: (s) => ({
        stack: [
          { text: s.topic, bold: showSummary && s.summary !== null },
          ...(showSummary && s.summary ? [{ text: s.summary, fontSize: 7.2, color: COLOR.muted }] : []),
        ],
        style: 'td',
      }),
    },
    { header: 'Attend.', width: 38, cell: (s) => (s.status === 'COMPLETED' ? words(s.attendance) : '—') },
    { header: 'Status', width: 48, cell: (s) => words(s.status) },
    {
      header: 'Actions',
      width: 40,
      cell: (s) =>
        s.actionsDone + s.actionsOpen ? `${s.actionsDone}/${s.actionsDone + s.actionsOpen} done` : '—',
    },
  ];
}

export const GOAL_COLUMNS: Column<DossierData['goals'][number]>[] = [
  {
    header: 'Goal',
    width: '*',
    cell: (g) => ({
      stack: [
        { text: g.title, bold: true },
        ...(g.lastNote ? [{ text: `Latest: ${g.lastNote}`, fontSize: 7.2, color: COLOR.muted }] : []),
      ],
      style: 'td',
    }),
  },
  { header: 'Category', width: 54, cell: (g) => words(g.category) },
  {
    header: 'Status',
    width: 54,
    cell: (g) => ({
      text: words(g.status),
      style: 'td',
      color: g.status === 'AT_RISK' ? COLOR.high : COLOR.ink,
    }),
  },
  {
    header: 'Progress',
    width: 70,
    cell: (g) => ({
      columns: [
        {
          svg: meterSvg(g.progressPct / 100, 40, g.status === 'COMPLETED' ? COLOR.low : COLOR.accent),
          width: 40,
          margin: [0, 3, 0, 0],
        },
        { text: `${g.progressPct}%`, width: '*', alignment: 'right' },
      ],
      style: 'td',
    }),
  },
  { header: 'Target', width: 56, cell: (g) => formatDate(g.targetDate) },
];

/** Whether the recipient can read it (ROLES.md: only when visibility names the recipient's side). */
function recipientSees(f: DossierData['feedback'][number]): string {
  if (f.visibility === 'DEPARTMENT_ADMIN') return 'No (department only)';
  const side = f.type === 'MENTOR_TO_STUDENT' ? 'STUDENT' : 'MENTOR';
  return f.visibility === side ? 'Yes' : 'No';
}

export const FEEDBACK_COLUMNS: Column<DossierData['feedback'][number]>[] = [
  { header: 'Session', width: 56, cell: (f) => formatDate(f.date) },
  { header: 'From', width: 78, cell: (f) => f.giver },
  { header: 'To', width: 78, cell: (f) => f.recipient },
  { header: 'Rating', width: 32, align: 'center', cell: (f) => `${f.rating} / 5` },
  { header: 'Comments', width: '*', cell: (f) => f.comments ?? '—' },
  { header: 'Recipient sees it', width: 56, cell: recipientSees },
];

export const ALERT_COLUMNS: Column<NonNullable<DossierData['alerts']>[number]>[] = [
  { header: 'Raised', width: 56, cell: (a) => formatDate(a.createdAt) },
  {
    header: 'Severity',
    width: 48,
    cell: (a) => ({
      text: words(a.severity),
      style: 'td',
      color: a.severity === 'CRITICAL' ? COLOR.high : COLOR.ink,
    }),
  },
  { header: 'Category', width: 56, cell: (a) => words(a.category) },
  { header: 'Message', width: '*', cell: (a) => a.message },
  {
    header: 'Status',
    width: 80,
    cell: (a) => (a.status === 'OPEN' ? 'Open' : `Closed ${formatDate(a.closedAt)}`),
  },
];

const ATTACHMENT_COLUMNS: Column<DossierData['attachments'][number]>[] = [
  { header: 'File', width: '*', cell: (a) => a.fileName },
  { header: 'Kind', width: 90, cell: (a) => a.mimeType },
  { header: 'Size', width: 46, align: 'right', cell: (a) => fileSize(a.sizeBytes) },
  { header: 'Attached to', width: 60, cell: (a) => words(a.relatedType) },
  { header: 'By', width: 90, cell: (a) => a.owner },
  { header: 'Added', width: 56, cell: (a) => formatDate(a.createdAt) },
];

export function section<R>(
  title: string,
  width: number,
  columns: Column<R>[],
  rows: R[],
  empty: string,
  note?: string,
): Content[] {
  return [
    sectionHeading(`${title} (${count(rows.length)})`, width, note),
    rows.length ? dataTable(columns, rows) : emptyNote(empty),
  ];
}

export function buildDossier(d: DossierReportData): ReportDocument {
  const w = contentWidth('portrait');
  const content: Content[] = [
    sectionHeading('Profile', w),
    profilePanel(d, w),
    ...section(
      'Mentor history',
      w,
      assignmentColumns(d.showSummary),
      d.assignments,
      'No mentor assignment on record.',
    ),
    ...section('Sessions', w, sessionColumns(d.showSummary), d.sessions, 'No sessions on record.'),
    ...section('Goals', w, GOAL_COLUMNS, d.goals, 'No goals on record.'),
    ...section(
      'Feedback',
      w,
      FEEDBACK_COLUMNS,
      d.feedback,
      'No feedback on record.',
      'Only feedback the reader of this copy may see is included.',
    ),
  ];
  if (d.alerts) content.push(...section('Alerts', w, ALERT_COLUMNS, d.alerts, 'No alerts on record.'));
  content.push(...section('Attachments', w, ATTACHMENT_COLUMNS, d.attachments, 'No attachments.'));
  return reportDocument(d.header, content, 'portrait');
}
