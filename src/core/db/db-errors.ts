import { AppError } from '../errors.ts';

// Services check their rules first; these mappings catch the races and the rules only the database
// knows (a unique key hit by two offices at once), in words a user can act on.
/** A full disk under the local SQLite file (SQLITE_FULL; also what max_page_count produces). */
export const LOCAL_DISK_FULL_MESSAGE =
  'This computer’s disk is full, so nothing was saved. Your earlier records are safe. Free some space (empty the recycle bin, remove large downloads) or ask IT for help, then try again.';
/** The central server's disk or table space is full (MariaDB ER_RECORD_FILE_FULL / ER_DISK_FULL). */
export const CENTRAL_DISK_FULL_MESSAGE =
  'The central database server has run out of space, so nothing was saved. Your earlier records are safe. Tell the person who looks after the server; try again once they have made room.';

export function dbErrorToAppError(err: unknown): AppError | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; errno?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const errno = typeof e.errno === 'number' ? e.errno : 0;
  if (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'ER_DUP_ENTRY'
  ) {
    return new AppError('CONFLICT', 'A record with the same unique value already exists.');
  }
  // SQLite reports a violated ON DELETE RESTRICT as a trigger constraint.
  if (
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    code === 'SQLITE_CONSTRAINT_TRIGGER' ||
    code === 'ER_ROW_IS_REFERENCED_2' ||
    code === 'ER_ROW_IS_REFERENCED' ||
    code === 'ER_NO_REFERENCED_ROW_2'
  ) {
    return new AppError(
      'CONFLICT',
      'This record is still in use by other records, or refers to one that no longer exists.',
    );
  }
  // CHECK constraints: MariaDB errno 4025 (its driver names it wrongly), MySQL 8 errno 3819.
  if (code === 'SQLITE_CONSTRAINT_CHECK' || errno === 4025 || errno === 3819) {
    return new AppError('VALIDATION', 'A value is outside the range this field allows.');
  }
  if (code === 'SQLITE_BUSY' || code === 'ER_LOCK_WAIT_TIMEOUT' || code === 'ER_LOCK_DEADLOCK') {
    return new AppError('CONFLICT', 'The database was busy. Please try again.');
  }
  // Disk full: typed, with what to do, instead of "something went wrong". SQLite rolls the
  // statement's transaction back, so the call wrote nothing.
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('INTERNAL', LOCAL_DISK_FULL_MESSAGE);
  if (code === 'ER_RECORD_FILE_FULL' || code === 'ER_DISK_FULL' || errno === 1114 || errno === 1021) {
    return new AppError('INTERNAL', CENTRAL_DISK_FULL_MESSAGE);
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
