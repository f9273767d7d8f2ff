import type { Content, TableCell } from 'pdfmake/interfaces';
import { barChart, meterSvg, shareBar, type Bar } from './charts.ts';
import { contentWidth, reportDocument, type ReportDocument, type ReportHeader } from './frame.ts';
import { count, decimal, percent, words } from './format.ts';
import type { MentorLoadRow } from './mentor-load.queries.ts';
import { COLOR, dataTable, emptyNote, sectionHeading, tiles, type Column } from './theme.ts';

// Mentor load report (pure): one row per mentor, load bands chart, totals. A4 landscape.

export interface MentorLoadReportData {
  header: ReportHeader;
  mentors: MentorLoadRow[];
}

/** Active mentees as a share of capacity; null when the mentor has no capacity set. */
export function loadShare(m: Pick<MentorLoadRow, 'active' | 'capacity'>): number | null {
  return m.capacity > 0 ? m.active / m.capacity : m.active > 0 ? Infinity : null;
}

export const LOAD_BANDS = ['Under 50%', '50–89%', '90–100%', 'Over capacity'] as const;

export function loadBand(m: Pick<MentorLoadRow, 'active' | 'capacity'>): (typeof LOAD_BANDS)[number] {
  const s = loadShare(m) ?? 0;
  if (s > 1) return 'Over capacity';
  if (s >= 0.9) return '90–100%';
  if (s >= 0.5) return '50–89%';
  return 'Under 50%';
}

const BAND_COLOR = [COLOR.low, COLOR.accent, COLOR.medium, COLOR.high];

export function loadBands(mentors: MentorLoadRow[]): Bar[] {
  return LOAD_BANDS.map((label, i) => ({
    label,
    value: mentors.filter((m) => loadBand(m) === label).length,
    color: BAND_COLOR[i],
  }));
}

function menteesCell(m: MentorLoadRow): TableCell {
  const share = loadShare(m);
  const over = share !== null && share > 1;
  return {
    stack: [
      { text: `${m.active} / ${m.capacity}`, bold: over, color: over ? COLOR.high : COLOR.ink },
      {
        svg: meterSvg(Math.min(1, share ?? 0), 56, over ? COLOR.high : COLOR.accent),
        width: 56,
        margin: [0, 1, 0, 0],
      },
    ],
    style: 'td',
  };
}

const right = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
  text,
  style: 'td',
  alignment: 'right',
  ...extra,
});

const COLUMNS: Column<MentorLoadRow>[] = [
  {
    header: 'Mentor',
    width: '*',
    cell: (m) => ({ stack: [m.name, { text: m.designation ?? '', style: 'small' }], style: 'td' }),
  },
  { header: 'Availability', width: 60, cell: (m) => words(m.availability) },
  { header: 'Active mentees / capacity', width: 74, cell: menteesCell },
  { header: 'Paused', width: 38, align: 'right', cell: (m) => right(count(m.paused)) },
  { header: 'Planned sessions', width: 50, align: 'right', cell: (m) => right(count(m.planned)) },
  { header: 'Held', width: 36, align: 'right', cell: (m) => right(count(m.held)) },
  {
    header: 'Held of planned',
    width: 46,
    align: 'right',
    cell: (m) => right(m.planned === 0 ? '—' : percent((m.held / m.planned) * 100, 0)),
  },
  { header: 'Cancelled', width: 46, align: 'right', cell: (m) => right(count(m.cancelled)) },
  {
    header: 'Pending (overdue)',
    width: 56,
    align: 'right',
    cell: (m) =>
      right(
        `${count(m.pending)}${m.overdue ? ` (${count(m.overdue)})` : ''}`,
        m.overdue ? { color: COLOR.high } : {},
      ),
  },
  {
    header: 'Avg. rating (n)',
    width: 52,
    align: 'right',
    cell: (m) => right(m.avgRating === null ? '—' : `${decimal(m.avgRating, 1)} (${m.ratings})`),
  },
  { header: 'Open alerts', width: 40, align: 'right', cell: (m) => right(count(m.openAlerts)) },
];

