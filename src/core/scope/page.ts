import { sql, type Expression, type SelectQueryBuilder } from 'kysely';
import { allOf, anyOf, TRUE, type Predicate } from './sql.ts';

// Server-side paging for list calls: one COUNT over the filtered (and scoped) query, then one page
// of rows ordered by a whitelisted sort key with the id as tie-breaker, so pages never overlap.

export interface PageInput {
  page: number;
  pageSize: number;
  dir: 'asc' | 'desc';
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** LIKE pattern matching `term` anywhere; `!` escapes the wildcards (same on SQLite and MySQL). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

function like(ref: Expression<unknown>, pattern: string): Predicate {
  return sql`${ref} like ${pattern} escape '!'`;
}

/**
 * Search box semantics: every word typed must appear in at least one of the columns, so
 * "asha 21cs" finds Asha with roll number 21CS1001. Case-insensitive on both dialects (MySQL's
 * unicode_ci collation; SQLite's LIKE folds ASCII).
 */
export function searchPredicate(refs: Expression<unknown>[], search: string | undefined): Predicate {
  const words = (search ?? '').split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return TRUE;
  return allOf(...words.map((w) => anyOf(...refs.map((r) => like(r, containsPattern(w))))));
}

/**
 * Sort key for names and other free text: case-insensitive on both dialects (MySQL's collation
 * already is; SQLite compares bytes, which would put "de Souza" after "Zade").
 */
export function textKey(ref: Expression<unknown>): Expression<unknown> {
  return sql`lower(${ref})`;
}

/**
 * Lists whose scope has a correlated-EXISTS form (scopeSessionsCorrelated,
 * scopeAuditLogsCorrelated) use it for pages ending within this many rows: SQLite then walks the
 * sort's index and stops after the page. A walk reads every skipped row and rows outside the
 * scope, so deeper pages (far pages, exports) use the IN form, which sorts the scope once.
 */
export const WALK_ROWS = 250;

export async function countRows<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
): Promise<number> {
  const row = await q
    .clearSelect()
    .select(sql<number | string>`count(*)`.as('n'))
    .executeTakeFirst();
  return Number((row as { n?: number | string } | undefined)?.n ?? 0);
}

/**
 * Orders by the sort key's expressions (then `tieBreaker` ascending) and cuts one page. The
 * caller's query already carries its select list, scope and filters.
 */
export function pageQuery<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  input: PageInput,
  order: Expression<unknown>[],
  tieBreaker: Expression<unknown>,
): SelectQueryBuilder<DB, TB, O> {
  return pageOrder(q, input.dir, order, tieBreaker)
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
}

/**
 * A page's sort: the chosen columns in the chosen direction, then the tie-breaker ascending. Also
 * for re-reading a page cut on ids (pageQuery over ids only), so its rows come back in page order.
 */
export function pageOrder<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  dir: PageInput['dir'],
  order: Expression<unknown>[],
  tieBreaker: Expression<unknown>,
): SelectQueryBuilder<DB, TB, O> {
  let out = q;
  for (const e of order) out = out.orderBy(e, dir);
  return out.orderBy(tieBreaker, 'asc');
}
