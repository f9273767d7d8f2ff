// Problems with the data files themselves, in words an office user (or the person they phone) can
// act on. Every message says what happened, what was NOT lost, and what to do next.

export type OpsProblem =
  | 'DISK_FULL'
  | 'READ_ONLY'
  | 'CORRUPT'
  | 'NOT_SMMS'
  | 'TOO_NEW'
  | 'IN_USE'
  | 'NOT_FOUND'
  | 'MIGRATION_ROLLED_BACK'
  | 'MIGRATION_FAILED'
  | 'NOT_LOCAL';

export class OpsError extends Error {
  override name = 'OpsError';
  constructor(
    readonly problem: OpsProblem,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface CodedError {
  code?: unknown;
  message?: unknown;
}

function codeOf(err: unknown): string {
  const code = (err as CodedError | null)?.code;
  return typeof code === 'string' ? code : '';
}

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'EFBIG']);
const READ_ONLY_CODES = new Set([
  'EROFS',
  'EACCES',
  'EPERM',
  'SQLITE_READONLY',
  'SQLITE_READONLY_DIRECTORY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR_WRITE',
]);

export function isDiskFull(err: unknown): boolean {
  const text = String((err as CodedError | null)?.message ?? '');
  return DISK_FULL_CODES.has(codeOf(err)) || /database or disk is full|no space left/i.test(text);
}

export function isReadOnly(err: unknown): boolean {
  const text = String((err as CodedError | null)?.message ?? '');
  return (
    READ_ONLY_CODES.has(codeOf(err)) || /read-?only|permission denied|unable to open database/i.test(text)
  );
}

/**
 * A file-system failure while doing `action` ("create the backup") at `where`, turned into an
 * OpsError when it is one the user can fix (full disk, read-only folder); anything else unchanged.
 */
export function describeFsError(err: unknown, action: string, where: string, notLost: string): unknown {
  if (err instanceof OpsError) return err;
  if (isDiskFull(err)) {
    return new OpsError(
      'DISK_FULL',
      `Could not ${action}: the disk holding ${where} is full. ${notLost} Free some space ` +
        `(or choose another folder) and try again.`,
      { code: codeOf(err) },
    );
  }
  if (isReadOnly(err)) {
    return new OpsError(
      'READ_ONLY',
      `Could not ${action}: ${where} is read-only or this user account may not write there. ` +
        `${notLost} Ask IT to give this account write access, or choose another data folder.`,
      { code: codeOf(err) },
    );
  }
  return err;
}
