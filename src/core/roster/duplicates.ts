import { cellText } from './values.ts';
import type { RosterRow } from './roster.types.ts';
import type { RowProblem } from './validate.types.ts';

export const rollKey = (s: string): string => s.trim().replace(/\s+/g, ' ').toUpperCase();
export const emailKey = (s: string): string =>
  s
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();

const COUNT_WORDS = ['', 'once', 'twice'];

/** "rows 14 and 87", "rows 14, 87 and 102". */
export function rowList(rows: readonly number[]): string {
  if (rows.length === 1) return `row ${rows[0]}`;
  return `rows ${rows.slice(0, -1).join(', ')} and ${rows[rows.length - 1]}`;
}

/**
 * Every row whose value in `column` repeats another row's (after normalising with `key`) gets a
 * problem naming all the rows involved: the clerk decides which one is right, so none is imported.
 */
export function findDuplicates(
  rows: readonly RosterRow[],
  column: string | undefined,
  label: string,
  key: (s: string) => string,
): RowProblem[] {
  if (!column) return [];
  const groups = new Map<string, RosterRow[]>();
  for (const r of rows) {
    const k = key(cellText(r.cells[column]));
    if (k === '') continue;
    const group = groups.get(k);
    if (group) group.push(r);
    else groups.set(k, [r]);
  }
  const problems: RowProblem[] = [];
  for (const [k, group] of groups) {
    if (group.length < 2) continue;
    const times = COUNT_WORDS[group.length] ?? `${group.length} times`;
    const message = `${label} ${k} appears ${times} in this file (${rowList(group.map((r) => r.rowNumber))}).`;
    for (const r of group) {
      problems.push({ row: r.rowNumber, column, value: cellText(r.cells[column]), message });
    }
  }
  return problems;
}
