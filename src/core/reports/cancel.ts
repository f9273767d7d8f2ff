import { AppError } from '../errors.ts';

// Cancelling a long report (record books). The running call registers its taskId with the user who
// started it; `record-books:cancel` from the same user marks it, and the running call checks between books
// (reading) and before and after drawing. Nothing is written, so stopping leaves nothing behind.

interface Running {
  userId: string;
  cancelled: boolean;
}

const running = new Map<string, Running>();

export class CancelledError extends AppError {
  constructor() {
    super('CONFLICT', 'Printing was cancelled; no file was produced.');
  }
}

export interface CancelToken {
  /** Throws CancelledError once the task was cancelled. */
  check(): void;
  done(): void;
}

export function startTask(taskId: string | undefined, userId: string): CancelToken {
  if (!taskId) return { check: () => {}, done: () => {} };
  const entry: Running = { userId, cancelled: false };
  running.set(taskId, entry);
  return {
    check() {
      if (entry.cancelled) throw new CancelledError();
    },
    done() {
      if (running.get(taskId) === entry) running.delete(taskId);
    },
  };
}

/** Marks the user's running task cancelled; false when no such task is running (already finished). */
export function cancelTask(taskId: string, userId: string): boolean {
  const entry = running.get(taskId);
  if (!entry || entry.userId !== userId) return false;
  entry.cancelled = true;
  return true;
}
