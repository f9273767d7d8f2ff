import { z } from 'zod';

// Field and list schemas shared by the organisation/user contracts (and open to later features).
// Every string has a maximum no larger than its column, so nothing a user types can reach the
// database as a "data too long" error.

export const SORT_DIRS = ['asc', 'desc'] as const;
export const MAX_PAGE_SIZE = 200;

/**
 * The input of a list call: page (1-based), pageSize (≤ 200), a whitelisted sort key, a direction
 * and the call's own filters. Strict: unknown keys are refused. The return type is inferred on
 * purpose: the zod schema type is what gives the call its TypeScript input type.
 */
export function listInput<const K extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortKeys: K,
  defaults: { sort: K[number]; dir?: (typeof SORT_DIRS)[number] },
  filters: F,
) {
  return z.strictObject({
    page: z.number().int().min(1, 'Pages start at 1.').max(100_000).default(1),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE, `At most ${MAX_PAGE_SIZE} rows per page.`)
      .default(50),
    sort: z.enum(sortKeys).default(defaults.sort as K[number] & string),
    dir: z.enum(SORT_DIRS).default(defaults.dir ?? 'asc'),
    ...filters,
  });
}

/** `{ rows, total }`: one page of rows and the number of rows matching the filters (type inferred: zod). */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ rows: z.array(row), total: z.number().int().min(0) });
}

/** Free text that may be cleared: trimmed, and an empty string means "none" (null). Type inferred: zod. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullable()
    .transform((v) => (v === '' ? null : v));
}

export const searchText = z.string().trim().max(100, 'Search for at most 100 characters.').optional();

export const phone = z
  .string()
  .trim()
  .max(20, 'At most 20 characters.')
  .regex(/^[0-9+()\-.\s]*$/, 'Use digits, spaces and + ( ) - . only.')
  .nullable()
  .transform((v) => (v === '' ? null : v));

export const webUrl = z
  .string()
  .trim()
  .max(500, 'At most 500 characters.')
  .refine((v) => v === '' || /^https?:\/\/[^\s]+$/i.test(v), 'Use a web address starting with https://')
  .nullable()
  .transform((v) => (v === '' ? null : v));

/** A number with at most two decimals (DECIMAL(p,2) columns), within [min, max]. */
export function decimal2(min: number, max: number, label: string) {
  return z
    .number()
    .min(min, `${label} must be between ${min} and ${max}.`)
    .max(max, `${label} must be between ${min} and ${max}.`)
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, `${label} takes at most 2 decimals.`)
    .transform((v) => Math.round(v * 100) / 100);
}

export const rollNumber = z
  .string()
  .trim()
  .toUpperCase()
  .min(1, 'Required.')
  .max(50, 'At most 50 characters.')
  .regex(/^[A-Z0-9][A-Z0-9/_.-]*$/, 'Use letters, digits and / _ . - only (for example 21CS1001).');
