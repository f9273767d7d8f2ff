// Errors are data across the boundary (STYLE.md §3): a small closed set of codes the UI switches on.
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OFFLINE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field; `path` is the field's dotted path ("actionItems.0.text"). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppErrorData {
  code: ErrorCode;
  /** Words a department office user can act on; never a stack trace or SQL. */
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorData };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});
