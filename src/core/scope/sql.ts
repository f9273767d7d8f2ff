import { expressionBuilder, sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A where-clause on some table alias; pass it to `.where(...)` of any query naming that alias. */
export type Predicate = Expression<SqlBool>;

export const TRUE: Predicate = sql<SqlBool>`1 = 1`;
export const FALSE: Predicate = sql<SqlBool>`1 = 0`;

/**
 * Subqueries inside predicates come from a free-standing builder so a predicate needs no database
 * handle; they compile into whatever query (or transaction) they are placed in. Inner aliases are
 * prefixed `scope_` so they never shadow the caller's aliases.
 */
export const qb = (): ReturnType<typeof expressionBuilder<Database>> => expressionBuilder<Database>();

/** `alias.column` as a reference (aliases are chosen by the caller, so they are plain strings). */
export const col = (alias: string, column: string): RawBuilder<unknown> => sql.ref(`${alias}.${column}`);

export function eq(ref: Expression<unknown>, value: string | number): Predicate {
  return sql<SqlBool>`${ref} = ${value}`;
}

/**
 * `ref IN (subquery)`. Kysely wraps an interpolated query in parentheses itself; adding a second
 * pair would make MySQL read it as a one-row scalar subquery.
 */
export function isIn(ref: Expression<unknown>, sub: Expression<unknown>): Predicate {
  return sql<SqlBool>`${ref} in ${sub}`;
}

export function inList(ref: Expression<unknown>, values: readonly string[]): Predicate {
  if (values.length === 0) return FALSE;
  return sql<SqlBool>`${ref} in (${sql.join(values)})`;
}

export function anyOf(...ps: Predicate[]): Predicate {
  if (ps.length === 0) return FALSE;
  return sql<SqlBool>`(${sql.join(ps, sql` or `)})`;
}

export function allOf(...ps: Predicate[]): Predicate {
  if (ps.length === 0) return TRUE;
  return sql<SqlBool>`(${sql.join(ps, sql` and `)})`;
}
