import { summarize, round } from './stats.ts';
import type { Measurement, Target, Unit } from './types.ts';

// Turns measurements into the rows of bench/results/latest.json: median, p95, the ceiling's median
// (taken in the same run), the ratio and the verdict against the target.

export interface ResultRow {
  id: string;
  title: string;
  unit: Unit;
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
  ceiling: { id: string; median: number; factor: number; note?: string } | null;
  ratio: number | null;
  errors: number | null;
  target: Target | null;
  targetText: string;
  /** null: a reference figure with no target. */
  pass: boolean | null;
  failures: string[];
  details?: Record<string, unknown>;
}

export function targetText(t: Target | undefined, unit: Unit): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.maxRatio !== undefined) parts.push(`≤ ${t.maxRatio}×`);
  if (t.maxMedian !== undefined) parts.push(`median ≤ ${fmt(t.maxMedian, unit)}`);
  if (t.maxP95 !== undefined) parts.push(`p95 ≤ ${fmt(t.maxP95, unit)}`);
  if (t.maxErrors !== undefined) parts.push(`${t.maxErrors} errors`);
  return parts.join(', ');
}

export function fmt(v: number, unit: Unit): string {
  if (unit === 'MB') return `${Math.round(v)} MB`;
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${Math.round(v)} ms`;
  return `${v.toFixed(v >= 10 ? 1 : 2)} ms`;
}

export function evaluate(all: readonly Measurement[]): ResultRow[] {
  const byId = new Map(all.map((m) => [m.id, m]));
  return all.map((m) => {
    const s = summarize(m.samples);
    const base = m.ceiling?.samples ?? (m.ceiling ? byId.get(m.ceiling.id)?.samples : undefined);
    const factor = m.ceiling?.factor ?? 1;
    const ceilingMedian = base && base.length > 0 ? summarize(base).median : null;
    const ratio = ceilingMedian ? round(s.median / (ceilingMedian * factor), 2) : null;
    const failures: string[] = [];
    const t = m.target;
    if (t) {
      if (t.maxRatio !== undefined) {
        if (ratio === null) failures.push(`no ceiling ${m.ceiling?.id ?? ''} measured`);
        else if (ratio > t.maxRatio) failures.push(`ratio ${ratio}× > ${t.maxRatio}×`);
      }
      if (t.maxMedian !== undefined && s.median > t.maxMedian)
        failures.push(`median ${fmt(s.median, m.unit)} > ${fmt(t.maxMedian, m.unit)}`);
      if (t.maxP95 !== undefined && s.p95 > t.maxP95)
        failures.push(`p95 ${fmt(s.p95, m.unit)} > ${fmt(t.maxP95, m.unit)}`);
      if (t.maxErrors !== undefined && (m.errors ?? 0) > t.maxErrors)
        failures.push(`${m.errors} errors > ${t.maxErrors}`);
    }
    return {
      id: m.id,
      title: m.title,
      unit: m.unit,
      ...s,
      ceiling:
        m.ceiling && ceilingMedian !== null
          ? {
              id: m.ceiling.id,
              median: ceilingMedian,
              factor,
              ...(m.ceiling.note ? { note: m.ceiling.note } : {}),
            }
          : null,
      ratio,
      errors: m.errors ?? null,
      target: t ?? null,
      targetText: targetText(t, m.unit),
      pass: t ? failures.length === 0 : null,
      failures,
      ...(m.details ? { details: m.details } : {}),
    };
  });
}
