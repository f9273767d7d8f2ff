import { fmt, type ResultRow } from './evaluate.ts';

// The console table: one line per measurement, ceilings first within each group as benchmarks emit.

const COLUMNS = ['benchmark', 'n', 'median', 'p95', 'ceiling', 'ratio', 'target', 'result'] as const;

export function renderTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((r) => [
    r.title,
    String(r.n),
    fmt(r.median, r.unit),
    fmt(r.p95, r.unit),
    r.ceiling
      ? `${fmt(r.ceiling.median * r.ceiling.factor, r.unit)}${r.ceiling.factor !== 1 ? ` (×${r.ceiling.factor})` : ''}`
      : '',
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    r.targetText,
    r.pass === null ? 'ref' : r.pass ? 'PASS' : `FAIL`,
  ]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string =>
    c
      .map((v, i) => (i === 0 || i >= 6 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same table as GitHub markdown, for the README. */
export function renderMarkdown(rows: readonly ResultRow[]): string {
  const head = `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map((_, i) => (i === 0 || i >= 6 ? ' --- ' : ' ---: ')).join('|')}|`;
  const body = rows.map((r) =>
    [
      r.title,
      r.n,
      fmt(r.median, r.unit),
      fmt(r.p95, r.unit),
      r.ceiling ? fmt(r.ceiling.median * r.ceiling.factor, r.unit) : '',
      r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
      r.targetText,
      r.pass === null ? 'ref' : r.pass ? 'pass' : `**FAIL**`,
    ].join(' | '),
  );
  return [head, ...body.map((b) => `| ${b} |`)].join('\n');
}

const isQuery = (r: ResultRow): boolean => r.id.startsWith('query.');

/**
 * The README's Performance tables from a results file: every figure except the per-call query rows,
 * which are summed up (how many meet p95 ≤ 20 ms) with the calls that miss listed on their own.
 */
export function renderReadme(rows: readonly ResultRow[]): string {
  const queries = rows.filter(isQuery);
  const missed = queries.filter((r) => r.pass === false);
  const out = [renderMarkdown(rows.filter((r) => !isQuery(r)))];
  if (queries.length > 0) {
    out.push(
      '',
      `Dashboard and list calls: ${queries.length - missed.length} of ${queries.length} meet p95 ≤ 20 ms. The ones that do not:`,
      '',
      renderMarkdown(missed),
    );
  }
  return out.join('\n');
}
