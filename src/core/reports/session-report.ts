import type { Content, TableCell } from 'pdfmake/interfaces';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { count, formatDate, formatTime, percent, words } from './format.ts';
import type { SessionRow } from './sessions.queries.ts';
import { COLOR, dataTable, emptyNote, sectionHeading, tiles, type Column } from './theme.ts';

// Session report (pure): the register of sessions in a period, grouped by mentor, with totals per
// mentor. The summary column exists only when the reader may see summaries (ROLES.md: the
// mentor who owns the assignment and admins in scope); A4 landscape for the width it needs.

export interface SessionReportData {
  header: ReportHeader;
  rows: SessionRow[];
  /** Whether the reader's role may see summaries and asked for them. */
  showSummary: boolean;
}

export interface MentorTotals {
  mentorId: string;
  mentorName: string;
  sessions: number;
  completed: number;
  scheduled: number;
  cancelled: number;
  present: number;
  absent: number;
  actionsDone: number;
  actionsOpen: number;
}

function emptyTotals(mentorId: string, mentorName: string): MentorTotals {
  return {
    mentorId,
    mentorName,
    sessions: 0,
    completed: 0,
    scheduled: 0,
    cancelled: 0,
    present: 0,
    absent: 0,
    actionsDone: 0,
    actionsOpen: 0,
  };
}

function add(t: MentorTotals, r: SessionRow): void {
  t.sessions += 1;
  if (r.status === 'COMPLETED') {
    t.completed += 1;
    // Attendance is recorded when a session is completed; a scheduled row's default says nothing.
    if (r.attendance === 'PRESENT') t.present += 1;
    else t.absent += 1;
  } else if (r.status === 'SCHEDULED') t.scheduled += 1;
  else t.cancelled += 1;
  t.actionsDone += r.actionsDone;
  t.actionsOpen += r.actionsOpen;
}

/** Totals per mentor in the rows' order (mentor by name), and the grand total. */
export function totalsByMentor(rows: SessionRow[]): { perMentor: MentorTotals[]; all: MentorTotals } {
  const map = new Map<string, MentorTotals>();
  const all = emptyTotals('', 'All mentors');
  for (const r of rows) {
    let t = map.get(r.mentorId);
    if (!t) map.set(r.mentorId, (t = emptyTotals(r.mentorId, r.mentorName)));
    add(t, r);
    add(all, r);
  }
  return { perMentor: [...map.values()], all };
}

const num = (n: number): TableCell => ({ text: count(n), style: 'td', alignment: 'right' });

const TOTAL_COLUMNS: Column<MentorTotals>[] = [
  { header: 'Mentor', width: '*', cell: (t) => t.mentorName },
  { header: 'Sessions', width: 52, align: 'right', cell: (t) => num(t.sessions) },
  { header: 'Completed', width: 56, align: 'right', cell: (t) => num(t.completed) },
  { header: 'Scheduled', width: 56, align: 'right', cell: (t) => num(t.scheduled) },
  { header: 'Cancelled', width: 56, align: 'right', cell: (t) => num(t.cancelled) },
  { header: 'Present', width: 50, align: 'right', cell: (t) => num(t.present) },
  { header: 'Absent', width: 50, align: 'right', cell: (t) => num(t.absent) },
  { header: 'Actions done', width: 62, align: 'right', cell: (t) => num(t.actionsDone) },
  { header: 'Actions open', width: 62, align: 'right', cell: (t) => num(t.actionsOpen) },
];

function totalsTable(perMentor: MentorTotals[], all: MentorTotals): Content {
  const totalRow = TOTAL_COLUMNS.map<TableCell>((c, i) => {
    const v = i === 0 ? 'Total' : c.cell(all);
    const cell = typeof v === 'object' ? v : { text: String(v) };
    return { ...(cell as object), bold: true, fillColor: COLOR.headFill } as TableCell;
  });
  return dataTable(TOTAL_COLUMNS, perMentor, [totalRow]);
}

const actionText = (r: SessionRow): string =>
  r.actionsDone + r.actionsOpen === 0 ? '—' : `${r.actionsDone} done · ${r.actionsOpen} open`;

