// Progress of long reports (ARCHITECTURE.md: long work reports `{ taskId, done, total, label }`).
// A handler cannot reach Core.emit, so reports (and roster imports) publish here and createCore
// forwards every event to its listeners as `task:progress` (app.ts), which the shells deliver.
// Only calls that carry a `taskId` publish; the CLI passes its own callback to generateReport.

export interface TaskProgress {
  taskId: string;
  done: number;
  total: number;
  label: string;
}

export type ProgressFn = (done: number, total: number, label: string) => void;

const listeners = new Set<(e: TaskProgress) => void>();

export function subscribeReportProgress(listener: (e: TaskProgress) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The progress function for one call: publishes under its taskId, and to `extra` if given. */
export function progressFor(taskId: string | undefined, extra?: ProgressFn): ProgressFn {
  return (done, total, label) => {
    extra?.(done, total, label);
    if (!taskId) return;
    for (const l of listeners) l({ taskId, done, total, label });
  };
}

/** Stages of every report on a 0..100 scale: reading data, laying out, drawing pages. */
export const STAGE = { read: 0, layout: 30, draw: 40, done: 100 } as const;

/** Maps pdfmake's drawing fraction onto the draw stage, at most once per whole percent. */
export function drawProgress(progress: ProgressFn): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    // Drawing ends at 99: 100 is reported once, as 'Done', when the file is ready.
    const done = STAGE.draw + Math.floor(fraction * (STAGE.done - 1 - STAGE.draw));
    if (done === last) return;
    last = done;
    progress(done, STAGE.done, 'Drawing pages');
  };
}

// Cancelling: a call with a taskId registers it while it runs; `reports:cancel` from the same user
// aborts it (the render worker stops drawing). Task ids are the shell's random UUIDs; the owner check
// keeps one user from stopping another's report on a shared browser shell.
const running = new Map<string, { controller: AbortController; userId: string }>();

export interface RunningTask {
  signal: AbortSignal | undefined;
  end(): void;
}

export function beginTask(taskId: string | undefined, userId: string): RunningTask {
  if (!taskId) return { signal: undefined, end: () => {} };
  const entry = { controller: new AbortController(), userId };
  running.set(taskId, entry);
  return {
    signal: entry.controller.signal,
    end: () => {
      if (running.get(taskId) === entry) running.delete(taskId);
    },
  };
}

/** Aborts the user's running task; false when there is none (already finished, or not theirs). */
export function cancelTask(taskId: string, userId: string): boolean {
  const entry = running.get(taskId);
  if (!entry || entry.userId !== userId) return false;
  running.delete(taskId);
  entry.controller.abort();
  return true;
}
