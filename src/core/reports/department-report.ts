import type { Content } from 'pdfmake/interfaces';
import { barChart } from './charts.ts';
import type { DepartmentSummary } from './department.queries.ts';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { count, formatMonth, percent } from './format.ts';
import { loadBand, loadBands } from './mentor-load-report.ts';
import { COLOR, LAYOUT, RISK_COLOR, sectionHeading, tiles } from './theme.ts';

// Department summary (pure): ONE portrait page for the HOD. Headline numbers, three charts and
// at most six concerns, each list cut short so the page never runs over.

export interface DepartmentReportData extends DepartmentSummary {
  header: ReportHeader;
}

export interface Concern {
  tone: 'high' | 'medium';
  text: string;
}

const MAX_NAMES = 5;

function names(list: string[]): string {
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? `${shown} and ${list.length - MAX_NAMES} more` : shown;
}

/** The concerns worth the HOD's attention, most serious first; empty when nothing stands out. */
export function topConcerns(d: DepartmentSummary): Concern[] {
  const out: Concern[] = [];
  const high = d.risk.students.filter((s) => s.riskLevel === 'HIGH');
  if (high.length) {
    const who = names(high.map((s) => `${s.name} (${s.rollNumber})`));
    out.push({
      tone: 'high',
      text: `${count(high.length)} student${high.length === 1 ? '' : 's'} at HIGH risk: ${who}.`,
    });
  }
  const worse = d.risk.changes.filter((c) => c.to === 'HIGH' || (c.to === 'MEDIUM' && c.from === 'LOW'));
  if (worse.length)
    out.push({
      tone: 'high',
      text: `${count(worse.length)} moved to a higher risk level during the period.`,
    });
  if (d.alerts.critical || d.alerts.grievance) {
    out.push({
      tone: 'high',
      text: `Open alerts needing a decision: ${count(d.alerts.critical)} critical, ${count(d.alerts.grievance)} grievance.`,
    });
  }
  const overdue = d.mentors.reduce((s, m) => s + m.overdue, 0);
  if (overdue) {
    out.push({
      tone: 'medium',
      text: `${count(overdue)} scheduled session${overdue === 1 ? ' is' : 's are'} past their date without a record.`,
    });
  }
  const over = d.mentors.filter((m) => loadBand(m) === 'Over capacity');
  if (over.length) {
    out.push({
      tone: 'medium',
      text: `Mentors over capacity: ${names(over.map((m) => `${m.name} (${m.active}/${m.capacity})`))}.`,
    });
  }
  if (d.unassigned) {
    out.push({
      tone: 'medium',
      text: `${count(d.unassigned)} student${d.unassigned === 1 ? ' has' : 's have'} no current mentor.`,
    });
  }
  return out.slice(0, 6);
}

function concernList(items: Concern[]): Content {
  if (items.length === 0) return { text: 'No concerns stand out for this period.', style: 'empty' };
  return {
    table: {
      widths: [8, '*'],
      body: items.map((c) => [
        {
          canvas: [
            {
              type: 'ellipse',
              x: 3,
              y: 6,
              r1: 2.6,
              r2: 2.6,
              color: c.tone === 'high' ? COLOR.high : COLOR.medium,
            },
          ],
        },
        { text: c.text, fontSize: 8.5 },
      ]),
    },
    layout: LAYOUT.bare,
  };
}

function headline(d: DepartmentSummary): Content[] {
  const dist = d.risk.distribution;
  const students = dist.HIGH + dist.MEDIUM + dist.LOW;
  const active = d.mentors.reduce((s, m) => s + m.active, 0);
  return [
    tiles([
      { label: 'Students', value: count(students) },
      { label: 'Mentors', value: count(d.mentors.length) },
      { label: 'Active mentoring pairs', value: count(active) },
      {
        label: 'Without a mentor',
        value: count(d.unassigned),
        color: d.unassigned ? COLOR.high : COLOR.navy,
      },
    ]),
    tiles([
      { label: 'Sessions held in the period', value: count(d.sessions.held) },
      {
        label: 'Held of planned',
        value: d.sessions.planned ? percent((d.sessions.held / d.sessions.planned) * 100, 0) : '—',
      },
      {
        label: 'Student present (of held)',
        value: d.sessions.held ? percent((d.sessions.present / d.sessions.held) * 100, 0) : '—',
      },
      {
        label: 'Open alerts',
        value: count(d.risk.alerts.openNow),
        color: d.risk.alerts.openNow ? COLOR.medium : COLOR.navy,
      },
    ]),
  ];
}

export function buildDepartmentReport(d: DepartmentReportData): ReportDocument {
  const width = contentWidth('portrait');
  const half = (width - 16) / 2;
  const dist = d.risk.distribution;
  const content: Content[] = [
    ...headline(d),
    sectionHeading('At a glance', width),
    barChart(
      d.months.map((m) => ({ label: formatMonth(m.month), value: m.held })),
      {
        width,
        height: 130,
        title: 'Completed sessions per month',
        caption: `The ${d.months.length} months up to the end of the period`,
      },
    ),
    {
      margin: [0, 8, 0, 0],
      columns: [
        barChart(
          (['HIGH', 'MEDIUM', 'LOW'] as const).map((l) => ({
            label: l,
            value: dist[l],
            color: RISK_COLOR[l],
          })),
          {
            width: half,
            height: 125,
            title: 'Students by risk level',
            caption: 'As of the end of the period',
          },
        ),
        { width: 16, text: '' },
        barChart(loadBands(d.mentors), {
          width: half,
          height: 125,
          title: 'Mentor workload',
          caption: 'Mentors by active mentees as a share of capacity',
        }),
      ],
    },
    sectionHeading('Top concerns', width),
    concernList(topConcerns(d)),
  ];
  return reportDocument(d.header, content, 'portrait');
}
