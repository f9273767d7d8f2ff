import type { Content, StyleDictionary, TableCell } from 'pdfmake/interfaces';
import { REPORT_FONT } from './fonts.ts';

// One look for every report: an official department document, calm colours, one typeface.

export const COLOR = {
  ink: '#1D2433',
  navy: '#1F3A5F',
  muted: '#5B6472',
  faint: '#8A93A1',
  rule: '#C9D0DA',
  hair: '#E1E5EB',
  headFill: '#E9EEF5',
  zebra: '#F7F8FA',
  panel: '#F3F5F8',
  high: '#B42318',
  medium: '#B54708',
  low: '#3B7A57',
  accent: '#3E6A9E',
} as const;

export const RISK_COLOR: Record<'HIGH' | 'MEDIUM' | 'LOW', string> = {
  HIGH: COLOR.high,
  MEDIUM: COLOR.medium,
  LOW: COLOR.low,
};

export const STYLES: StyleDictionary = {
  institution: { fontSize: 14, bold: true, color: COLOR.navy, characterSpacing: 0.3 },
  address: { fontSize: 7.5, color: COLOR.muted },
  department: { fontSize: 10, color: COLOR.ink },
  title: { fontSize: 14, bold: true, color: COLOR.ink },
  subtitle: { fontSize: 9, color: COLOR.muted },
  metaLabel: { fontSize: 7, color: COLOR.muted },
  metaValue: { fontSize: 8.5, color: COLOR.ink },
  section: { fontSize: 10.5, bold: true, color: COLOR.navy },
  note: { fontSize: 7.5, color: COLOR.muted, italics: true },
  th: { fontSize: 7.5, bold: true, color: COLOR.navy },
  td: { fontSize: 8 },
  total: { fontSize: 8, bold: true },
  small: { fontSize: 7, color: COLOR.muted },
  empty: { fontSize: 8.5, color: COLOR.muted, italics: true },
  tileValue: { fontSize: 16, bold: true, color: COLOR.navy },
  tileLabel: { fontSize: 7, color: COLOR.muted },
};

export const DEFAULT_STYLE = { font: REPORT_FONT, fontSize: 8.5, color: COLOR.ink, lineHeight: 1.15 };

/**
 * Table layouts by name (drawn by pdf-render.mjs): layouts are functions, and the document crosses
 * to the render worker as data. table: navy rules around the headings and at the end, hairlines
 * and zebra rows; panel: light fill, no rules; tiles: panels with white gaps; bare: no rules.
 */
export const LAYOUT = {
  table: 'smmsTable',
  panel: 'smmsPanel',
  tiles: 'smmsTiles',
  bare: 'smmsBare',
} as const;

/** The colours the named layouts are drawn in. */
export const LAYOUT_COLORS = {
  navy: COLOR.navy,
  hair: COLOR.hair,
  headFill: COLOR.headFill,
  zebra: COLOR.zebra,
  panel: COLOR.panel,
};

export type Align = 'left' | 'right' | 'center';

export interface Column<R> {
  header: string;
  width: number | '*' | 'auto';
  align?: Align;
  cell(row: R): TableCell;
}

/** A ruled table with a header row that repeats on every page it runs onto. */
export function dataTable<R>(columns: Column<R>[], rows: R[], extra: TableCell[][] = []): Content {
  const head = columns.map<TableCell>((c) => ({ text: c.header, style: 'th', alignment: c.align ?? 'left' }));
  const body = rows.map((r) =>
    columns.map<TableCell>((c) => {
      const v = c.cell(r);
      if (typeof v === 'string' || typeof v === 'number') {
        return { text: String(v), style: 'td', alignment: c.align ?? 'left' };
      }
      return v;
    }),
  );
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: columns.map((c) => c.width),
      body: [head, ...body, ...extra],
    },
    layout: LAYOUT.table,
  };
}

/** A section heading with a hairline under it; `keepWithNext` so it never ends a page alone. */
export function sectionHeading(title: string, width: number, note?: string): Content {
  return {
    stack: [
      { text: title, style: 'section' },
      { canvas: [{ type: 'line', x1: 0, y1: 2, x2: width, y2: 2, lineWidth: 0.5, lineColor: COLOR.rule }] },
      ...(note ? [{ text: note, style: 'note', margin: [0, 3, 0, 0] } as Content] : []),
    ],
    margin: [0, 12, 0, 5],
    unbreakable: true,
  };
}

export function emptyNote(text: string): Content {
  return { text, style: 'empty', margin: [0, 2, 0, 4] };
}

export function riskBadge(level: 'HIGH' | 'MEDIUM' | 'LOW'): TableCell {
  return { text: level, bold: true, color: RISK_COLOR[level], style: 'td' };
}

export interface Tile {
  label: string;
  value: string;
  color?: string;
}

/** Headline numbers in a row of light panels. */
export function tiles(items: Tile[]): Content {
  return {
    margin: [0, 8, 0, 0],
    table: {
      widths: items.map(() => '*'),
      body: [
        items.map<TableCell>((t) => ({
          stack: [
            { text: t.value, style: 'tileValue', color: t.color ?? COLOR.navy },
            { text: t.label, style: 'tileLabel' },
          ],
        })),
      ],
    },
    layout: LAYOUT.tiles,
  };
}