function totals(mentors: MentorLoadRow[]): TableCell[] {
  const sum = (f: (m: MentorLoadRow) => number): number => mentors.reduce((s, m) => s + f(m), 0);
  const held = sum((m) => m.held);
  const planned = sum((m) => m.planned);
  const rated = sum((m) => m.ratings);
  const avg = rated === 0 ? null : sum((m) => (m.avgRating ?? 0) * m.ratings) / rated;
  const cells = [
    'Total',
    '',
    `${count(sum((m) => m.active))} / ${count(sum((m) => m.capacity))}`,
    count(sum((m) => m.paused)),
    count(planned),
    count(held),
    planned === 0 ? '—' : percent((held / planned) * 100, 0),
    count(sum((m) => m.cancelled)),
    `${count(sum((m) => m.pending))} (${count(sum((m) => m.overdue))})`,
    avg === null ? '—' : `${decimal(avg, 1)} (${rated})`,
    count(sum((m) => m.openAlerts)),
  ];
  return cells.map((text, i) => ({
    text,
    style: 'total',
    alignment: i >= 3 ? 'right' : 'left',
    fillColor: COLOR.headFill,
  }));
}

function charts(m: MentorLoadRow[], width: number): Content {
  const sum = (f: (x: MentorLoadRow) => number): number => m.reduce((s, x) => s + f(x), 0);
  return {
    unbreakable: true,
    stack: [
      sectionHeading('Load across mentors', width),
      {
        columns: [
          barChart(loadBands(m), {
            width: 330,
            height: 130,
            title: 'Mentors by load',
            caption: 'Active mentees as a share of each mentor’s capacity (maximum mentees)',
          }),
          { width: 40, text: '' },
          {
            width: '*',
            stack: [
              shareBar(
                [
                  { label: 'Held', value: sum((x) => x.held), color: COLOR.low },
                  { label: 'Still scheduled', value: sum((x) => x.pending), color: COLOR.medium },
                  { label: 'Cancelled', value: sum((x) => x.cancelled), color: COLOR.faint },
                ],
                330,
                'Sessions dated in the period',
              ),
            ],
          },
        ],
      },
    ],
  };
}

export function buildMentorLoadReport(d: MentorLoadReportData): ReportDocument {
  const width = contentWidth('landscape');
  const m = d.mentors;
  const active = m.reduce((s, x) => s + x.active, 0);
  const capacity = m.reduce((s, x) => s + x.capacity, 0);
  const over = m.filter((x) => loadBand(x) === 'Over capacity').length;
  const content: Content[] = [
    tiles([
      { label: 'Mentors', value: count(m.length) },
      { label: 'Active mentees', value: count(active) },
      { label: 'Capacity used', value: capacity ? percent((active / capacity) * 100, 0) : '—' },
      { label: 'Mentors over capacity', value: count(over), color: over ? COLOR.high : COLOR.navy },
      { label: 'Sessions held', value: count(m.reduce((s, x) => s + x.held, 0)) },
      { label: 'Overdue to record', value: count(m.reduce((s, x) => s + x.overdue, 0)) },
    ]),
  ];
  if (m.length === 0) {
    content.push(sectionHeading('Mentors', width), emptyNote('No mentor in this selection.'));
    return reportDocument(d.header, content, 'landscape');
  }
  content.push(
    sectionHeading(
      'Mentor by mentor',
      width,
      'Planned: sessions dated in the period and not cancelled. Pending: still scheduled; overdue: dated before this report was made. ' +
        'Ratings: students’ feedback on sessions in the period that you may read.',
    ),
    dataTable(COLUMNS, m, [totals(m)]),
    charts(m, width),
  );
  return reportDocument(d.header, content, 'landscape');
}