function registerColumns(showSummary: boolean): Column<SessionRow>[] {
  const cols: Column<SessionRow>[] = [
    {
      header: 'Date',
      width: 54,
      cell: (r) => ({
        stack: [formatDate(r.sessionDate), { text: formatTime(r.sessionDate), style: 'small' }],
        style: 'td',
      }),
    },
    {
      header: 'Student',
      width: 96,
      cell: (r) => ({ stack: [r.studentName, { text: r.rollNumber, style: 'small' }], style: 'td' }),
    },
    { header: 'Mode', width: 44, cell: (r) => words(r.mode) },
    { header: 'Topic', width: showSummary ? 130 : '*', cell: (r) => r.topic },
    { header: 'Attendance', width: 48, cell: (r) => (r.status === 'COMPLETED' ? words(r.attendance) : '—') },
    {
      header: 'Status',
      width: 50,
      cell: (r) => ({
        text: words(r.status),
        style: 'td',
        color: r.status === 'CANCELLED' ? COLOR.muted : COLOR.ink,
      }),
    },
    { header: 'Action items', width: 62, cell: actionText },
  ];
  if (showSummary) {
    cols.push({
      header: 'Summary (staff only)',
      width: '*',
      cell: (r) => ({ text: r.summary ?? '—', fontSize: 7.2 }),
    });
  }
  return cols;
}

/**
 * One register table per mentor. The mentor's name is a second header row, so it repeats with the
 * column headings on every page the mentor's sessions run onto.
 */
function mentorRegister(rows: SessionRow[], t: MentorTotals, columns: Column<SessionRow>[]): Content {
  const table = dataTable(columns, rows) as {
    table: { headerRows: number; body: TableCell[][] };
    margin?: number[];
  };
  const title: TableCell[] = [
    {
      text: [
        { text: t.mentorName, bold: true, color: COLOR.navy },
        {
          text: `   ${count(t.sessions)} session${t.sessions === 1 ? '' : 's'} · ${count(t.completed)} completed`,
          color: COLOR.muted,
        },
      ],
      colSpan: columns.length,
      fillColor: '#FFFFFF',
      style: 'td',
      margin: [-4, 0, 0, 1],
    },
    ...columns.slice(1).map(() => ({ text: '' })),
  ];
  table.table.body = [title, ...table.table.body];
  table.table.headerRows = 2;
  return { ...table, margin: [0, 4, 0, 8] } as Content;
}

function registerTables(rows: SessionRow[], perMentor: MentorTotals[], showSummary: boolean): Content[] {
  const columns = registerColumns(showSummary);
  const byMentor = new Map<string, SessionRow[]>();
  for (const r of rows) {
    const list = byMentor.get(r.mentorId);
    if (list) list.push(r);
    else byMentor.set(r.mentorId, [r]);
  }
  return perMentor.map((t) => mentorRegister(byMentor.get(t.mentorId) ?? [], t, columns));
}

export function buildSessionReport(d: SessionReportData): ReportDocument {
  const width = contentWidth('landscape');
  const { perMentor, all } = totalsByMentor(d.rows);
  const attendance = all.completed === 0 ? null : (all.present / all.completed) * 100;
  const content: Content[] = [
    tiles([
      { label: 'Sessions in the period', value: count(all.sessions) },
      { label: 'Completed', value: count(all.completed) },
      { label: 'Still scheduled', value: count(all.scheduled) },
      { label: 'Cancelled', value: count(all.cancelled) },
      { label: 'Student present (of completed)', value: percent(attendance, 0) },
      { label: 'Action items open', value: count(all.actionsOpen) },
    ]),
    sectionHeading('Totals per mentor', width),
  ];
  if (d.rows.length === 0) {
    content.push(emptyNote('No sessions are dated in this period for the selection.'));
    return reportDocument(d.header, content, 'landscape');
  }
  content.push(totalsTable(perMentor, all));
  content.push(
    sectionHeading(
      'Session register',
      width,
      d.showSummary
        ? 'Summaries are the mentors’ notes: staff-only, not to be shared with students.'
        : 'Summaries are not included in this copy.',
    ),
  );
  content.push(...registerTables(d.rows, perMentor, d.showSummary));
  return reportDocument(d.header, content, 'landscape');
}
