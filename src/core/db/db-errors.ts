import { AppError } from '../errors.ts';

// Services check their rules first; these mappings catch the races and the rules only the database
// knows (a unique key hit by two offices at once), in words a user can act on.
export function dbErrorToAppError(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY'
  ) {
    return new AppError('CONFLICT', 'A record with the same unique value already exists.');
  }
  if (
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'ER_ROW_IS_REFERENCED_2' ||
    code === 'ER_ROW_IS_REFERENCED' ||
    code === 'ER_NO_REFERENCED_ROW_2'
  ) {
    return new AppError(
      'CONFLICT',
      'This record is still in use by other records, or refers to one that no longer exists.',
    );
  }
  if (code === 'SQLITE_BUSY' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ER_LOCK_DEADLOCK') {
    return new AppError('CONFLICT', 'The database was busy. Please try again.');
  }
  if (
    code === 'ECONNREFUSED' ||
    code === 'PROTOCOL_CONNECTION_LOST' ||
    code === 'ETIMEDOUT' ||
    code === 'ENOTFOUND'
  ) {
    return new AppError('OFFLINE', 'The central database cannot be reached right now.');
  }
  return null;
}
