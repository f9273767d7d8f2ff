import type { Content, TableCell } from 'pdfmake/interfaces';
import type { RiskLevel } from '../../shared/domain/enums.ts';
import { barChart } from './charts.ts';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { count, decimal, formatDate, percent } from './format.ts';
import type { Period } from './period.ts';
import type { AlertFlow, Levels, RiskChange, RiskData, RiskStudentRow } from './risk.queries.ts';
import {
  COLOR,
  RISK_COLOR,
  dataTable,
  emptyNote,
  riskBadge,
  sectionHeading,
  tiles,
  type Column,
} from './theme.ts';

// Risk report (pure): HIGH then MEDIUM students, the distribution now and at the start of the
// period, and what changed since the previous period. Portrait A4.

export interface RiskReportData extends RiskData {
  header: ReportHeader;
  period: Period;
  /** When the report was made; a last session's age is counted up to the earlier of this and the period end. */
  generatedAt: string;
}

const LEVELS: RiskLevel[] = ['HIGH', 'MEDIUM', 'LOW'];
/** A last session older than this (at the end of the period) is printed in red. */
export const STALE_DAYS = 30;

function lastSession(iso: string | null, now: string): TableCell {
  if (!iso) return { text: 'None yet', style: 'td', color: COLOR.high };
  const days = Math.floor((Date.parse(now) - Date.parse(iso)) / 86_400_000);
  return { text: formatDate(iso), style: 'td', color: days > STALE_DAYS ? COLOR.high : COLOR.ink };
}

function studentColumns(now: string): Column<RiskStudentRow & { n: number }>[] {
  return [
    { header: '#', width: 16, align: 'right', cell: (r) => String(r.n) },
    { header: 'Student', width: 92, cell: (r) => r.name },
    { header: 'Roll number', width: 56, cell: (r) => r.rollNumber },
    {
      header: 'Program / year',
      width: 66,
      cell: (r) => `${r.program ?? '—'}${r.yearOfStudy ? ` · Y${r.yearOfStudy}` : ''}`,
    },
    { header: 'GPA', width: 26, align: 'right', cell: (r) => decimal(r.gpa) },
    { header: 'Attend.', width: 34, align: 'right', cell: (r) => percent(r.attendancePct) },
    { header: 'Last session', width: 52, cell: (r) => lastSession(r.lastSessionAt, now) },
    { header: 'Open alerts', width: 30, align: 'right', cell: (r) => String(r.openAlerts) },
    {
      header: 'Mentor',
      width: '*',
      cell: (r) =>
        r.mentors.length ? r.mentors.join('\n') : { text: 'Not assigned', style: 'td', color: COLOR.high },
    },
  ];
}

function levelTable(level: RiskLevel, rows: RiskStudentRow[], now: string, width: number): Content[] {
  const title = `Students at ${level} risk (${count(rows.length)})`;
  if (rows.length === 0) return [sectionHeading(title, width), emptyNote(`No student is at ${level} risk.`)];
  return [
    sectionHeading(title, width),
    dataTable(
      studentColumns(now),
      rows.map((r, i) => ({ ...r, n: i + 1 })),
    ),
  ];
}

function comparison(now: Levels, atStart: Levels, p: Period): Content {
  const rows = LEVELS.map((l) => ({ level: l, start: atStart[l], now: now[l] }));
  const delta = (d: number): string => (d === 0 ? 'no change' : d > 0 ? `+${d}` : String(d));
  return dataTable(
    [
      { header: 'Level', width: 50, cell: (r) => riskBadge(r.level) },
      { header: `On ${formatDate(p.startIso)}`, width: 62, align: 'right', cell: (r) => count(r.start) },
      { header: 'End of period', width: 62, align: 'right', cell: (r) => count(r.now) },
      { header: 'Change', width: '*', align: 'right', cell: (r) => delta(r.now - r.start) },
    ],
    rows,
  );
}

function alertTable(a: AlertFlow): Content {
  const rows = [
    { what: 'Alerts opened', prev: a.openedPrevious, cur: a.openedThis },
    { what: 'Alerts closed', prev: a.closedPrevious, cur: a.closedThis },
  ];
  return dataTable(
    [
      { header: 'Alerts', width: '*', cell: (r) => r.what },
      { header: 'Previous period', width: 80, align: 'right', cell: (r) => count(r.prev) },
      { header: 'This period', width: 80, align: 'right', cell: (r) => count(r.cur) },
    ],
    rows,
  );
}

const RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };

function changeTable(changes: RiskChange[]): Content {
  return dataTable(
    [
      { header: 'Student', width: '*', cell: (c) => c.name },
      { header: 'Roll number', width: 70, cell: (c) => c.rollNumber },
      { header: 'From', width: 56, cell: (c) => riskBadge(c.from) },
      { header: 'To', width: 56, cell: (c) => riskBadge(c.to) },
      {
        header: 'Direction',
        width: 70,
        cell: (c) =>
          RANK[c.to] > RANK[c.from]
            ? { text: 'Worse', style: 'td', color: COLOR.high, bold: true }
            : { text: 'Better', style: 'td', color: COLOR.low, bold: true },
      },
    ],
    changes,
  );
}

function changesSection(d: RiskReportData, width: number): Content[] {
  const note =
    `This period: ${d.period.label}. Previous period: ${d.previous.label} (the same number of days, ` +
    'immediately before). Levels at the start of the period come from the recorded risk level changes.';
  const out: Content[] = [
    sectionHeading('Changes since the previous period', width, note),
    alertTable(d.alerts),
  ];
  out.push({ text: 'Risk level changes in this period', style: 'th', margin: [0, 10, 0, 3] });
  if (d.changes.length === 0) {
    out.push(
      emptyNote(
        d.historyRecorded
          ? 'No student ended the period at a different level from where it started.'
          : `No risk level change was recorded for these students since ${formatDate(d.previous.startIso)}.`,
      ),
    );
  } else out.push(changeTable(d.changes));
  return out;
}

export function buildRiskReport(d: RiskReportData): ReportDocument {
  const width = contentWidth('portrait');
  const asOf = d.generatedAt < d.period.endIso ? d.generatedAt : d.period.endIso;
  const high = d.students.filter((s) => s.riskLevel === 'HIGH');
  const medium = d.students.filter((s) => s.riskLevel === 'MEDIUM');
  const total = LEVELS.reduce((s, l) => s + d.distribution[l], 0);
  const content: Content[] = [
    tiles([
      { label: 'Students in this report', value: count(total) },
      { label: 'HIGH risk', value: count(d.distribution.HIGH), color: COLOR.high },
      { label: 'MEDIUM risk', value: count(d.distribution.MEDIUM), color: COLOR.medium },
      { label: 'Open alerts', value: count(d.alerts.openNow) },
    ]),
    sectionHeading('Risk distribution', width),
    {
      columns: [
        barChart(
          LEVELS.map((l) => ({ label: l, value: d.distribution[l], color: RISK_COLOR[l] })),
          { width: 220, height: 130, title: 'Students by risk level', caption: 'At the end of the period' },
        ),
        {
          width: '*',
          margin: [16, 18, 0, 0],
          stack: [comparison(d.distribution, d.distributionAtStart, d.period)],
        },
      ],
    },
    ...changesSection(d, width),
    ...levelTable('HIGH', high, asOf, width),
    ...levelTable('MEDIUM', medium, asOf, width),
  ];
  return reportDocument(d.header, content, 'portrait');
}
