import type { Content } from 'pdfmake/interfaces';
import { REPORT_FONT } from './fonts.ts';
import { COLOR } from './theme.ts';

// Charts as SVG that pdfmake draws as vector paths and real text (svg-to-pdfkit, our own font):
// sharp at any zoom, searchable, and tiny. Pure string builders, so tests can read them.

export interface Bar {
  label: string;
  value: number;
  color?: string;
}

export interface BarChartOptions {
  width: number;
  height: number;
  /** Caption above the plot. */
  title?: string;
  /** Text under the caption, e.g. what is counted. */
  caption?: string;
}

export const escapeXml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** A round step so the axis reads 0, 5, 10 ... or 0, 20, 40 ...: at most five gridlines. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  return Math.max(1, Math.ceil(step));
}

const text = (x: number, y: number, s: string, attrs = ''): string =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${REPORT_FONT}" ${attrs}>${escapeXml(s)}</text>`;

/** Vertical bars with a value above each and its label below. */
export function barChartSvg(bars: Bar[], o: BarChartOptions): string {
  // Room above the plot for the caption and for the value printed over the tallest bar.
  const top = o.title ? (o.caption ? 38 : 26) : 12;
  const left = 28;
  const bottom = 26;
  const plotW = o.width - left - 6;
  const plotH = o.height - top - bottom;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const step = niceStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const y = (v: number): number => top + plotH - (v / axisMax) * plotH;
  const parts: string[] = [];
  if (o.title) parts.push(text(0, 10, o.title, `font-size="8.5" font-weight="bold" fill="${COLOR.navy}"`));
  if (o.title && o.caption) parts.push(text(0, 21, o.caption, `font-size="6.5" fill="${COLOR.muted}"`));
  for (let v = 0; v <= axisMax; v += step) {
    const yy = y(v);
    parts.push(
      `<line x1="${left}" y1="${yy.toFixed(1)}" x2="${o.width - 4}" y2="${yy.toFixed(1)}" stroke="${v === 0 ? COLOR.muted : COLOR.hair}" stroke-width="${v === 0 ? 0.7 : 0.5}"/>`,
      text(left - 4, yy + 2.3, String(v), `font-size="6.5" fill="${COLOR.muted}" text-anchor="end"`),
    );
  }
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(34, slot * 0.62);
  bars.forEach((b, i) => {
    const cx = left + slot * i + slot / 2;
    const h = (b.value / axisMax) * plotH;
    parts.push(
      `<rect x="${(cx - barW / 2).toFixed(1)}" y="${y(b.value).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${b.color ?? COLOR.accent}"/>`,
      text(cx, y(b.value) - 2.5, String(b.value), `font-size="7" fill="${COLOR.ink}" text-anchor="middle"`),
      text(cx, top + plotH + 10, b.label, `font-size="6.8" fill="${COLOR.ink}" text-anchor="middle"`),
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${o.width}" height="${o.height}" viewBox="0 0 ${o.width} ${o.height}">${parts.join('')}</svg>`;
}

export function barChart(bars: Bar[], o: BarChartOptions): Content {
  return { svg: barChartSvg(bars, o), width: o.width };
}

/**
 * One horizontal bar split into coloured parts (e.g. HIGH / MEDIUM / LOW), with a legend that
 * gives each part's count and share: a distribution at a glance.
 */
export function shareBarSvg(parts: Bar[], width: number, title?: string): string {
  const total = parts.reduce((s, p) => s + p.value, 0);
  const top = title ? 16 : 0;
  const out: string[] = [];
  if (title) out.push(text(0, 10, title, `font-size="8.5" font-weight="bold" fill="${COLOR.navy}"`));
  let x = 0;
  for (const p of parts) {
    const w = total === 0 ? 0 : (p.value / total) * width;
    if (w > 0) {
      out.push(
        `<rect x="${x.toFixed(1)}" y="${top}" width="${w.toFixed(1)}" height="12" fill="${p.color ?? COLOR.accent}"/>`,
      );
    }
    x += w;
  }
  if (total === 0) out.push(`<rect x="0" y="${top}" width="${width}" height="12" fill="${COLOR.hair}"/>`);
  const slot = width / Math.max(1, parts.length);
  parts.forEach((p, i) => {
    const lx = i * slot;
    const share = total === 0 ? 0 : Math.round((p.value / total) * 100);
    out.push(
      `<rect x="${lx.toFixed(1)}" y="${top + 19}" width="7" height="7" fill="${p.color ?? COLOR.accent}"/>`,
      text(lx + 10, top + 25.5, `${p.label}: ${p.value} (${share}%)`, `font-size="7.5" fill="${COLOR.ink}"`),
    );
  });
  const height = top + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${out.join('')}</svg>`;
}

export function shareBar(parts: Bar[], width: number, title?: string): Content {
  return { svg: shareBarSvg(parts, width, title), width };
}

/** A small progress bar (goal progress, mentor load) for a table cell. */
export function meterSvg(fraction: number, width: number, color: string = COLOR.accent): string {
  const f = Math.max(0, Math.min(1, fraction));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="6" viewBox="0 0 ${width} 6"><rect x="0" y="0" width="${width}" height="6" fill="${COLOR.hair}"/><rect x="0" y="0" width="${(f * width).toFixed(1)}" height="6" fill="${color}"/></svg>`;
}
