import type { Content } from 'pdfmake/interfaces';
import type { HandoverSummary } from '../../shared/contract/notes.contract.ts';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { formatDate, words } from './format.ts';
import { COLOR, RISK_COLOR, dataTable, emptyNote, sectionHeading, type Column } from './theme.ts';

// The handover packet (pure): one page for the student's new mentor. Compact tables, at most five
// sessions; RESTRICTED notes are never part of it (loadHandover reads STAFF notes only).

type Goal = HandoverSummary['openGoals'][number];
type Alert = HandoverSummary['openAlerts'][number];
type Session = HandoverSummary['lastSessions'][number];
type Note = HandoverSummary['staffNotes'][number];

const GOALS: Column<Goal>[] = [
  { header: 'Goal', width: '*', cell: (g) => g.title },
  { header: 'Status', width: 60, cell: (g) => words(g.status) },
  { header: 'Progress', width: 44, align: 'right', cell: (g) => `${g.progressPct}%` },
  { header: 'Target', width: 56, cell: (g) => formatDate(g.targetDate) },
];
const ALERTS: Column<Alert>[] = [
  { header: 'Raised', width: 56, cell: (a) => formatDate(a.createdAt) },
  { header: 'Severity', width: 50, cell: (a) => words(a.severity) },
  { header: 'Category', width: 60, cell: (a) => words(a.category) },
  { header: 'Message', width: '*', cell: (a) => a.message },
];
const SESSIONS: Column<Session>[] = [
  { header: 'Date', width: 56, cell: (s) => formatDate(s.date) },
  { header: 'Topic', width: 150, cell: (s) => s.topic },
  {
    header: 'Action items',
    width: '*',
    cell: (s) =>
      s.actionItems.length === 0
        ? '—'
        : {
            stack: s.actionItems.map((i) => ({
              text: [
                { text: i.done ? 'Done  ' : 'Open  ', bold: true, color: i.done ? COLOR.low : COLOR.medium },
                i.text,
              ],
            })),
            style: 'td',
          },
  },
];
const NOTES: Column<Note>[] = [
  { header: 'Date', width: 56, cell: (n) => formatDate(n.createdAt) },
  { header: 'By', width: 90, cell: (n) => n.author },
  { header: 'Note', width: '*', cell: (n) => n.body },
];

export function buildHandover(header: ReportHeader, h: HandoverSummary): ReportDocument {
  const w = contentWidth('portrait');
  const block = <R>(title: string, cols: Column<R>[], rows: R[], empty: string): Content[] => [
    sectionHeading(`${title} (${rows.length})`, w),
    rows.length ? dataTable(cols, rows) : emptyNote(empty),
  ];
  const content: Content[] = [
    sectionHeading('Risk level and why', w),
    {
      columns: [
        { text: h.risk.level, bold: true, fontSize: 16, color: RISK_COLOR[h.risk.level], width: 80 },
        { ul: h.risk.reasons, width: '*', fontSize: 8 },
      ],
    },
    {
      text: `Current mentor(s): ${h.currentMentors.join(', ') || '—'}   ·   Previous mentor: ${h.previousMentor ?? '—'}`,
      style: 'small',
      margin: [0, 6, 0, 0],
    },
    ...block('Open goals', GOALS, h.openGoals, 'No open goals.'),
    ...block('Open alerts', ALERTS, h.openAlerts, 'No open alerts.'),
    ...block('Last five sessions', SESSIONS, h.lastSessions, 'No completed sessions yet.'),
  ];
  if (h.notesFollowHandover || h.staffNotes.length > 0) {
    content.push(...block('Staff notes', NOTES, h.staffNotes.slice(0, 6), 'No staff notes.'));
  }
  return reportDocument(header, content, 'portrait');
}
