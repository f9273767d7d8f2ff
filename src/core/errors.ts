import type { ErrorCode, FieldIssue } from '../shared/result.ts';

/**
 * An expected failure a service reports to the user (wrong password, not in scope, duplicate roll
 * number...). dispatch turns it into `{ ok: false, error }`. Anything else thrown is a bug: logged,
 * and returned as INTERNAL without internals.
 */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /**
     * Keep the transaction's writes even though the call fails: a failed login must still record
     * its audit row (and so count towards lockout).
     */
    readonly commit = false,
  ) {
    super(message);
  }
}

export const notFound = (what: string): AppError =>
  new AppError('NOT_FOUND', `${what} was not found, or you do not have access to it.`);

export const forbidden = (message = 'You do not have permission to do this.'): AppError =>
  new AppError('FORBIDDEN', message);

export const conflict = (message: string): AppError => new AppError('CONFLICT', message);

export const invalid = (path: string, message: string): AppError =>
  new AppError('VALIDATION', message, [{ path, message }]);
