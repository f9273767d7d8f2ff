import { z } from 'zod';
import { isEmpty, parseName, type Parsed } from './fields.ts';
import type { CellOf } from './validate-engine.ts';
import type { ColumnMapping, MentorField, StudentField } from './mapping.ts';
import type { CellValue } from './roster.types.ts';

// Pieces both roster schemas share: the zod wrapper around a field parser and the name columns.

export type Cell = CellValue | undefined;

export type Step<I, T> = z.ZodTransform<Awaited<T>, I>;

/**
 * A zod step around one field parser, so the parser's sentence becomes the zod issue's message.
 * A bare transform, not z.custom().transform(): the parser already accepts any cell, and the pipe
 * made zod's per-row cost about six times higher (10,000 rows × 9 fields in every preview).
 */
export const step = <I, T>(parse: (input: I) => Parsed<T>): Step<I, T> =>
  z.transform((input: I, ctx): T => {
    const r = parse(input);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

export interface NameCells {
  first: Cell;
  last: Cell;
  full: Cell;
}

export const nameStep = step((n: NameCells) => parseName(n.first, n.last, n.full));

export const nameInput = (cell: CellOf): NameCells => ({
  first: cell('firstName'),
  last: cell('lastName'),
  full: cell('fullName'),
});

/** A name problem belongs to First Name when that cell was filled, else to the Name column. */
export const nameColumn = (
  mapping: ColumnMapping<StudentField | MentorField>,
  cell: CellOf,
): string | undefined =>
  !isEmpty(cell('firstName')) ? mapping.firstName : (mapping.fullName ?? mapping.firstName);

/** Drops undefined keys so "not given" is absent, not present-but-undefined, in the typed row. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out as Partial<T>;
}

/** The file-only checks' cache key (validate-engine.ts): roster kind, mapping and known programs. */
export function checksKey(
  kind: string,
  mapping: ColumnMapping<StudentField | MentorField>,
  knownPrograms?: readonly string[],
): string {
  const pairs = Object.entries(mapping)
    .filter(([, h]) => h !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([kind, pairs, knownPrograms ?? null]);
}
